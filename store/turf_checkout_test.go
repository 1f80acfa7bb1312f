package store_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTurfCheckoutsKeepWhoHeldATurfWhen checks out a turf, returns it
// early, checks it out to a pair, lets that run out, and closes it: the
// history holds both checkouts, newest first, the first returned at its
// time, and the turf's state follows.
func TestTurfCheckoutsKeepWhoHeldATurfWhen(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, voterHeader+"V1,Ana,Núñez,,,1 Main St,90026,,\n")); err != nil {
			t.Fatal(err)
		}
		h, _ := s.Households(ctx, c.ID)
		turfs := store.NewTurfService(db)
		made, err := turfs.CreateTurfs(ctx, c.ID, []rankfile.NewTurf{{Name: "North", HouseholdIDs: []int64{h[0].ID}}})
		if err != nil {
			t.Fatal(err)
		}
		id, start := made[0].ID, db.Now()
		if made[0].State(start) != rankfile.TurfFree {
			t.Errorf("a new turf is %s", made[0].State(start))
		}
		a, b := member(t, db, "1").ID, member(t, db, "2").ID
		if err := turfs.CheckOutTurf(ctx, id, a, 0, start.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return start.Add(time.Hour) }
		if err := turfs.ReturnTurf(ctx, id); err != nil {
			t.Fatal(err)
		}
		if err := turfs.CheckOutTurf(ctx, id, b, a, start.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return start.Add(5 * time.Hour) }
		turf, _ := turfs.FindTurf(ctx, id)
		if turf.Checkouts != 2 || turf.State(db.Now()) != rankfile.TurfBack {
			t.Errorf("after two checkouts: %d, %s", turf.Checkouts, turf.State(db.Now()))
		}
		if err := turfs.CloseTurf(ctx, id); err != nil {
			t.Fatal(err)
		}
		got, err := turfs.TurfCheckouts(ctx, id)
		if err != nil || len(got) != 2 {
			t.Fatalf("history %+v, %v", got, err)
		}
		if got[0].CanvasserID != b || got[0].PartnerID != a || !got[0].ReturnedAt.IsZero() {
			t.Errorf("the pair's checkout, which ran out: %+v", got[0])
		}
		if got[1].CanvasserID != a || got[1].PartnerID != 0 || !got[1].ReturnedAt.Equal(start.Add(time.Hour).Truncate(time.Microsecond)) {
			t.Errorf("the first checkout, returned after an hour: %+v", got[1])
		}
		if turf, _ = turfs.FindTurf(ctx, id); turf.State(db.Now()) != rankfile.TurfClosed {
			t.Errorf("closed turf is %s", turf.State(db.Now()))
		}
	})
}
