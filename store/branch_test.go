package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func loadBranches(t *testing.T, db *store.DB, js []rankfile.Jurisdiction) *rankfile.BranchReport {
	t.Helper()
	r, err := store.NewBranchService(db).LoadBranches(ctx, js, rankfile.BranchOptions{Actor: "steward"})
	if err != nil {
		t.Fatalf("LoadBranches: %v", err)
	}
	return r
}

// Members of the October list live in Echo Park (central), Van Nuys (the
// Valley) and Santa Monica (westside); Di lives in Lancaster, outside.
var withLancaster = october + "4,Di,Okafor,di@example.org,93534,2027-01-01,Member in Good Standing,false,\n"

func TestLoadingBranchesSortsMembers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		r := loadBranches(t, db, demo.Branches())
		if r.Branches != 5 || r.Assigned != 3 || r.Unassigned != 1 || r.Moved != 3 {
			t.Errorf("report = %+v, want 5 branches, 3 assigned, 1 unassigned, 3 moved", r)
		}
		for id, want := range map[string]string{"1": "central", "2": "san-fernando-valley", "3": "westside", "4": ""} {
			if got := member(t, db, id).Branch.Slug; got != want {
				t.Errorf("member %s in %q, want %q", id, got, want)
			}
		}
		if got := nationalIDs(t, db, rankfile.MemberFilter{Unassigned: true}); !slices.Equal(got, []string{"4"}) {
			t.Errorf("unassigned = %v, want [4]", got)
		}
		if got := nationalIDs(t, db, rankfile.MemberFilter{BranchSlug: "central"}); !slices.Equal(got, []string{"1"}) {
			t.Errorf("central = %v, want [1]", got)
		}
		h := history(t, db, "1")
		if last := h[len(h)-1]; last.Kind != rankfile.ChangeBranch || last.Changes[0].New != "central" {
			t.Errorf("history of a sorted member = %+v", last)
		}
		// Loading the same boundaries again moves nobody.
		if r := loadBranches(t, db, demo.Branches()); r.Moved != 0 || r.Assigned != 3 {
			t.Errorf("reload report = %+v, want nobody moved", r)
		}
	})
}

func TestNewBoundariesMoveMembers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		js := demo.Branches()
		loadBranches(t, db, js)
		// The Valley branch is merged into the Westside: its members move.
		var merged []rankfile.Jurisdiction
		for _, j := range js {
			if j.Slug != "san-fernando-valley" {
				merged = append(merged, j)
			}
		}
		r := loadBranches(t, db, merged)
		want := []rankfile.BranchMove{{MemberID: member(t, db, "2").ID, NationalID: "2", Name: "Bo O'Brien",
			From: "san-fernando-valley", To: ""}}
		if r.Branches != 4 || !slices.Equal(r.Moves, want) {
			t.Errorf("report = %+v, want Bo moved out of the Valley", r)
		}
		if _, err := store.NewBodyService(db).FindBody(ctx, rankfile.BodyFilter{Slug: "san-fernando-valley"}); err != nil {
			t.Errorf("a branch without a boundary lost its body: %v", err)
		}
	})
}

func TestAChosenBranchSurvivesReloads(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		loadBranches(t, db, demo.Branches())
		members := store.NewMemberService(db)
		di := member(t, db, "4")
		if err := members.ChooseBranch(ctx, di.ID, "eastside-sgv", "Di"); err != nil {
			t.Fatal(err)
		}
		if r := loadBranches(t, db, demo.Branches()); r.Unassigned != 0 || r.Moved != 0 {
			t.Errorf("reload report = %+v, want Di kept in her chosen branch", r)
		}
		di = member(t, db, "4")
		if di.Branch.Slug != "eastside-sgv" || di.Branch.ChosenID == 0 || di.Branch.LocatedID != 0 {
			t.Errorf("Di's branch = %+v, want chosen eastside-sgv, located nowhere", di.Branch)
		}
		if err := members.ChooseBranch(ctx, di.ID, "atlantis", "Di"); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("choosing an unknown branch: err = %v, want ENOTFOUND", err)
		}
		if err := members.ChooseBranch(ctx, di.ID, "", "Di"); err != nil {
			t.Fatal(err)
		}
		if got := member(t, db, "4").Branch.Slug; got != "" {
			t.Errorf("after clearing the choice Di is in %q, want unassigned", got)
		}
	})
}

func TestImportAndBoundariesInEitherOrder(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		loadBranches(t, db, demo.Branches())
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		if got := member(t, db, "2").Branch.Slug; got != "san-fernando-valley" {
			t.Errorf("member imported after the boundaries is in %q", got)
		}
		// A move to Santa Monica moves Bo's branch, and says so in history.
		moved := strings.Replace(withLancaster, "bo@example.org,91405", "bo@example.org,90401", 1)
		importList(t, db, moved, rankfile.ImportOptions{})
		if got := member(t, db, "2").Branch.Slug; got != "westside" {
			t.Errorf("after moving, Bo is in %q, want westside", got)
		}
		h := history(t, db, "2")
		wantBranch := rankfile.FieldChange{Field: "branch", Old: "san-fernando-valley", New: "westside"}
		if !slices.Contains(h[len(h)-1].Changes, wantBranch) {
			t.Errorf("history of the move = %+v, want %+v", h[len(h)-1].Changes, wantBranch)
		}
	})
}

func TestBranchesJoinTheChapter(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		bodies := store.NewBodyService(db)
		chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "la", Name: "Los Angeles"}
		if err := bodies.CreateBody(ctx, chapter); err != nil {
			t.Fatal(err)
		}
		loadBranches(t, db, demo.Branches())
		central, err := bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "central"})
		if err != nil || central.ParentID != chapter.ID || central.Kind != rankfile.KindBranch {
			t.Fatalf("central = %+v, %v; want a branch of the chapter", central, err)
		}
		seats, _ := bodies.FindSeats(ctx, central.ID)
		if len(seats) != 1 || seats[0].Title != rankfile.SeatCoCoordinator || seats[0].Count != 2 || seats[0].ElectorateBodyID != central.ID {
			t.Errorf("central's seats = %+v, want two co-coordinators elected by its members", seats)
		}
		_, err = store.NewBranchService(db).LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{ChapterSlug: "nowhere"})
		if rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("unknown chapter: err = %v, want ENOTFOUND", err)
		}
	})
}

func TestABranchSlugTakenByAnotherBodyIsRefused(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		loadBranches(t, db, demo.Branches())
		if err := store.NewBodyService(db).CreateBody(ctx, &rankfile.Body{Kind: rankfile.KindCaucus, Slug: "harbor", Name: "Harbor"}); err != nil {
			t.Fatal(err)
		}
		js := append(demo.Branches(), rankfile.Jurisdiction{Slug: "harbor", Name: "Harbor", Geometry: demo.Branches()[0].Geometry})
		_, err := store.NewBranchService(db).LoadBranches(ctx, js, rankfile.BranchOptions{})
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Fatalf("err = %v, want ECONFLICT", err)
		}
		stored, _ := store.NewBranchService(db).FindJurisdictions(ctx)
		if len(stored) != 5 {
			t.Errorf("a refused load changed the boundaries: %d stored", len(stored))
		}
	})
}

func TestOwnCoordinatesWinOverTheZip(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		loadBranches(t, db, demo.Branches())
		members := store.NewMemberService(db)
		ana := member(t, db, "1") // her ZIP is Echo Park's, in Central
		santaMonica := &rankfile.Point{Lat: 34.0195, Lon: -118.4912}
		if err := members.SetPoint(ctx, ana.ID, santaMonica, "Dana"); err != nil {
			t.Fatal(err)
		}
		if got := member(t, db, "1"); got.Branch.Slug != "westside" || got.Branch.Point == nil {
			t.Errorf("after recording Santa Monica coordinates Ana is in %q (%v)", got.Branch.Slug, got.Branch.Point)
		}
		if r := loadBranches(t, db, demo.Branches()); r.Moved != 0 {
			t.Errorf("a reload moved %d members; her coordinates should keep Ana in the westside", r.Moved)
		}
		h := history(t, db, "1")
		if last := h[len(h)-1]; last.Changes[len(last.Changes)-1] != (rankfile.FieldChange{Field: "branch", Old: "central", New: "westside"}) {
			t.Errorf("history of the move = %+v", last.Changes)
		}
		if err := members.SetPoint(ctx, ana.ID, &rankfile.Point{Lat: -118, Lon: 34}, "Dana"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("swapped coordinates: err = %v, want EINVALID", err)
		}
		if err := members.SetPoint(ctx, ana.ID, nil, "Dana"); err != nil || member(t, db, "1").Branch.Slug != "central" {
			t.Errorf("forgetting the coordinates: %v, branch %q; want back in central", err, member(t, db, "1").Branch.Slug)
		}
	})
}
