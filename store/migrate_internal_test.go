package store

import (
	"context"
	"path/filepath"
	"testing"
)

// TestANewSQLiteDatabaseMigratesWithoutTheWriterLosingItsDurability opens
// a new SQLite database, whose migrations run on a connection of their own
// that does not wait for the disk (see migrationPool): every migration is
// applied, and the writer, which commits everything else, still waits for
// the disk at each commit (synchronous=FULL, 2).
func TestANewSQLiteDatabaseMigratesWithoutTheWriterLosingItsDurability(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	current, latest, err := db.MigrationVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if current != latest || latest == 0 {
		t.Errorf("migrated to version %d of %d", current, latest)
	}
	var synchronous int
	if err := db.write.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&synchronous); err != nil {
		t.Fatal(err)
	}
	if synchronous != 2 {
		t.Errorf("the writer's synchronous is %d, not FULL (2)", synchronous)
	}
}
