package store_test

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTheFirstImportRestoresIndexes checks that the indexes and foreign
// keys set aside while filling an empty roster are all back, as they were.
func TestTheFirstImportRestoresIndexes(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		before, err := store.DeferrableChecks(db)
		if err != nil || len(before) < 4 {
			t.Fatalf("indexes and constraints to test with: %v, %v", before, err)
		}
		importList(t, db, october, rankfile.ImportOptions{})
		if after, _ := store.DeferrableChecks(db); !slices.Equal(after, before) {
			t.Errorf("after the first import %v,\nbefore %v", after, before)
		}
	})
}
