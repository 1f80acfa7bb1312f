package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

const chapterHeader = "actionkit_id,first_name,last_name,email,mailing_zip,xdate,membership_status,dsa_chapter"

// nationalList is a national list: members of two chapters, one of a
// chapter rankfile does not have yet, and one with no chapter.
var nationalList = list(chapterHeader,
	"1,Ana,García,ana@example.org,90026,2030-01-01,Member in Good Standing,Los Angeles",
	"2,Bo,Brown,bo@example.org,20001,2030-01-01,Member in Good Standing,Metro DC",
	"3,Cy,Cole,cy@example.org,02139,2030-01-01,Member in Good Standing,Boston",
	"4,Di,Diaz,di@example.org,90401,2030-01-01,Member in Good Standing,",
)

func createChapter(t *testing.T, db *store.DB, name string) *rankfile.Body {
	t.Helper()
	b := &rankfile.Body{Kind: rankfile.KindChapter, Slug: rankfile.Slugify(name), Name: name}
	if err := store.NewBodyService(db).CreateBody(ctx, b); err != nil {
		t.Fatal(err)
	}
	return b
}

func chapterOf(t *testing.T, db *store.DB) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, id := range []string{"1", "2", "3", "4"} {
		out[id] = member(t, db, id).ChapterID
	}
	return out
}

func TestTheImportPlacesEachMemberInTheirChapter(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		la, dc := createChapter(t, db, "Los Angeles chapter"), createChapter(t, db, "Metro DC DSA")
		importList(t, db, nationalList, rankfile.ImportOptions{})
		want := map[string]int64{"1": la.ID, "2": dc.ID, "3": 0, "4": 0}
		if got := chapterOf(t, db); !equalMaps(got, want) {
			t.Errorf("placed %v, want %v", got, want)
		}
		// Moving on the next list moves the member.
		importList(t, db, list(chapterHeader,
			"1,Ana,García,ana@example.org,90026,2030-01-01,Member in Good Standing,Metro DC",
			"2,Bo,Brown,bo@example.org,20001,2030-01-01,Member in Good Standing,Metro DC",
			"3,Cy,Cole,cy@example.org,02139,2030-01-01,Member in Good Standing,Boston",
			"4,Di,Diaz,di@example.org,90401,2030-01-01,Member in Good Standing,",
		), rankfile.ImportOptions{})
		if got := member(t, db, "1").ChapterID; got != dc.ID {
			t.Errorf("Ana moved to Metro DC is in %d, want %d", got, dc.ID)
		}
		members, n, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MembersOf(dc, db.Today()))
		if err != nil || n != 2 || len(members) != 2 {
			t.Errorf("Metro DC's members: %d (%v), want Ana and Bo", n, err)
		}
		national := &rankfile.Body{ID: 99, Kind: rankfile.KindNational}
		if _, n, _ := store.NewMemberService(db).FindMembers(ctx, rankfile.MembersOf(national, db.Today())); n != 4 {
			t.Errorf("the national organization has %d members, want all 4", n)
		}
	})
}

func TestAddingAChapterPlacesTheRosterAgain(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		importList(t, db, nationalList, rankfile.ImportOptions{})
		if got := chapterOf(t, db); !equalMaps(got, map[string]int64{"1": 0, "2": 0, "3": 0, "4": 0}) {
			t.Errorf("with no chapter, placed %v", got)
		}
		// One chapter: the installation is that chapter's, everyone is in it.
		la := createChapter(t, db, "Los Angeles")
		if got := chapterOf(t, db); !equalMaps(got, map[string]int64{"1": la.ID, "2": la.ID, "3": la.ID, "4": la.ID}) {
			t.Errorf("with one chapter, placed %v", got)
		}
		// A second chapter: each in the chapter their list names, the rest at large.
		boston := createChapter(t, db, "Boston DSA")
		if got := chapterOf(t, db); !equalMaps(got, map[string]int64{"1": la.ID, "2": 0, "3": boston.ID, "4": 0}) {
			t.Errorf("with two chapters, placed %v", got)
		}
		// Renaming a chapter places its members by the new name.
		name := "Metro DC"
		if _, err := store.NewBodyService(db).UpdateBody(ctx, boston.ID, rankfile.BodyUpdate{Name: &name}); err != nil {
			t.Fatal(err)
		}
		if got := chapterOf(t, db); !equalMaps(got, map[string]int64{"1": la.ID, "2": boston.ID, "3": 0, "4": 0}) {
			t.Errorf("after renaming Boston to Metro DC, placed %v", got)
		}
	})
}

func TestAChapterStewardIsAStewardOfTheirChapterAlone(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		la, dc := createChapter(t, db, "Los Angeles"), createChapter(t, db, "Metro DC")
		importList(t, db, nationalList, rankfile.ImportOptions{})
		auth := store.NewAuthService(db)
		ana, bo := member(t, db, "1"), member(t, db, "2")
		if err := auth.GrantChapterSteward(ctx, ana.ID, la.ID); err != nil {
			t.Fatal(err)
		}
		a, err := auth.Actor(ctx, ana.ID)
		if err != nil || a.Steward || a.StewardOf != la.ID {
			t.Fatalf("Ana as actor: steward %v, of chapter %d (%v); want chapter %d alone", a.Steward, a.StewardOf, err, la.ID)
		}
		if a.MemberVisibility(bo, nil) != rankfile.SeeNothing || a.MemberVisibility(member(t, db, "1"), nil) != rankfile.SeeEverything {
			t.Error("Ana sees Metro DC's Bo, or not herself")
		}
		if f := a.RosterFilter(rankfile.MemberFilter{}); f.ChapterID != la.ID {
			t.Errorf("Ana's roster search is of chapter %d, want %d", f.ChapterID, la.ID)
		}
		// Another chapter replaces the first; an office that is no chapter is refused.
		if err := auth.GrantChapterSteward(ctx, ana.ID, dc.ID); err != nil {
			t.Fatal(err)
		}
		if grants, _ := auth.RoleGrants(ctx, ana.ID); len(grants) != 1 || grants[0].ChapterID != dc.ID {
			t.Errorf("Ana's roles after the change: %+v", grants)
		}
		committee := &rankfile.Body{Kind: rankfile.KindCommittee, Slug: "labor", Name: "Labor", ParentID: la.ID}
		if err := store.NewBodyService(db).CreateBody(ctx, committee); err != nil {
			t.Fatal(err)
		}
		if err := auth.GrantChapterSteward(ctx, bo.ID, committee.ID); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a committee's chapter steward: %v, want EINVALID", err)
		}
		if err := auth.RevokeRole(ctx, ana.ID, rankfile.RoleChapterSteward); err != nil {
			t.Fatal(err)
		}
		if a, _ := auth.Actor(ctx, ana.ID); a.StewardOf != 0 {
			t.Errorf("Ana still stewards chapter %d", a.StewardOf)
		}
	})
}

func equalMaps(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestABranchTakesOnlyItsChaptersMembers: Los Angeles's branches are drawn
// over the county; a member of the Long Beach chapter whose ZIP lies inside
// one is in no branch, there and after a re-sort, and may not choose one.
func TestABranchTakesOnlyItsChaptersMembers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		la, lb := createChapter(t, db, "Los Angeles"), createChapter(t, db, "Long Beach")
		if _, err := store.NewBranchService(db).LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{ChapterSlug: la.Slug}); err != nil {
			t.Fatal(err)
		}
		importList(t, db, list(chapterHeader,
			"1,Ana,García,ana@example.org,90026,2030-01-01,Member in Good Standing,Los Angeles",
			"2,Bo,Brown,bo@example.org,90026,2030-01-01,Member in Good Standing,Long Beach",
		), rankfile.ImportOptions{})
		ana, bo := member(t, db, "1"), member(t, db, "2")
		if ana.Branch.Slug != "central" || bo.Branch.Slug != "" || bo.ChapterID != lb.ID {
			t.Errorf("Ana in %q, Bo (chapter %d) in %q; want central and none", ana.Branch.Slug, bo.ChapterID, bo.Branch.Slug)
		}
		if _, err := store.NewBranchService(db).LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{ChapterSlug: la.Slug}); err != nil {
			t.Fatal(err)
		}
		if bo := member(t, db, "2"); bo.Branch.Slug != "" {
			t.Errorf("after a re-sort, Bo is in %q", bo.Branch.Slug)
		}
		err := store.NewMemberService(db).ChooseBranch(ctx, bo.ID, "central", "steward")
		if rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("Bo choosing Central: %v, want EINVALID", err)
		}
		// Bo moves to Los Angeles on the next list: he is in Central.
		importList(t, db, list(chapterHeader,
			"1,Ana,García,ana@example.org,90026,2030-01-01,Member in Good Standing,Los Angeles",
			"2,Bo,Brown,bo@example.org,90026,2030-01-01,Member in Good Standing,Los Angeles",
		), rankfile.ImportOptions{})
		if bo := member(t, db, "2"); bo.Branch.Slug != "central" {
			t.Errorf("Bo, now of Los Angeles, is in %q", bo.Branch.Slug)
		}
	})
}
