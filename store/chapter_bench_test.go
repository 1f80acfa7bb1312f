package store_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/roster"
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

func importNational(b *testing.B, db *store.DB) *rankfile.ImportReport {
	src, err := roster.NewReader(bytes.NewReader(nationalBenchList()))
	if err != nil {
		b.Fatal(err)
	}
	r, err := store.NewRosterService(db).ImportRoster(ctx, src, rankfile.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkImportANationalList imports the national list of 90,000 into an
// empty roster of an organization of 200 chapters, each member placed in
// hers.
func BenchmarkImportANationalList(b *testing.B) {
	nationalBenchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		for b.Loop() {
			b.StopTimer()
			db, err := store.Open(ctx, dsn())
			if err != nil {
				b.Fatal(err)
			}
			db.Keys = storetest.NewKeyring(b)
			nationalChapters(b, db)
			b.StartTimer()
			if r := importNational(b, db); r.Added != nationalMembers {
				b.Fatalf("added %d", r.Added)
			}
			b.StopTimer()
			db.Close()
			b.StartTimer()
		}
		reportRows(b, nationalMembers)
	})
}

// BenchmarkFindChapterMembers runs a chapter steward's roster searches, 50
// brief members and the total, in Metro DC among the 90,000.
func BenchmarkFindChapterMembers(b *testing.B) {
	nationalBenchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		dc := nationalChapters(b, db)
		importNational(b, db)
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
