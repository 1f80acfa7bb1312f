package store_test

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTheFirstImportRestoresIndexes checks that the indexes set aside
// while filling an empty roster are all back, as they were, afterwards.
func TestTheFirstImportRestoresIndexes(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		before, err := store.SecondaryIndexes(db)
		if err != nil || len(before) < 3 {
			t.Fatalf("secondary indexes to test with: %v, %v", before, err)
		}
		importList(t, db, october, rankfile.ImportOptions{})
		if after, _ := store.SecondaryIndexes(db); !slices.Equal(after, before) {
			t.Errorf("indexes after the first import %v, before %v", after, before)
		}
	})
}
