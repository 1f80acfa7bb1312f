package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func TestStandingOverride(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		members := store.NewMemberService(db)
		bo := member(t, db, "2")
		o := &rankfile.StandingOverride{MemberID: bo.ID, Standing: rankfile.StandingGood,
			Reason: "local dues waiver", Author: "Dana (data steward)", Until: rankfile.MustParseDate("2026-12-31")}
		if err := members.SetStandingOverride(ctx, o); err != nil {
			t.Fatal(err)
		}
		bo = member(t, db, "2")
		if bo.Roster.ListStanding != rankfile.StandingMember || bo.Roster.Override == nil {
			t.Fatalf("the override must show beside the list's standing, got %+v", bo.Roster)
		}
		for day, want := range map[string]rankfile.Standing{"2026-12-31": "good", "2027-01-01": "member"} {
			if got := bo.StandingOn(rankfile.MustParseDate(day)); got != want {
				t.Errorf("standing on %s = %q, want %q", day, got, want)
			}
		}
		good := nationalIDs(t, db, rankfile.MemberFilter{Standing: rankfile.StandingGood})
		if !slices.Equal(good, []string{"1", "2"}) {
			t.Errorf("members in good standing = %v, want [1 2]", good)
		}
		h := history(t, db, "2")
		if last := h[len(h)-1]; last.Kind != rankfile.ChangeOverride || last.Actor != o.Author || last.Note != o.Reason {
			t.Errorf("override history = %+v", last)
		}
		if err := members.RevokeStandingOverride(ctx, bo.ID, "Dana"); err != nil {
			t.Fatal(err)
		}
		if member(t, db, "2").Roster.Override != nil {
			t.Errorf("a revoked override still stands")
		}
		if err := members.RevokeStandingOverride(ctx, bo.ID, "Dana"); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("revoking twice: err = %v, want ENOTFOUND", err)
		}
	})
}

func TestBadOverridesAreRefused(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, october, rankfile.ImportOptions{})
		id := member(t, db, "2").ID
		for name, o := range map[string]rankfile.StandingOverride{
			"no reason":     {MemberID: id, Standing: "good", Author: "Dana"},
			"no author":     {MemberID: id, Standing: "good", Reason: "waiver"},
			"bad standing":  {MemberID: id, Standing: "excellent", Reason: "waiver", Author: "Dana"},
			"already ended": {MemberID: id, Standing: "good", Reason: "waiver", Author: "Dana", Until: rankfile.MustParseDate("2026-10-31")},
		} {
			if err := store.NewMemberService(db).SetStandingOverride(ctx, &o); rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Errorf("%s: err = %v, want EINVALID", name, err)
			}
		}
		o := rankfile.StandingOverride{MemberID: 9999, Standing: "good", Reason: "waiver", Author: "Dana"}
		if err := store.NewMemberService(db).SetStandingOverride(ctx, &o); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("unknown member: err = %v, want ENOTFOUND", err)
		}
		if len(history(t, db, "2")) != 1 {
			t.Errorf("a refused override left history")
		}
	})
}

// TestStandingFilterAgreesWithTheRule checks the SQL used to filter by
// standing against Member.StandingOn over many random cases.
func TestStandingFilterAgreesWithTheRule(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		rng := rand.New(rand.NewPCG(1, 2))
		statuses := []string{"Member in Good Standing", "Member", "Lapsed"}
		var rows []string
		for i := 1; i <= 60; i++ {
			rows = append(rows, fmt.Sprintf("%d,M%d,L%d,,90026,2027-01-01,%s,false,", i, i, i, statuses[rng.IntN(3)]))
		}
		importList(t, db, list(listHeader, rows...), rankfile.ImportOptions{})
		members := store.NewMemberService(db)
		all, _, _ := members.FindMembers(ctx, rankfile.MemberFilter{})
		for _, m := range all {
			if rng.IntN(2) == 0 {
				continue
			}
			o := &rankfile.StandingOverride{MemberID: m.ID, Standing: rankfile.Standing([]string{"good", "member", "lapsed"}[rng.IntN(3)]),
				Reason: "test", Author: "test"}
			if rng.IntN(2) == 0 {
				o.Until = rankfile.MustParseDate("2026-11-01").AddDays(rng.IntN(20))
			}
			if err := members.SetStandingOverride(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		all, _, _ = members.FindMembers(ctx, rankfile.MemberFilter{})
		for _, day := range []string{"2026-11-01", "2026-11-10", "2026-11-25"} {
			d := rankfile.MustParseDate(day)
			for _, st := range []rankfile.Standing{"good", "member", "lapsed"} {
				var want []string
				for _, m := range all {
					if m.StandingOn(d) == st {
						want = append(want, m.NationalID)
					}
				}
				got := nationalIDs(t, db, rankfile.MemberFilter{Standing: st, AsOf: d})
				sort.Strings(got)
				sort.Strings(want)
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("%s on %s: SQL finds %v, the rule %v", st, day, got, want)
				}
			}
		}
	})
}

func TestFindMembersPagesAndCounts(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		ms, total, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Offset: 1, Limit: 1})
		if err != nil || total != 3 || len(ms) != 1 || ms[0].LastName != "Nguyễn" {
			t.Errorf("page 2 of 1 = %v (total %d, %v), want Nguyễn of 3", ms, total, err)
		}
		if got := nationalIDs(t, db, rankfile.MemberFilter{Email: " ANA@example.org"}); !slices.Equal(got, []string{"1"}) {
			t.Errorf("find by email = %v", got)
		}
		if _, err := store.NewMemberService(db).FindMember(ctx, rankfile.MemberFilter{NationalID: "nope"}); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("unknown member: err = %v, want ENOTFOUND", err)
		}
	})
}
