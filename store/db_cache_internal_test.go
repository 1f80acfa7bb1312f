package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// TestTheWideCacheGoesWithItsConnection widens the writer's cache in
// transactions that commit, fail and are cancelled, and checks each time
// that the next transaction runs on a new connection (a temporary table,
// which lives as long as its connection, is gone) with the usual cache: a
// first import must not leave the server's only writer holding a hundred
// megabytes.
func TestTheWideCacheGoesWithItsConnection(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cacheSize := func(tx *Tx) int {
		t.Helper()
		var kib int
		if err := tx.QueryRowContext(context.Background(), `PRAGMA cache_size`).Scan(&kib); err != nil {
			t.Fatal(err)
		}
		return -kib
	}
	failed := errors.New("the import failed")
	for _, end := range []struct {
		name string
		err  error
	}{{"committed", nil}, {"failed", failed}, {"cancelled", context.Canceled}} {
		ctx, cancel := context.WithCancel(context.Background())
		err := db.inTx(ctx, func(tx *Tx) error {
			if err := tx.widenCache(ctx); err != nil {
				return err
			}
			if got := cacheSize(tx); got != wideCacheKiB {
				t.Errorf("%s: the widened cache is %d KiB, want %d", end.name, got, wideCacheKiB)
			}
			if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE widened (x)`); err != nil {
				t.Fatal(err)
			}
			if end.err == context.Canceled {
				cancel()
			}
			return end.err
		})
		cancel()
		if !errors.Is(err, end.err) {
			t.Fatalf("%s: %v", end.name, err)
		}
		err = db.inTx(context.Background(), func(tx *Tx) error {
			if got := cacheSize(tx); got != cacheKiB {
				t.Errorf("after a transaction that %s, the writer's cache is %d KiB, want %d", end.name, got, cacheKiB)
			}
			var kept int
			if err := tx.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM sqlite_temp_master WHERE name = 'widened'`).Scan(&kept); err != nil || kept != 0 {
				t.Errorf("after a transaction that %s, the widened connection is still in use (%d, %v)", end.name, kept, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
