package app_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestACanvassHandsATurfAtCheckIn links a canvass to a campaign cut into
// two turfs: the first volunteer checking in is handed one until an hour
// after the canvass, the second the other, checking in again keeps the
// turf she has, and a third gets none but is checked in all the same. A
// member may not link a canvass, nor link a training.
func TestACanvassHandsATurfAtCheckIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := blockCampaign(t, w, 16)
		if _, err := w.app.CutTurfs(ctx, w.admin, c.ID, geo.TurfSize{Min: 6, Target: 8, Max: 10}); err != nil {
			t.Fatal(err)
		}
		canvass := w.newEvent(func(e *rankfile.Event) { e.Kind, e.Title = rankfile.EventCanvass, "Saturday canvass" })
		training := w.newEvent(nil)
		if err := w.app.SetCanvassCampaign(ctx, w.voter(5), canvass.ID, c.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member links the canvass: %v", err)
		}
		if err := w.app.SetCanvassCampaign(ctx, w.admin, training.ID, c.ID); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a training hands out turfs: %v", err)
		}
		if err := w.app.SetCanvassCampaign(ctx, w.admin, canvass.ID, c.ID); err != nil {
			t.Fatal(err)
		}
		w.now = canvass.StartsAt.Add(-10 * time.Minute)
		held := map[int64]int64{}
		for _, n := range []int{5, 6, 5, 7} {
			if _, err := w.app.CheckInAtEvent(ctx, w.voter(n), canvass.ID, canvass.CheckInCode); err != nil && n != 5 {
				t.Fatalf("voter %d checks in: %v", n, err)
			}
			v, err := w.app.Event(ctx, w.voter(n), canvass.ID)
			if err != nil || v.Shift == nil || v.Shift.Campaign == nil {
				t.Fatalf("voter %d's shift: %+v, %v", n, v, err)
			}
			if n == 7 {
				if v.Shift.Turf != nil {
					t.Errorf("a third volunteer got a turf of two: %+v", v.Shift.Turf)
				}
				continue
			}
			if v.Shift.Turf == nil || !v.Shift.Turf.Until.Equal(canvass.EndsAt.Add(time.Hour)) {
				t.Fatalf("voter %d holds %+v", n, v.Shift.Turf)
			}
			if had, ok := held[int64(n)]; ok && had != v.Shift.Turf.ID {
				t.Errorf("checking in again changed voter %d's turf", n)
			}
			held[int64(n)] = v.Shift.Turf.ID
		}
		if held[5] == held[6] {
			t.Errorf("two volunteers hold turf %d", held[5])
		}
		if regs, _ := w.app.Events.Registrations(ctx, canvass.ID); len(regs) != 3 {
			t.Errorf("%d checked in, want 3 (the one without a turf too)", len(regs))
		}
	})
}

// TestAPhonebankShiftMakesCallersAtCheckIn checks a volunteer in at a
// phonebank event: she becomes a caller of the phonebank whose shift it
// is, with her first batch, which its page shows her.
func TestAPhonebankShiftMakesCallersAtCheckIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := phoneCampaign(t, w, 12)
		shift := w.newEvent(func(e *rankfile.Event) { e.Kind, e.Title = rankfile.EventPhonebank, "Tuesday phonebank" })
		p := &rankfile.Phonebank{CampaignID: c.ID, EventID: shift.ID, Name: "Yes on H calls", Source: rankfile.PhonebankTargets, BatchSize: 5}
		if err := w.app.CreatePhonebank(ctx, w.admin, p); err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.CheckInWalkIn(ctx, w.admin, shift.ID, rankfile.Registrant{MemberID: w.member(6).ID}); err != nil {
			t.Fatal(err)
		}
		caller := w.voter(6)
		v, err := w.app.Phonebank(ctx, caller, p.ID)
		if err != nil || !v.Calls || len(v.Held) != 5 {
			t.Fatalf("the caller's page after check-in: %+v, %v", v, err)
		}
		ev, err := w.app.Event(ctx, caller, shift.ID)
		if err != nil || ev.Shift == nil || len(ev.Shift.Phonebanks) != 1 {
			t.Errorf("the shift's page: %+v, %v", ev.Shift, err)
		}
	})
}
