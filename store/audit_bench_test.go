package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// BenchmarkAuditRecord records audit entries as the roster search and an
// export do, and chains them into the log. Reproduce with
//
//	go test ./store -run '^$' -bench AuditRecord -count 6
//
// view: roster searches' entries recorded two at a time, chained in groups
// (SQLite: into the log of views; PostgreSQL: into the log); change: an
// export's entry, chained in a transaction of its own that waits for the
// disk.
func BenchmarkAuditRecord(b *testing.B) {
	const detail = "standing=good branch=central q=garc page 1"
	benchEach(b, func(b *testing.B, dsn func() string) {
		db := storetest.Open(b, dsn())
		audit := store.NewAuditService(db)
		b.Run("view", func(b *testing.B) {
			b.SetParallelism(2)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := audit.Record(ctx, rankfile.AuditSearchRoster, 0, detail); err != nil {
						b.Error(err)
						return
					}
				}
			})
			if _, err := audit.FindAuditEntries(ctx, rankfile.AuditFilter{Limit: 1}); err != nil {
				b.Fatal(err)
			}
		})
		b.Run("change", func(b *testing.B) {
			for b.Loop() {
				if err := audit.Record(ctx, rankfile.AuditExportRoster, 0, detail); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}
