package app_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// newEvent puts an event of the chapter on the calendar, two days from
// the world's now, with change applied first.
func (w *votingWorld) newEvent(change func(e *rankfile.Event)) *rankfile.Event {
	w.t.Helper()
	start := w.now.Add(48 * time.Hour)
	e := &rankfile.Event{BodyID: w.chapter.ID, Kind: rankfile.EventTraining, Title: "Canvass training",
		StartsAt: start, EndsAt: start.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles",
		OnlineURL: "https://call.example/j/42", PrivateDetails: "Passcode 4242", Audience: rankfile.AudiencePublic,
		Registration: true}
	if change != nil {
		change(e)
	}
	events, err := w.app.CreateEvent(ctx, w.admin, e, nil)
	if err != nil {
		w.t.Fatal(err)
	}
	return events[0]
}

func (w *votingWorld) register(e *rankfile.Event, n int) *rankfile.Registration {
	w.t.Helper()
	reg, err := w.app.RegisterForEvent(ctx, w.voter(n), e.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return reg
}

// pending lists the kinds of the notices waiting to be sent, oldest first.
func (w *votingWorld) pending() []string {
	w.t.Helper()
	notices, err := w.app.Outbox.FindNotices(ctx, []rankfile.NoticeState{rankfile.NoticePending}, 1000)
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, n := range slices.Backward(notices) {
		out = append(out, fmt.Sprintf("%s %d", n.Kind, n.MemberID))
	}
	return out
}

func TestSeatsThenTheWaitlistInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 2 })
		var regs []*rankfile.Registration
		for n := 3; n <= 6; n++ {
			regs = append(regs, w.register(e, n))
		}
		want := []struct {
			status rankfile.RegistrationStatus
			place  int
		}{{rankfile.Registered, 0}, {rankfile.Registered, 0}, {rankfile.Waitlisted, 1}, {rankfile.Waitlisted, 2}}
		for i, r := range regs {
			if r.Status != want[i].status || r.Place != want[i].place {
				t.Errorf("registration %d: %s, place %d; want %s, place %d", i+1, r.Status, r.Place, want[i].status, want[i].place)
			}
		}
		if again := w.register(e, 3); again.ID != regs[0].ID || again.Status != rankfile.Registered {
			t.Errorf("registering again gave %+v, want the registration there is", again)
		}

		if err := w.app.CancelRegistration(ctx, w.voter(4), regs[1].ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := w.app.Events.FindRegistration(ctx, regs[2].ID); got.Status != rankfile.Registered {
			t.Errorf("first on the waitlist is %s after a cancellation, want registered", got.Status)
		}
		if got, _ := w.app.Events.FindRegistration(ctx, regs[3].ID); got.Place != 1 {
			t.Errorf("second on the waitlist is now at place %d, want 1", got.Place)
		}
		if err := w.app.CancelRegistration(ctx, w.voter(3), regs[3].ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("cancelling someone else's registration: %v, want EFORBIDDEN", err)
		}
		m := func(n int) int64 { return w.member(n).ID }
		wantNotices := []string{fmt.Sprintf("registered %d", m(3)), fmt.Sprintf("registered %d", m(4)),
			fmt.Sprintf("waitlisted %d", m(5)), fmt.Sprintf("waitlisted %d", m(6)), fmt.Sprintf("promoted %d", m(5))}
		if got := w.pending(); !slices.Equal(got, wantNotices) {
			t.Errorf("notices queued:\n%v\nwant\n%v", got, wantNotices)
		}
		views, _ := w.app.Calendar(ctx, w.voter(9), rankfile.EventFilter{ID: e.ID})
		if views[0].Registered != 2 || views[0].Waitlisted != 1 {
			t.Errorf("counts %d registered, %d waitlisted; want 2 and 1", views[0].Registered, views[0].Waitlisted)
		}
	})
}

func TestRegisteringAgainAfterCancellingGoesToTheEndOfTheLine(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 1 })
		w.register(e, 3)
		w.register(e, 4)
		five := w.register(e, 5)
		if err := w.app.CancelRegistration(ctx, w.voter(5), five.ID); err != nil {
			t.Fatal(err)
		}
		again, err := w.app.RegisterForEvent(ctx, w.voter(5), e.ID)
		if err != nil || again.ID != five.ID || again.Status != rankfile.Waitlisted || again.Place != 2 {
			t.Errorf("registering again: %+v, %v; want waitlisted at place 2, behind the one who waited", again, err)
		}
	})
}

func TestConcurrentRegistrationsNeverOverfill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 10 })
		var wg sync.WaitGroup
		for n := 1; n <= 40; n++ {
			wg.Go(func() {
				if _, err := w.app.RegisterForEvent(ctx, w.voter(n), e.ID); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		regs, err := w.app.Events.Registrations(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		seats, places := 0, []int{}
		for _, r := range regs {
			if r.Status == rankfile.Registered {
				seats++
			} else {
				places = append(places, r.Place)
			}
		}
		if seats != 10 || len(places) != 30 {
			t.Fatalf("%d seats, %d waitlisted; want 10 and 30", seats, len(places))
		}
		for i, p := range places {
			if p != i+1 {
				t.Fatalf("waitlist places %v, want 1 to 30 in order", places)
			}
		}
		for i := 1; i < len(regs); i++ {
			if regs[i].Status == regs[i-1].Status && regs[i].RegisteredAt.Before(regs[i-1].RegisteredAt) {
				t.Errorf("registration %d was made before the one ahead of it", regs[i].ID)
			}
		}
	})
}

func TestWhatRegistrationIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		open := w.newEvent(func(e *rankfile.Event) { e.Registration = false })
		if _, err := w.app.RegisterForEvent(ctx, w.voter(3), open.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("registering for an event without registration: %v, want ECONFLICT", err)
		}
		gone := w.newEvent(nil)
		if err := w.app.CancelEvent(ctx, w.admin, gone.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.RegisterForEvent(ctx, w.voter(3), gone.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("registering for a cancelled event: %v, want ECONFLICT", err)
		}
		members := w.newEvent(func(e *rankfile.Event) { e.Audience = rankfile.AudienceMembers })
		guest := &rankfile.Contact{Name: "Ana Ruiz", Email: "ana@example.net", Zip: "90033"}
		if _, err := w.app.RegisterGuest(ctx, members.ID, guest); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("a guest registering for a members' event: %v, want EUNAUTHORIZED (sign in)", err)
		}
		if _, err := w.app.RegisterGuest(ctx, open.ID, &rankfile.Contact{Name: "Ana", Email: "not an address"}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a guest with a bad address: %v, want EINVALID", err)
		}
		body := w.newEvent(func(e *rankfile.Event) { e.Audience = rankfile.AudienceBody })
		if _, err := w.app.RegisterForEvent(ctx, w.voter(3), body.ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a member outside the body registering for its event: %v, want ENOTFOUND", err)
		}
		w.now = w.now.Add(72 * time.Hour)
		past := w.newEvent(func(e *rankfile.Event) { e.StartsAt, e.EndsAt = w.now.Add(-3*time.Hour), w.now.Add(-time.Hour) })
		if _, err := w.app.RegisterForEvent(ctx, w.voter(3), past.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("registering for an event that is over: %v, want ECONFLICT", err)
		}
		if got := w.pending(); len(got) != 0 {
			t.Errorf("refusals queued notices: %v", got)
		}
	})
}

func TestTheCallIsForThoseWithASeat(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 1 })
		w.register(e, 3)
		w.register(e, 4) // waitlisted
		for name, c := range map[string]struct {
			actor *rankfile.Actor
			sees  bool
		}{
			"registered": {w.voter(3), true}, "waitlisted": {w.voter(4), false}, "not registered": {w.voter(5), false},
			"signed out": {rankfile.Anonymous, false}, "host": {w.admin, true},
		} {
			v, err := w.app.Event(ctx, c.actor, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.Event.OnlineURL != "" && v.Event.PrivateDetails != ""; got != c.sees {
				t.Errorf("%s sees the call: %v, want %v", name, got, c.sees)
			}
			if (v.Event.CheckInCode != "") != v.Manage {
				t.Errorf("%s sees the check-in code: %v", name, v.Event.CheckInCode != "")
			}
		}
		list, _ := w.app.Calendar(ctx, w.voter(3), rankfile.EventFilter{})
		if len(list) != 1 || list[0].OnlineURL != "" {
			t.Errorf("the calendar shows the call: %+v", list)
		}
	})
}

func TestCheckInAndAttendanceHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 1 })
		seat := w.register(e, 3)
		waiting := w.register(e, 4)
		if _, err := w.app.CheckInRegistrant(ctx, w.voter(5), e.ID, seat.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member checking someone in: %v, want EFORBIDDEN", err)
		}
		for _, r := range []*rankfile.Registration{seat, waiting} {
			got, err := w.app.CheckInRegistrant(ctx, w.admin, e.ID, r.ID)
			if err != nil || !got.Attended() || got.Status != r.Status || got.CheckedInBy == "" {
				t.Errorf("checking in %s: %+v, %v; want attended, status kept", r.Status, got, err)
			}
		}
		walkIn, err := w.app.CheckInWalkIn(ctx, w.admin, e.ID, rankfile.Registrant{MemberID: w.member(6).ID})
		if err != nil || !walkIn.WalkIn || !walkIn.Attended() {
			t.Errorf("member walk-in: %+v, %v", walkIn, err)
		}
		guest, err := w.app.CheckInWalkIn(ctx, w.admin, e.ID, rankfile.Registrant{Contact: &rankfile.Contact{Name: "Ana Ruiz", Email: "ana@example.net"}})
		if err != nil || guest.Name != "Ana Ruiz" || !guest.Attended() {
			t.Errorf("guest walk-in: %+v, %v", guest, err)
		}
		if _, err := w.app.CheckInAtEvent(ctx, w.voter(7), e.ID, e.CheckInCode); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("checking in two days early: %v, want ECONFLICT", err)
		}
		w.now = e.StartsAt.Add(-30 * time.Minute)
		if _, err := w.app.CheckInAtEvent(ctx, w.voter(7), e.ID, "WRONG1"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a wrong code: %v, want EINVALID", err)
		}
		code := e.CheckInCode[:3] + " " + string([]rune(e.CheckInCode[3:]))
		self, err := w.app.CheckInAtEvent(ctx, w.voter(7), e.ID, code)
		if err != nil || !self.Attended() || self.CheckedInBy != "" {
			t.Errorf("self check-in: %+v, %v", self, err)
		}
		views, _ := w.app.Calendar(ctx, w.admin, rankfile.EventFilter{ID: e.ID})
		if views[0].Registered != 1 {
			t.Errorf("walk-ins took seats: %d registered, want 1", views[0].Registered)
		}
		history, err := w.app.EventsAttended(ctx, w.voter(4))
		if err != nil || len(history) != 1 || history[0].EventID != e.ID {
			t.Errorf("attendance history %+v, %v", history, err)
		}
		if got := w.pending(); len(got) != 2 {
			t.Errorf("check-ins queued notices: %v, want only the two registrations'", got)
		}
	})
}

func TestChangesAndRemindersAreQueued(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 1 })
		w.register(e, 3)
		w.register(e, 4)
		e.Title = "Canvass training (bring a friend)"
		if err := w.app.UpdateEvent(ctx, w.admin, e); err != nil {
			t.Fatal(err)
		}
		if got := len(w.pending()); got != 2 {
			t.Errorf("a new title queued notices: %d pending, want the 2 registrations'", got)
		}
		e.Address = "2 Union Hall, Los Angeles"
		e.Capacity = 2
		if err := w.app.UpdateEvent(ctx, w.admin, e); err != nil {
			t.Fatal(err)
		}
		m := func(n int) string { return fmt.Sprint(w.member(n).ID) }
		want := []string{"registered " + m(3), "waitlisted " + m(4), "moved " + m(3), "moved " + m(4), "promoted " + m(4)}
		if got := w.pending(); !slices.Equal(got, want) {
			t.Errorf("after a move and a seat more:\n%v\nwant\n%v", got, want)
		}
		if n, err := w.app.QueueReminders(ctx); err != nil || n != 0 {
			t.Errorf("two days ahead: %d reminders, %v; want none", n, err)
		}
		w.now = e.StartsAt.Add(-20 * time.Hour)
		for i, wantQueued := range []int{2, 0} {
			if n, err := w.app.QueueReminders(ctx); err != nil || n != wantQueued {
				t.Errorf("the day before, time %d: %d reminders queued, %v; want %d", i+1, n, err, wantQueued)
			}
			w.now = w.now.Add(time.Hour)
		}
		want = append(want, "reminder "+m(3), "reminder "+m(4))
		if got := w.pending(); !slices.Equal(got, want) {
			t.Errorf("reminders: %v", got)
		}
	})
}
