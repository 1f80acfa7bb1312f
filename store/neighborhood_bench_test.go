package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// BenchmarkResortNeighborhoods places 100,000 members, already in the
// demo's branches, in the demo's 13 neighborhood groups: first after only
// each branch's first group had a boundary (the members of the other eight
// groups move), then when nothing changes (the same boundaries again). Reproduce with
//
//	go test ./store -run '^$' -bench ResortNeighborhoods -benchtime 3x
func BenchmarkResortNeighborhoods(b *testing.B) {
	benchList()
	js := demo.Neighborhoods()
	var firsts []rankfile.Jurisdiction
	seen := map[string]bool{}
	for _, j := range js {
		if !seen[j.Branch] {
			seen[j.Branch] = true
			firsts = append(firsts, j)
		}
	}
	for _, moves := range []string{"after-one-group-per-branch", "nothing-changes"} {
		b.Run(moves, func(b *testing.B) {
			benchEach(b, func(b *testing.B, dsn func() string) {
				db := storetest.Open(b, dsn())
				benchImport(b, db)
				if _, err := store.NewBranchService(db).LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{}); err != nil {
					b.Fatal(err)
				}
				createDemoGroups(b, db)
				groups := store.NewNeighborhoodService(db)
				r, err := groups.LoadNeighborhoods(ctx, js, "") // the first placing is not what is measured
				if err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					if moves == "after-one-group-per-branch" {
						b.StopTimer()
						if _, err := groups.LoadNeighborhoods(ctx, firsts, ""); err != nil {
							b.Fatal(err)
						}
						b.StartTimer()
					}
					if r, err = groups.LoadNeighborhoods(ctx, js, ""); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(r.Moved), "moved")
				reportRows(b, benchMembers)
			})
		})
	}
}
