package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
)

var ctx = rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "store tests"})

// listHeader is a short generation-B header used by most tests.
const listHeader = "actionkit_id,first_name,last_name,email,mailing_zip,xdate,membership_status,p2ptext_optout,race"

// list joins a header and rows into a national list.
func list(header string, rows ...string) string {
	return header + "\n" + strings.Join(rows, "\n") + "\n"
}

// setClock fixes the database's clock at noon UTC on day.
func setClock(db *store.DB, day string) {
	t := rankfile.MustParseDate(day).Time(time.UTC).Add(12 * time.Hour)
	db.Now = func() time.Time { return t }
}

func importList(t *testing.T, db *store.DB, text string, opts rankfile.ImportOptions) *rankfile.ImportReport {
	t.Helper()
	report, err := tryImport(db, text, opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return report
}

func tryImport(db *store.DB, text string, opts rankfile.ImportOptions) (*rankfile.ImportReport, error) {
	src, err := roster.NewReader(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	return store.NewRosterService(db).ImportRoster(ctx, src, opts)
}

func member(t *testing.T, db *store.DB, nationalID string) *rankfile.Member {
	t.Helper()
	m, err := store.NewMemberService(db).FindMember(ctx, rankfile.MemberFilter{NationalID: nationalID})
	if err != nil {
		t.Fatalf("member %s: %v", nationalID, err)
	}
	return m
}

func history(t *testing.T, db *store.DB, nationalID string) []*rankfile.MemberChange {
	t.Helper()
	h, err := store.NewMemberService(db).MemberHistory(ctx, member(t, db, nationalID).ID)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// counts is the part of an import report tests compare.
type counts struct{ rows, added, updated, unchanged, lapsed, rejected int }

func countsOf(r *rankfile.ImportReport) counts {
	return counts{r.Rows, r.Added, r.Updated, r.Unchanged, r.Lapsed, len(r.Rejected)}
}

func checkCounts(t *testing.T, r *rankfile.ImportReport, want counts) {
	t.Helper()
	if got := countsOf(r); got != want {
		t.Errorf("report counts = %+v, want %+v (rejected: %v)", got, want, r.Rejected)
	}
}

// nationalIDs lists the national ids of members matching filter.
func nationalIDs(t *testing.T, db *store.DB, filter rankfile.MemberFilter) []string {
	t.Helper()
	ms, _, err := store.NewMemberService(db).FindMembers(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, m := range ms {
		ids = append(ids, m.NationalID)
	}
	return ids
}
