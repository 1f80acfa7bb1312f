package store_test

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

var october = list(listHeader,
	"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina",
	"2,Bo,O'Brien,bo@example.org,91405,2026-10-15,Member,false,",
	"3,Cy,Nguyễn,cy@example.org,90401,2025-01-01,Lapsed,false,",
)

func TestImportAddsMembers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		r := importList(t, db, october, rankfile.ImportOptions{FileName: "oct.csv", Actor: "steward"})
		checkCounts(t, r, counts{rows: 3, added: 3})
		ana := member(t, db, "1")
		if ana.FirstName != "Ana" || ana.LastName != "García" || ana.Mailing.Zip != "90026" || !ana.Contact.TextOptOut {
			t.Errorf("Ana stored as %+v", ana)
		}
		for id, want := range map[string]rankfile.Standing{"1": "good", "2": "member", "3": "lapsed"} {
			if got := member(t, db, id).Roster.ListStanding; got != want {
				t.Errorf("member %s standing %q, want %q", id, got, want)
			}
		}
		h := history(t, db, "1")
		if len(h) != 1 || h[0].Kind != rankfile.ChangeAdded || h[0].ImportID != r.ID {
			t.Errorf("history of a new member = %+v, want one 'added' entry from import %d", h, r.ID)
		}
		sens, err := store.NewMemberService(db).FindMemberSensitive(ctx, ana.ID)
		if err != nil || sens.Race != "Latina" {
			t.Errorf("sensitive fields = %+v, %v", sens, err)
		}
	})
}

func TestReimportingTheSameListChangesNothing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		before := history(t, db, "1")
		r := importList(t, db, october, rankfile.ImportOptions{})
		checkCounts(t, r, counts{rows: 3, unchanged: 3})
		if after := history(t, db, "1"); len(after) != len(before) {
			t.Errorf("history grew from %d to %d entries on a re-import", len(before), len(after))
		}
	})
}

func TestNextMonthsList(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		setClock(db, "2026-12-01")
		november := list(listHeader,
			"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina", // same
			"2,Bo,O'Brien,bo@example.org,91405,2027-10-15,Member in Good Standing,false,",       // renewed
			"4,Di,Okafor,di@example.org,90011,2027-11-01,Member in Good Standing,false,",        // joined
		) // 3 is missing
		r := importList(t, db, november, rankfile.ImportOptions{})
		checkCounts(t, r, counts{rows: 3, added: 1, updated: 1, unchanged: 1, lapsed: 1})

		bo := history(t, db, "2")
		last := bo[len(bo)-1]
		wantChanges := []rankfile.FieldChange{
			{Field: "xdate", Old: "2026-10-15", New: "2027-10-15"},
			{Field: "membership_status", Old: "Member", New: "Member in Good Standing"},
			{Field: "list_standing", Old: "member", New: "good"},
		}
		if last.Kind != rankfile.ChangeUpdated || !slices.Equal(last.Changes, wantChanges) {
			t.Errorf("renewal history = %+v, want changes %+v", last, wantChanges)
		}
		cy := member(t, db, "3")
		if cy.Roster.OnList || cy.Roster.ListStanding != rankfile.StandingLapsed {
			t.Errorf("missing member: on list %v, standing %q; want off the list and lapsed", cy.Roster.OnList, cy.Roster.ListStanding)
		}
		if h := history(t, db, "3"); h[len(h)-1].Kind != rankfile.ChangeLapsed {
			t.Errorf("missing member's last history entry = %+v, want lapsed", h[len(h)-1])
		}
	})
}

func TestAMissingMemberWhoReturnsIsRestored(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		r := importList(t, db, list(listHeader, "1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina"), rankfile.ImportOptions{})
		checkCounts(t, r, counts{rows: 1, unchanged: 1, lapsed: 2})
		r = importList(t, db, october, rankfile.ImportOptions{})
		checkCounts(t, r, counts{rows: 3, updated: 2, unchanged: 1})
		bo := member(t, db, "2")
		if !bo.Roster.OnList || bo.Roster.ListStanding != rankfile.StandingMember {
			t.Errorf("returning member: on list %v, standing %q", bo.Roster.OnList, bo.Roster.ListStanding)
		}
		// The lapse counted once: a member already off the list is not lapsed again.
		r = importList(t, db, list(listHeader, "1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina"), rankfile.ImportOptions{})
		r = importList(t, db, list(listHeader, "1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina"), rankfile.ImportOptions{})
		checkCounts(t, r, counts{rows: 1, unchanged: 1})
	})
}

func TestStandingWithoutAStatusColumn(t *testing.T) {
	header := "AK_ID,first_name,Xdate"
	text := list(header, "1,Ana,2026-06-30", "2,Bo,2026-07-01", "3,Cy,7/2/2026")
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		r := importList(t, db, text, rankfile.ImportOptions{AsOf: rankfile.MustParseDate("2026-07-01")})
		if r.ListDate.String() != "2026-07-01" {
			t.Errorf("list date = %s, want the --as-of date", r.ListDate)
		}
		want := map[string]rankfile.Standing{"1": "lapsed", "2": "good", "3": "good"}
		for id, st := range want {
			if got := member(t, db, id).Roster.ListStanding; got != st {
				t.Errorf("as of 2026-07-01, member %s is %q, want %q", id, got, st)
			}
		}
		// Without --as-of the import day decides: everyone has expired.
		r = importList(t, db, text, rankfile.ImportOptions{})
		checkCounts(t, r, counts{rows: 3, updated: 2, unchanged: 1})
		if got := member(t, db, "3").Roster.ListStanding; got != rankfile.StandingLapsed {
			t.Errorf("as of the import day member 3 is %q, want lapsed", got)
		}
	})
}

func TestListDateDecidesStanding(t *testing.T) {
	header := "actionkit_id,first_name,xdate,list_date"
	text := list(header, "1,Ana,2026-03-01,2026-02-15", "2,Bo,2026-02-01,2026-02-15")
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		r := importList(t, db, text, rankfile.ImportOptions{AsOf: rankfile.MustParseDate("2020-01-01")})
		if r.ListDate.String() != "2026-02-15" {
			t.Errorf("list date = %s, want list_date 2026-02-15", r.ListDate)
		}
		if a, b := member(t, db, "1").Roster.ListStanding, member(t, db, "2").Roster.ListStanding; a != "good" || b != "lapsed" {
			t.Errorf("standings as of list_date = %q, %q; want good, lapsed", a, b)
		}
	})
}

func TestRejectedRecordsDoNotLapseTheirMembers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		text := list(listHeader,
			"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina",
			"2,Bo,O'Brien,bo@example.org,91405,not a date,Member,false,",
			"3,Cy,Nguyễn,cy@example.org,90401,2025-01-01,Expelled,false,",
			",Nobody,,,,,,,",
		)
		r := importList(t, db, text, rankfile.ImportOptions{})
		checkCounts(t, r, counts{rows: 4, unchanged: 1, rejected: 3})
		wantLines := []int{3, 4, 5}
		for i, rej := range r.Rejected {
			if rej.Line != wantLines[i] || rej.Reason == "" {
				t.Errorf("rejection %d = %+v, want line %d with a reason", i, rej, wantLines[i])
			}
		}
		for _, id := range []string{"2", "3"} {
			if m := member(t, db, id); !m.Roster.OnList {
				t.Errorf("member %s, whose record was rejected, was taken off the list", id)
			}
		}
		imports, err := store.NewRosterService(db).FindImports(ctx, 1)
		if err != nil || len(imports) != 1 || len(imports[0].Rejected) != 3 {
			t.Fatalf("import log = %+v, %v; want the 3 rejections kept", imports, err)
		}
	})
}

func TestAnEmptyListChangesNothing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		for name, text := range map[string]string{
			"header only":  listHeader + "\n",
			"all rejected": list(listHeader, ",,,,,,,,", "1,Ana,García,ana@example.org,90026,someday,,true,"),
		} {
			_, err := tryImport(db, text, rankfile.ImportOptions{})
			if rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Errorf("%s: err = %v, want EINVALID", name, err)
			}
		}
		if got := nationalIDs(t, db, rankfile.MemberFilter{Standing: rankfile.StandingLapsed}); !slices.Equal(got, []string{"3"}) {
			t.Errorf("lapsed members after refused imports = %v, want [3]", got)
		}
		imports, _ := store.NewRosterService(db).FindImports(ctx, 10)
		if len(imports) != 1 {
			t.Errorf("import log has %d entries, want only the first import", len(imports))
		}
	})
}

func TestAnOlderGenerationLeavesFieldsItLacks(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, list(listHeader+",country,best_phone",
			"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Latina,US,213-555-0101"), rankfile.ImportOptions{})
		genA := list("AK_ID,first_name,last_name,Email,Mailing_Zip,Xdate,membership_status,Home_Phone",
			"1,Ana María,García,ana@example.org,90026,2027-01-01,Member in Good Standing,323-555-0102")
		if r := importList(t, db, genA, rankfile.ImportOptions{}); r.Updated != 1 {
			t.Fatalf("report %+v, want Ana updated", r)
		}
		ana := member(t, db, "1")
		if ana.FirstName != "Ana María" || ana.HomePhone != "323-555-0102" {
			t.Errorf("the new list's fields were not written: %q, %q", ana.FirstName, ana.HomePhone)
		}
		if !ana.Contact.TextOptOut || ana.Country != "US" || ana.BestPhone != "213-555-0101" {
			t.Errorf("a list without them cleared Ana's text opt-out, country or best phone: %v %q %q",
				ana.Contact.TextOptOut, ana.Country, ana.BestPhone)
		}
		sens, _ := store.NewMemberService(db).FindMemberSensitive(ctx, ana.ID)
		if sens.Race != "Latina" {
			t.Errorf("a list without race cleared it: %q", sens.Race)
		}
	})
}

func TestSensitiveChangesAreNotCopiedIntoHistory(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		importList(t, db, list(listHeader, "1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,true,Black"), rankfile.ImportOptions{})
		h := history(t, db, "1")
		got := h[len(h)-1].Changes
		want := []rankfile.FieldChange{{Field: "race", Redacted: true}}
		if !slices.Equal(got, want) {
			t.Errorf("history of a race change = %+v, want %+v", got, want)
		}
		sens, _ := store.NewMemberService(db).FindMemberSensitive(ctx, member(t, db, "1").ID)
		if sens.Race != "Black" {
			t.Errorf("race = %q, want the new value stored", sens.Race)
		}
	})
}

func TestImportWarnings(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		header := "actionkit_id,first_name,xdate,list_date"
		importList(t, db, list(header, "1,Ana,2027-01-01,2026-10-01", "2,Bo,2027-01-01,2026-10-01", "3,Cy,2027-01-01,2026-10-01"), rankfile.ImportOptions{})
		r := importList(t, db, list(header, "1,Ana,2027-01-01,2026-09-01"), rankfile.ImportOptions{})
		if len(r.Warnings) != 2 {
			t.Errorf("warnings = %q, want one about mass lapsing and one about an older list", r.Warnings)
		}
	})
}

// cancellingSource cancels the import's context once it has given n
// records, as a steward closing the page or pressing Ctrl-C would.
type cancellingSource struct {
	rankfile.RosterSource
	n      int
	cancel context.CancelFunc
}

func (s *cancellingSource) Next() (*rankfile.RosterRecord, error) {
	if s.n--; s.n == 0 {
		s.cancel()
	}
	return s.RosterSource.Next()
}

// TestAFirstImportStoppedHalfwayLeavesNothing stops an import into an
// empty roster while batches are being written in the background: the
// import says so, the roster stays empty, the indexes it set aside are
// all there, and a second try imports everyone.
func TestAFirstImportStoppedHalfwayLeavesNothing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		list, err := demo.NationalList(20000, rankfile.MustParseDate("2026-11-01"))
		if err != nil {
			t.Fatal(err)
		}
		before, err := store.DeferrableChecks(db)
		if err != nil {
			t.Fatal(err)
		}
		src, err := roster.NewReader(bytes.NewReader(list))
		if err != nil {
			t.Fatal(err)
		}
		stopped, cancel := context.WithCancel(ctx)
		defer cancel()
		_, err = store.NewRosterService(db).ImportRoster(stopped, &cancellingSource{RosterSource: src, n: 9000, cancel: cancel}, rankfile.ImportOptions{})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("the stopped import returned %v", err)
		}
		if _, n, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{}); err != nil || n != 0 {
			t.Fatalf("after the stopped import the roster holds %d members (%v)", n, err)
		}
		if after, err := store.DeferrableChecks(db); err != nil || !slices.Equal(after, before) {
			t.Errorf("indexes and keys after the stopped import:\n%v\nbefore:\n%v (%v)", after, before, err)
		}
		if r := importList(t, db, string(list), rankfile.ImportOptions{}); r.Added != 20000 {
			t.Errorf("the second try added %d", r.Added)
		}
	})
}
