package store_test

import (
	"context"
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

func TestOpenMigratesToTheLatestVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		db := storetest.Open(t, dsn)
		current, latest, err := db.MigrationVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if current != latest || latest < 1 {
			t.Errorf("version %d of %d after open", current, latest)
		}
		db.Close()
		// Opening again finds nothing to do.
		storetest.Open(t, dsn)
	})
}
