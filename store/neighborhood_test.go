package store_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// withGroups imports the October list (and Di in Lancaster), loads the
// demo's branches and creates the demo's neighborhood groups under them.
func withGroups(t *testing.T, db *store.DB) {
	t.Helper()
	importList(t, db, withLancaster, rankfile.ImportOptions{})
	loadBranches(t, db, demo.Branches())
	createDemoGroups(t, db)
}

// createDemoGroups creates the demo's neighborhood groups under the
// branches already loaded.
func createDemoGroups(t testing.TB, db *store.DB) {
	t.Helper()
	bodies := store.NewBodyService(db)
	for _, j := range demo.Neighborhoods() {
		branch, err := bodies.FindBody(ctx, rankfile.BodyFilter{Slug: j.Branch})
		if err != nil {
			t.Fatal(err)
		}
		g := &rankfile.Body{Kind: rankfile.KindNeighborhoodGroup, Slug: j.Slug, Name: j.Name, ParentID: branch.ID}
		if err := bodies.CreateBody(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
}

func loadNeighborhoods(t *testing.T, db *store.DB, js []rankfile.Jurisdiction) *rankfile.NeighborhoodReport {
	t.Helper()
	r, err := store.NewNeighborhoodService(db).LoadNeighborhoods(ctx, js, "steward")
	if err != nil {
		t.Fatalf("LoadNeighborhoods: %v", err)
	}
	return r
}

// groupOf returns the slug of the member's neighborhood group, "" for none.
func groupOf(t *testing.T, db *store.DB, nationalID string) string {
	t.Helper()
	place, err := store.NewNeighborhoodService(db).FindNeighborhoodPlace(ctx, member(t, db, nationalID).ID)
	if err != nil {
		t.Fatal(err)
	}
	if place.Group == nil {
		return ""
	}
	return place.Group.Slug
}

func groupID(t *testing.T, db *store.DB, slug string) int64 {
	t.Helper()
	b, err := store.NewBodyService(db).FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		t.Fatal(err)
	}
	return b.ID
}

func TestLoadingNeighborhoodsPlacesMembers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		withGroups(t, db)
		r := loadNeighborhoods(t, db, demo.Neighborhoods())
		if r.Groups != 13 || r.Placed != 3 || r.Outside != 1 || r.Moved != 3 {
			t.Errorf("report = %+v, want 13 groups, 3 placed, 1 outside (Di, in no branch), 3 moved", r)
		}
		want := map[string]string{"1": "echo-park-silver-lake", "2": "van-nuys-panorama-city", "3": "santa-monica-venice", "4": ""}
		for id, slug := range want {
			if got := groupOf(t, db, id); got != slug {
				t.Errorf("member %s in group %q, want %q", id, got, slug)
			}
		}
		filter := rankfile.MemberFilter{NeighborhoodID: groupID(t, db, "echo-park-silver-lake")}
		if got := nationalIDs(t, db, filter); !slices.Equal(got, []string{"1"}) {
			t.Errorf("members of Echo Park = %v, want [1]", got)
		}
		h := history(t, db, "1")
		wantChange := rankfile.FieldChange{Field: "neighborhood", Old: "", New: "echo-park-silver-lake"}
		if last := h[len(h)-1]; !slices.Contains(last.Changes, wantChange) {
			t.Errorf("history of a placed member = %+v, want %+v", last.Changes, wantChange)
		}
		if r := loadNeighborhoods(t, db, demo.Neighborhoods()); r.Moved != 0 || r.Placed != 3 {
			t.Errorf("reload report = %+v, want nobody moved", r)
		}
		stored, err := store.NewNeighborhoodService(db).FindNeighborhoodBoundaries(ctx)
		if err != nil || len(stored) != 13 {
			t.Errorf("stored boundaries = %d (%v), want 13", len(stored), err)
		}
	})
}

func TestAChosenNeighborhoodSticksWithinTheBranch(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		withGroups(t, db)
		loadNeighborhoods(t, db, demo.Neighborhoods())
		groups, members := store.NewNeighborhoodService(db), store.NewMemberService(db)
		ana := member(t, db, "1")
		if err := groups.ChooseNeighborhood(ctx, ana.ID, "koreatown", "Ana"); err != nil {
			t.Fatal(err)
		}
		loadNeighborhoods(t, db, demo.Neighborhoods())
		loadBranches(t, db, demo.Branches())
		if got := groupOf(t, db, "1"); got != "koreatown" {
			t.Errorf("after reloads Ana is in %q, want her chosen koreatown", got)
		}
		// Choosing a group of another branch, or one that does not exist,
		// is refused and changes nothing.
		if err := groups.ChooseNeighborhood(ctx, ana.ID, "pasadena", "Ana"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("choosing another branch's group: err = %v, want EINVALID", err)
		}
		if err := groups.ChooseNeighborhood(ctx, ana.ID, "atlantis", "Ana"); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("choosing an unknown group: err = %v, want ENOTFOUND", err)
		}
		if got := groupOf(t, db, "1"); got != "koreatown" {
			t.Errorf("after refused choices Ana is in %q, want koreatown", got)
		}
		// A new branch drops a choice of group that is not in it.
		if err := members.ChooseBranch(ctx, ana.ID, "eastside-sgv", "Ana"); err != nil {
			t.Fatal(err)
		}
		place, err := groups.FindNeighborhoodPlace(ctx, ana.ID)
		if err != nil || place.Group != nil || place.Chosen || len(place.Choices) != 3 {
			t.Errorf("in her new branch Ana's place = %+v (%v), want no group and 3 choices", place, err)
		}
		h := history(t, db, "1")
		dropped := rankfile.FieldChange{Field: "chosen_neighborhood", Old: "koreatown"}
		if last := h[len(h)-1]; !slices.Contains(last.Changes, dropped) {
			t.Errorf("history of the dropped choice = %+v", last)
		}
		if err := groups.ChooseNeighborhood(ctx, ana.ID, "pasadena", "Ana"); err != nil {
			t.Errorf("choosing a group of her chosen branch: %v", err)
		}
		if err := groups.ChooseNeighborhood(ctx, ana.ID, "", "Ana"); err != nil || groupOf(t, db, "1") != "" {
			t.Errorf("after clearing her choice Ana is in %q (%v), want none: her point is in Central", groupOf(t, db, "1"), err)
		}
	})
}

func TestMembersMoveGroupsWithTheirPoint(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		withGroups(t, db)
		loadNeighborhoods(t, db, demo.Neighborhoods())
		// Ana tells a steward she lives in Hollywood.
		err := store.NewMemberService(db).SetPoint(ctx, member(t, db, "1").ID, &rankfile.Point{Lat: 34.1, Lon: -118.33}, "steward")
		if err != nil {
			t.Fatal(err)
		}
		if got := groupOf(t, db, "1"); got != "hollywood" {
			t.Errorf("after her point moved Ana is in %q, want hollywood", got)
		}
		// Bo moves to Santa Monica on the next list.
		importList(t, db, strings.Replace(withLancaster, "bo@example.org,91405", "bo@example.org,90401", 1), rankfile.ImportOptions{})
		if got := groupOf(t, db, "2"); got != "santa-monica-venice" {
			t.Errorf("after moving, Bo is in %q, want santa-monica-venice", got)
		}
	})
}

func TestBadNeighborhoodBoundariesChangeNothing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		withGroups(t, db)
		good := demo.Neighborhoods()
		loadNeighborhoods(t, db, good)
		if err := store.NewBodyService(db).CreateBody(ctx, &rankfile.Body{Kind: rankfile.KindCaucus, Slug: "harbor", Name: "Harbor"}); err != nil {
			t.Fatal(err)
		}
		with := func(f func(j *rankfile.Jurisdiction)) []rankfile.Jurisdiction {
			js := slices.Clone(good)
			f(&js[0]) // echo-park-silver-lake, in central
			return js
		}
		westside := good[len(good)-3].Geometry // culver-city-palms
		cases := map[string]struct {
			js   []rankfile.Jurisdiction
			code string
			want string
		}{
			"unknown group":        {with(func(j *rankfile.Jurisdiction) { j.Slug = "atlantis" }), rankfile.ENOTFOUND, "no neighborhood group"},
			"not a group":          {with(func(j *rankfile.Jurisdiction) { j.Slug = "harbor" }), rankfile.EINVALID, "not a neighborhood group"},
			"another branch's":     {with(func(j *rankfile.Jurisdiction) { j.Branch = "westside" }), rankfile.EINVALID, "not a neighborhood group of the branch westside"},
			"unknown branch":       {with(func(j *rankfile.Jurisdiction) { j.Branch = "atlantis" }), rankfile.ENOTFOUND, "no branch"},
			"outside its branch":   {with(func(j *rankfile.Jurisdiction) { j.Geometry = westside }), rankfile.EINVALID, "outside its branch central"},
			"partly outside":       {with(func(j *rankfile.Jurisdiction) { j.Geometry = stretched(t, j.Geometry) }), rankfile.EINVALID, "outside"},
			"no boundaries at all": {nil, rankfile.EINVALID, "no neighborhood group boundaries"},
		}
		for name, c := range cases {
			_, err := store.NewNeighborhoodService(db).LoadNeighborhoods(ctx, c.js, "steward")
			if rankfile.ErrorCode(err) != c.code || !strings.Contains(rankfile.ErrorMessage(err), c.want) {
				t.Errorf("%s: err = %v, want %s containing %q", name, err, c.code, c.want)
			}
		}
		if got := groupOf(t, db, "1"); got != "echo-park-silver-lake" {
			t.Errorf("after refused loads Ana is in %q, want echo-park-silver-lake", got)
		}
		stored, err := store.NewNeighborhoodService(db).FindNeighborhoodBoundaries(ctx)
		if err != nil || len(stored) != len(good) {
			t.Errorf("after refused loads %d boundaries are stored (%v), want %d", len(stored), err, len(good))
		}
	})
}

// stretched moves the first corner of a boundary half a degree east of
// where it was, past its branch's edge.
func stretched(t *testing.T, g json.RawMessage) json.RawMessage {
	var shape struct {
		Type        string          `json:"type"`
		Coordinates [][][][]float64 `json:"coordinates"`
	}
	if err := json.Unmarshal(g, &shape); err != nil {
		t.Fatal(err)
	}
	ring := shape.Coordinates[0][0]
	ring[0][0] += 0.5
	ring[len(ring)-1] = ring[0]
	out, _ := json.Marshal(shape)
	return out
}
