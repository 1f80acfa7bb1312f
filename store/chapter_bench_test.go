package store_test

import (
	"sync"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// The national organization: a list of 90,000 people in the national
// demo's 200 chapters (demo.NationalOrganizationList). Reproduce with
//
//	go test ./store -run '^$' -bench 'National|Chapter' -benchtime 3x

const nationalMembers = 90_000

var nationalBenchList = sync.OnceValue(func() []byte {
	list, err := demo.NationalOrganizationList(nationalMembers, rankfile.MustParseDate("2026-11-01"))
	if err != nil {
		panic(err)
	}
	return list
})

// nationalChapters makes the national demo's 200 chapters under a national
// body, and returns the one of Metro DC.
func nationalChapters(b *testing.B, db *store.DB) *rankfile.Body {
	bodies := store.NewBodyService(db)
	national := &rankfile.Body{Kind: rankfile.KindNational, Slug: "national", Name: "National organization"}
	if err := bodies.CreateBody(ctx, national); err != nil {
		b.Fatal(err)
	}
	var dc *rankfile.Body
	for _, name := range demo.NationalChapterNames() {
		c := &rankfile.Body{Kind: rankfile.KindChapter, Slug: rankfile.Slugify(name), Name: name, ParentID: national.ID}
		if err := bodies.CreateBody(ctx, c); err != nil {
			b.Fatal(err)
		}
		if name == "Metro DC" {
			dc = c
		}
	}
	return dc
}

// BenchmarkImportANationalList imports the national list of 90,000 into an
// empty roster of an organization of 200 chapters, each member placed in
// hers.
func BenchmarkImportANationalList(b *testing.B) {
	nationalBenchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		benchFreshImports(b, dsn, nationalBenchList(), nationalMembers, func(db *store.DB) { nationalChapters(b, db) })
	})
}

// BenchmarkFindChapterMembers runs a chapter steward's roster searches, 50
// brief members and the total, in Metro DC among the 90,000.
func BenchmarkFindChapterMembers(b *testing.B) {
	nationalBenchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		dc := nationalChapters(b, db)
		benchImportList(b, db, nationalBenchList())
		members := store.NewMemberService(db)
		for name, f := range map[string]rankfile.MemberFilter{
			"chapter":          {},
			"chapter-standing": {Standing: rankfile.StandingGood},
			"chapter-name":     {Search: "garc"},
			"chapter-deep":     {Offset: 40 * 50},
		} {
			b.Run(name, func(b *testing.B) {
				f.ChapterID, f.Limit, f.Brief = dc.ID, 50, true
				for b.Loop() {
					if _, n, err := members.FindMembers(ctx, f); err != nil || n == 0 {
						b.Fatal(n, err)
					}
				}
			})
		}
	})
}
