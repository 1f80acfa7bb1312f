package demo_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/roster"
)

func TestNationalListIsARealListAndRepeatable(t *testing.T) {
	date := rankfile.MustParseDate("2026-11-01")
	a, err := demo.NationalList(500, date)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := demo.NationalList(500, date)
	if !bytes.Equal(a, b) {
		t.Errorf("two lists from the same seed differ")
	}
	r, err := roster.NewReader(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.UnknownColumns(); len(got) != 0 {
		t.Errorf("the generated list has columns the importer does not know: %v", got)
	}
	good, n := 0, 0
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("record %d: %v", n+1, err)
		}
		n++
		if rec.Values[rankfile.FieldMembershipStatus] == "Member in Good Standing" {
			good++
		}
	}
	if n != 500 || good < 350 || good > 460 {
		t.Errorf("%d records, %d in good standing; want 500, about 82%% good", n, good)
	}
}

func TestBranchesAreTheFiveOfLosAngeles(t *testing.T) {
	var slugs []string
	for _, j := range demo.Branches() {
		slugs = append(slugs, j.Slug)
	}
	want := "central eastside-sgv san-fernando-valley westside south-central-inglewood"
	if got := strings.Join(slugs, " "); got != want {
		t.Errorf("branches %q, want %q", got, want)
	}
}
