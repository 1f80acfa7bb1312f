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

// The benchmarks import a generated national list of 100,000 members, the
// same people the demo has, into SQLite and (when RANKFILE_TEST_POSTGRES is
// set) PostgreSQL. Reproduce with
//
//	go test ./store -run '^$' -bench . -benchtime 3x
//
// BENCHMARKS.md has the figures and the whole-process measurements.

const benchMembers = 100_000

var benchList = sync.OnceValue(func() []byte {
	list, err := demo.NationalList(benchMembers, rankfile.MustParseDate("2026-11-01"))
	if err != nil {
		panic(err)
	}
	return list
})

// benchEach runs a benchmark on each available database.
func benchEach(b *testing.B, fn func(b *testing.B, dsn func() string)) {
	b.Run(store.SQLite, func(b *testing.B) { fn(b, func() string { return storetest.SQLiteDSN(b) }) })
	b.Run(store.Postgres, func(b *testing.B) { fn(b, func() string { return storetest.PostgresDSN(b) }) })
}

func benchImport(b *testing.B, db *store.DB) *rankfile.ImportReport {
	return benchImportList(b, db, benchList())
}

// benchImportList imports a list into db.
func benchImportList(b *testing.B, db *store.DB, list []byte) *rankfile.ImportReport {
	src, err := roster.NewReader(bytes.NewReader(list))
	if err != nil {
		b.Fatal(err)
	}
	r, err := store.NewRosterService(db).ImportRoster(ctx, src, rankfile.ImportOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func reportRows(b *testing.B, rows int) {
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkImportIntoAnEmptyRoster imports the list into a new database.
func BenchmarkImportIntoAnEmptyRoster(b *testing.B) {
	benchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		benchFreshImports(b, dsn, benchList(), benchMembers, nil)
	})
}

// benchFreshImports imports a list of n members into a new database each
// round, made ready by prepare (nil for nothing) before the clock runs.
func benchFreshImports(b *testing.B, dsn func() string, list []byte, n int, prepare func(*store.DB)) {
	for b.Loop() {
		b.StopTimer()
		db, err := store.Open(ctx, dsn())
		if err != nil {
			b.Fatal(err)
		}
		db.Keys = storetest.NewKeyring(b)
		if prepare != nil {
			prepare(db)
		}
		b.StartTimer()
		if r := benchImportList(b, db, list); r.Added != n {
			b.Fatalf("added %d", r.Added)
		}
		b.StopTimer()
		db.Close() // a database and its cache per round would weigh on the next
		b.StartTimer()
	}
	reportRows(b, n)
}

// BenchmarkImportTheSameListAgain imports a list the roster already holds.
func BenchmarkImportTheSameListAgain(b *testing.B) {
	benchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		benchImport(b, db)
		for b.Loop() {
			if r := benchImport(b, db); r.Unchanged != benchMembers {
				b.Fatalf("unchanged %d", r.Unchanged)
			}
		}
		reportRows(b, benchMembers)
	})
}

// BenchmarkResortBranches places 100,000 members by the demo's branches:
// first when everyone moves (the first boundaries), then when nobody does.
func BenchmarkResortBranches(b *testing.B) {
	benchList()
	js := demo.Branches()
	for _, moves := range []string{"everyone-moves", "nobody-moves"} {
		b.Run(moves, func(b *testing.B) {
			benchEach(b, func(b *testing.B, dsn func() string) {
				db := storetest.Open(b, dsn())
				benchImport(b, db)
				branches := store.NewBranchService(db)
				for b.Loop() {
					if moves == "everyone-moves" {
						b.StopTimer()
						if _, err := branches.LoadBranches(ctx, js[:1], rankfile.BranchOptions{}); err != nil {
							b.Fatal(err) // all but one branch gone: most members unassigned
						}
						b.StartTimer()
					}
					if _, err := branches.LoadBranches(ctx, js, rankfile.BranchOptions{}); err != nil {
						b.Fatal(err)
					}
				}
				reportRows(b, benchMembers)
			})
		})
	}
}

// rosterSearches are the roster page's searches the web benchmark sends
// (scripts/bench-web), as filters.
var rosterSearches = map[string]rankfile.MemberFilter{
	"all":             {},
	"branch":          {BranchSlug: "central"},
	"standing":        {Standing: rankfile.StandingGood},
	"name":            {Search: "garc"},
	"zip":             {Search: "900"},
	"branch-standing": {BranchSlug: "westside", Standing: rankfile.StandingLapsed},
	"deep-page":       {Standing: rankfile.StandingGood, Offset: 40 * 50},
	"unassigned":      {Unassigned: true},
}

// BenchmarkFindMembers runs a roster page's search, 50 brief members and
// the total, over 100,000 members placed in the demo's branches.
func BenchmarkFindMembers(b *testing.B) {
	benchList()
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		benchImport(b, db)
		if _, err := store.NewBranchService(db).LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{}); err != nil {
			b.Fatal(err)
		}
		members := store.NewMemberService(db)
		for name, f := range rosterSearches {
			b.Run(name, func(b *testing.B) {
				f.Limit, f.Brief = 50, true // as the roster page asks
				for b.Loop() {
					if _, _, err := members.FindMembers(ctx, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}
