package store_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestADoorIsInOneOpenTurf checks that turfs are made all or none: a batch
// with a door already in an open turf is refused, naming the turf, and
// makes nothing; closing the turf frees its doors for the next cut.
func TestADoorIsInOneOpenTurf(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, voterHeader+
			"V1,Ana,Núñez,,,1 Main St,90026,,\nV2,Bo,Li,,,3 Main St,90026,,\nV3,Cy,Ray,,,5 Main St,90026,,\n")); err != nil {
			t.Fatal(err)
		}
		h, _ := s.Households(ctx, c.ID)
		turfs := store.NewTurfService(db)
		first, err := turfs.CreateTurfs(ctx, c.ID, []rankfile.NewTurf{{Name: "North", HouseholdIDs: []int64{h[0].ID, h[1].ID}}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = turfs.CreateTurfs(ctx, c.ID, []rankfile.NewTurf{
			{Name: "South", HouseholdIDs: []int64{h[2].ID}}, {Name: "Again", HouseholdIDs: []int64{h[1].ID}}})
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(err.Error(), `in the open turf "North"`) {
			t.Fatalf("a door in two open turfs: %v", err)
		}
		if all, _ := turfs.Turfs(ctx, c.ID); len(all) != 1 {
			t.Fatalf("%d turfs after a refused batch, want 1", len(all))
		}
		if uncut, _ := turfs.UncutDoors(ctx, c.ID); len(uncut) != 1 {
			t.Errorf("%d doors uncut, want 1", len(uncut))
		}
		if err := turfs.CloseTurf(ctx, first[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := turfs.CreateTurfs(ctx, c.ID, []rankfile.NewTurf{{Name: "Again", HouseholdIDs: []int64{h[1].ID, h[0].ID}}}); err != nil {
			t.Fatalf("the doors of a closed turf: %v", err)
		}
		all, _ := turfs.Turfs(ctx, c.ID)
		if len(all) != 2 || !all[0].Open || all[0].Name != "Again" || all[0].Doors != 2 || all[1].Open {
			t.Errorf("turfs %+v %+v", all[0], all[1])
		}
		doors, err := turfs.TurfDoors(ctx, all[0].ID)
		if err != nil || len(doors) != 2 || doors[0].Household.ID != h[1].ID || doors[1].Position != 2 {
			t.Errorf("doors in walking order: %+v, %v", doors, err)
		}
	})
}
