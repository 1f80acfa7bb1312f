package rankfile_test

import (
	"testing"

	"github.com/rankfile/rankfile"
)

func TestChapterKeysMatchTheListsWayOfNamingChapters(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"Los Angeles", "Los Angeles chapter"},
		{"Metro DC", "Metro DC DSA"},
		{"metro-dc", "Metro DC"},
		{"San Francisco", "Democratic Socialists of America, San Francisco"},
		{"North Carolina Triangle", "north  carolina triangle"},
	} {
		if rankfile.ChapterKey(c.a) != rankfile.ChapterKey(c.b) {
			t.Errorf("%q and %q have keys %q and %q", c.a, c.b, rankfile.ChapterKey(c.a), rankfile.ChapterKey(c.b))
		}
	}
	if rankfile.ChapterKey("Portland") == rankfile.ChapterKey("Portland ME") {
		t.Error("Portland and Portland ME are one chapter")
	}
}

func TestMembersArePlacedInTheChapterTheirListNames(t *testing.T) {
	la := &rankfile.Body{ID: 2, Kind: rankfile.KindChapter, Slug: "los-angeles", Name: "Los Angeles chapter"}
	dc := &rankfile.Body{ID: 3, Kind: rankfile.KindChapter, Slug: "metro-dc", Name: "Metro DC"}
	p := rankfile.NewChapterPlacement([]*rankfile.Body{la, dc})
	for list, want := range map[string]int64{"Los Angeles": 2, "Metro DC DSA": 3, "Boston": 0, "": 0} {
		if got := p.Place(list); got != want {
			t.Errorf("a member of %q placed in %d, want %d", list, got, want)
		}
	}
	one := rankfile.NewChapterPlacement([]*rankfile.Body{la})
	for _, list := range []string{"Los Angeles", "Orange County", ""} {
		if got := one.Place(list); got != 2 {
			t.Errorf("with one chapter, a member of %q placed in %d, want it", list, got)
		}
	}
}
