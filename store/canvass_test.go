package store_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestCanvasserTurfsAndTheirPeople checks what a canvasser's phone reads:
// the turfs out with them (as canvasser or partner) whose time has not
// ended before the day asked about, and the people at a turf's doors and
// no one else's.
func TestCanvasserTurfsAndTheirPeople(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, voterHeader+
			"V1,Ana,Núñez,,,1 Main St,90026,,\nV2,Bo,Núñez,,,1 Main St,90026,,\nV3,Cy,Ray,,,5 Main St,90026,,\n")); err != nil {
			t.Fatal(err)
		}
		h, _ := s.Households(ctx, c.ID)
		turfs := store.NewTurfService(db)
		made, err := turfs.CreateTurfs(ctx, c.ID, []rankfile.NewTurf{{Name: "A", HouseholdIDs: []int64{h[0].ID}},
			{Name: "B", HouseholdIDs: []int64{h[1].ID}}})
		if err != nil {
			t.Fatal(err)
		}
		ana, bo := member(t, db, "1").ID, member(t, db, "2").ID
		now := db.Now()
		if err := turfs.CheckOutTurf(ctx, made[0].ID, ana, bo, now.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := turfs.CheckOutTurf(ctx, made[1].ID, bo, 0, now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, err := turfs.CanvasserTurfs(ctx, bo, now); err != nil || len(got) != 2 || got[0].ID != made[0].ID {
			t.Fatalf("the partner's turfs %+v, %v; want both, the later first", got, err)
		}
		if got, _ := turfs.CanvasserTurfs(ctx, bo, now.Add(2*time.Hour)); len(got) != 1 || got[0].ID != made[0].ID {
			t.Errorf("turfs still out in two hours: %+v", got)
		}
		if got, _ := turfs.CanvasserTurfs(ctx, member(t, db, "3").ID, now); len(got) != 0 {
			t.Errorf("someone else's turfs: %+v", got)
		}
		people, err := turfs.TurfTargets(ctx, made[0].ID)
		if err != nil || len(people) != 2 || people[0].HouseholdID != h[0].ID || people[1].HouseholdID != h[0].ID {
			t.Errorf("the people of turf A: %+v, %v", people, err)
		}
	})
}

// TestAPersonMetAtTheDoorBecomesATarget records an attempt that met
// someone not on the list: they are made a target in the door's
// household, named as who answered and heard from; the attempt sent again
// makes no second target; a bad phone stores nothing.
func TestAPersonMetAtTheDoorBecomesATarget(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c := newCampaign(t, db)
		if _, err := s.ImportTargets(ctx, c.ID, "voters", voterList, readList(t, voterHeader+"V1,Ana,Núñez,,,1 Main St,90026,,\n")); err != nil {
			t.Fatal(err)
		}
		h, _ := s.Households(ctx, c.ID)
		attempts := store.NewAttemptService(db)
		by := member(t, db, "1").ID
		met := func(id, phone string) *rankfile.Attempt {
			return &rankfile.Attempt{ClientID: id, CampaignID: c.ID, HouseholdID: h[0].ID, ByMemberID: by, Channel: rankfile.ChannelDoor,
				Result: rankfile.ResultContact, Support: 5, At: db.Now(), Met: &rankfile.PersonMet{FirstName: " Dee ", LastName: "Roommate", Phone: phone}}
		}
		if _, err := attempts.RecordAttempts(ctx, []*rankfile.Attempt{met("met-00001", "213 555 01")}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a bad phone: %v", err)
		}
		first := met("met-00002", "(213) 555-0177")
		if repeats, err := attempts.RecordAttempts(ctx, []*rankfile.Attempt{first}); err != nil || repeats != 0 || first.TargetID == 0 {
			t.Fatalf("met: %d repeats, target %d, %v", repeats, first.TargetID, err)
		}
		if repeats, err := attempts.RecordAttempts(ctx, []*rankfile.Attempt{met("met-00002", "(213) 555-0177")}); err != nil || repeats != 1 {
			t.Fatalf("sent again: %d repeats, %v", repeats, err)
		}
		targets, _ := s.Targets(ctx, c.ID)
		if len(targets) != 2 {
			t.Fatalf("%d targets, want Ana and Dee", len(targets))
		}
		var dee *rankfile.Target
		for _, tg := range targets {
			if tg.ID == first.TargetID {
				dee = tg
			}
		}
		if dee == nil || dee.FirstName != "Dee" || dee.HouseholdID != h[0].ID || dee.Phone != "+12135550177" || dee.LastHeardOn.IsZero() {
			t.Errorf("the person met: %+v", dee)
		}
		stored, _ := attempts.HouseholdAttempts(ctx, h[0].ID)
		if len(stored) != 1 || stored[0].TargetID != dee.ID {
			t.Errorf("attempts at the door: %+v", stored)
		}
	})
}
