package http_test

import (
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

// BenchmarkTheBenchmarksDashboard renders the chapter's two-year
// dashboard of 730 daily snapshots, as an admin:
//
//	go test -run '^$' -bench BenchmarkTheBenchmarksDashboard ./http/
func BenchmarkTheBenchmarksDashboard(b *testing.B) {
	t := &testing.T{}
	w := newWorld(t, storetest.SQLiteDSN(b))
	w.t = t
	w.benchmarkDays(730)
	c := w.client("admin")
	b.ResetTimer()
	for range b.N {
		if status, _ := w.do(c, "GET", "/benchmarks?period=2y", nil); status != 200 {
			b.Fatal(status)
		}
	}
}
