package store_test

import (
	"fmt"
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

// TestAFirstImportOfThousandsKeepsEveryRow imports more members than one
// statement or COPY takes, a third of them with a sensitive field, so that
// the sensitive rows fill their statements at other moments than the
// members they belong to: every member must come with her details and
// sensitive fields, sealed for her own row.
func TestAFirstImportOfThousandsKeepsEveryRow(t *testing.T) {
	const n = 4321
	rows := make([]string, n)
	for i := range rows {
		race := ""
		if i%3 == 0 {
			race = fmt.Sprintf("race %d", i)
		}
		rows[i] = fmt.Sprintf("%d,First%d,Last%d,m%d@example.org,90026,2027-01-01,Member,false,%s", 1000+i, i, i, i, race)
	}
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		r := importList(t, db, list(listHeader, rows...), rankfile.ImportOptions{})
		checkCounts(t, r, counts{rows: n, added: n})
		members := store.NewMemberService(db)
		for _, i := range []int{0, 1, 3, 1499, 1500, 1998, 2001, 3000, 4320} {
			m := member(t, db, fmt.Sprint(1000+i))
			if m.FirstName != fmt.Sprint("First", i) || m.Email != fmt.Sprintf("m%d@example.org", i) {
				t.Errorf("member %d stored as %+v", i, m)
			}
			want := ""
			if i%3 == 0 {
				want = fmt.Sprintf("race %d", i)
			}
			if sens, err := members.FindMemberSensitive(ctx, m.ID); err != nil || sens.Race != want {
				t.Errorf("member %d: sensitive fields %+v, %v; want race %q", i, sens, err, want)
			}
		}
	})
}
