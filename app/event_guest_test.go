package app_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// guest asks for the registration of a guest with the address given.
func (w *votingWorld) guest(e *rankfile.Event, name, email string) *rankfile.Registration {
	w.t.Helper()
	reg, err := w.app.RegisterGuest(ctx, e.ID, &rankfile.Contact{Name: name, Email: email})
	if err != nil {
		w.t.Fatal(err)
	}
	return reg
}

// confirms counts the emails asking to confirm that are queued, to each
// contact.
func (w *votingWorld) confirms() map[int64]int {
	w.t.Helper()
	notices, err := w.app.Outbox.FindNotices(ctx, nil, 100_000)
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[int64]int{}
	for _, n := range notices {
		if n.Kind == rankfile.NoticeConfirm {
			out[n.ContactID]++
		}
	}
	return out
}

// seats reads the event's counts as the calendar shows them.
func (w *votingWorld) seats(e *rankfile.Event) (registered, waitlisted int) {
	w.t.Helper()
	list, err := w.app.Calendar(ctx, w.voter(9), rankfile.EventFilter{ID: e.ID})
	if err != nil || len(list) != 1 {
		w.t.Fatalf("the calendar: %v, %v", list, err)
	}
	return list[0].Registered, list[0].Waitlisted
}

func TestAFloodOfGuestsLeavesEverySeatForMembers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 10 })
		for i := range 200 {
			if reg := w.guest(e, "Bot", fmt.Sprintf("bot%d@example.net", i)); reg.Status != rankfile.Unconfirmed || reg.Holds() {
				t.Fatalf("guest %d: %s, want unconfirmed", i, reg.Status)
			}
		}
		if reg, wait := w.seats(e); reg != 0 || wait != 0 {
			t.Errorf("after 200 guests: %d registered, %d waitlisted; want none", reg, wait)
		}
		for n := 3; n <= 12; n++ {
			if reg := w.register(e, n); reg.Status != rankfile.Registered {
				t.Errorf("member %d after the flood: %s, want a seat", n, reg.Status)
			}
		}
		if reg, wait := w.seats(e); reg != 10 || wait != 0 {
			t.Errorf("after 10 members: %d registered, %d waitlisted; want 10 and 0", reg, wait)
		}
		_, regs, err := w.app.EventRegistrations(ctx, w.admin, e.ID)
		if err != nil || len(regs) != 210 || regs[9].Status != rankfile.Registered || regs[10].Status != rankfile.Unconfirmed {
			t.Errorf("the hosts' list: %d registrations, %v; want the 10 seats, then the 200 unconfirmed", len(regs), err)
		}
	})
}

func TestConfirmingTakesASeatThenTheWaitlistInOrderOfConfirmation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 2 })
		var guests []*rankfile.Registration
		for _, name := range []string{"Ana", "Beto", "Cruz", "Dana"} {
			guests = append(guests, w.guest(e, name, strings.ToLower(name)+"@example.net"))
		}
		want := []struct {
			who    int
			status rankfile.RegistrationStatus
			place  int
		}{{2, rankfile.Registered, 0}, {0, rankfile.Registered, 0}, {3, rankfile.Waitlisted, 1}, {1, rankfile.Waitlisted, 2}}
		for _, c := range want {
			v, err := w.app.ConfirmGuestRegistration(ctx, guests[c.who].Token)
			if err != nil {
				t.Fatal(err)
			}
			if v.Mine.Status != c.status || v.Mine.Place != c.place {
				t.Errorf("confirming guest %d: %s, place %d; want %s, place %d", c.who, v.Mine.Status, v.Mine.Place, c.status, c.place)
			}
		}
		if again, err := w.app.ConfirmGuestRegistration(ctx, guests[2].Token); err != nil || again.Mine.Status != rankfile.Registered {
			t.Errorf("confirming again: %+v, %v", again, err)
		}
		if reg := w.register(e, 3); reg.Place != 3 {
			t.Errorf("a member after the guests confirmed: place %d, want 3", reg.Place)
		}
		var kinds []string
		for _, k := range w.pending() {
			kinds = append(kinds, strings.Fields(k)[0])
		}
		wantKinds := []string{"confirm", "confirm", "confirm", "confirm", "registered", "registered", "waitlisted", "waitlisted", "waitlisted"}
		if !slices.Equal(kinds, wantKinds) {
			t.Errorf("notices %v, want %v", kinds, wantKinds)
		}
	})
}

func TestAnUnconfirmedRegistrationLapsesHoldingNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		srv := w.withMail()
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 1 })
		ana := w.guest(e, "Ana Ruiz", "ana@example.net")
		if want := w.now.Add(rankfile.GuestConfirmWithin); !ana.ExpiresAt.Equal(want) {
			t.Errorf("lapses at %v, want %v", ana.ExpiresAt, want)
		}
		w.now = w.now.Add(rankfile.GuestConfirmWithin)
		if _, err := w.app.ConfirmGuestRegistration(ctx, ana.Token); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("confirming a lapsed link: %v, want ECONFLICT", err)
		}
		if v, _ := w.app.GuestRegistration(ctx, ana.Token); !v.Mine.Expired(w.now) || v.Event.PrivateDetails != "" {
			t.Errorf("the lapsed link shows %+v, %q", v.Mine, v.Event.PrivateDetails)
		}
		if reg := w.register(e, 3); reg.Status != rankfile.Registered {
			t.Errorf("a member after the lapse: %s, want the seat", reg.Status)
		}
		if _, regs, _ := w.app.EventRegistrations(ctx, w.admin, e.ID); len(regs) != 1 {
			t.Errorf("the hosts' list shows %d registrations, want the member's only", len(regs))
		}
		w.send(1) // the member's: the email asking Ana to confirm is no longer owed
		if c := w.counts(); c[rankfile.NoticeDropped] != 1 || len(srv.Messages()) != 1 {
			t.Errorf("outbox %v, want the lapsed confirmation dropped", c)
		}

		again := w.guest(e, "Ana Ruiz", "ana@example.net")
		if again.ID != ana.ID || again.Status != rankfile.Unconfirmed || !again.ExpiresAt.After(w.now) {
			t.Errorf("asking again after the lapse: %+v", again)
		}
		soon := w.newEvent(func(e *rankfile.Event) { e.StartsAt, e.EndsAt = w.now.Add(time.Hour), w.now.Add(3*time.Hour) })
		if reg := w.guest(soon, "Ana Ruiz", "ana@example.net"); !reg.ExpiresAt.Equal(soon.EndsAt) {
			t.Errorf("for an event ending in 3 hours the link lapses at %v, want its end", reg.ExpiresAt)
		}
	})
}

func TestOneAddressGetsAtMostThreeEmailsADay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(nil)
		var ana *rankfile.Registration
		for range 10 {
			ana = w.guest(e, "Ana Ruiz", "ana@example.net")
		}
		if got := w.confirms()[ana.ContactID]; got != 1 {
			t.Errorf("one event asked for 10 times at once: %d emails, want 1", got)
		}
		for range 10 {
			w.guest(w.newEvent(nil), "Ana Ruiz", "ana@example.net")
		}
		if got := w.confirms()[ana.ContactID]; got != rankfile.GuestEmailsPerDay {
			t.Errorf("10 events more: %d emails, want %d", got, rankfile.GuestEmailsPerDay)
		}
		w.now = w.now.Add(23 * time.Hour)
		w.guest(e, "Ana Ruiz", "ana@example.net")
		if got := w.confirms()[ana.ContactID]; got != rankfile.GuestEmailsPerDay {
			t.Errorf("within the day: %d emails, want %d", got, rankfile.GuestEmailsPerDay)
		}
		w.now = w.now.Add(2 * time.Hour)
		w.guest(e, "Ana Ruiz", "ana@example.net")
		if got := w.confirms()[ana.ContactID]; got != rankfile.GuestEmailsPerDay+1 {
			t.Errorf("a day later: %d emails, want %d", got, rankfile.GuestEmailsPerDay+1)
		}
		if reg, _ := w.seats(e); reg != 0 {
			t.Errorf("%d registered, want none: nobody confirmed", reg)
		}
	})
}

func TestAContactsDetailsChangeOnlyWhenConfirmed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		first := w.guest(w.newEvent(nil), "Ana Ruiz", "ana@example.net")
		if _, err := w.app.ConfirmGuestRegistration(ctx, first.Token); err != nil {
			t.Fatal(err)
		}
		prank, err := w.app.RegisterGuest(ctx, w.newEvent(nil).ID, &rankfile.Contact{Name: "Someone Else", Email: "ana@example.net", Phone: "213-555-0199"})
		if err != nil {
			t.Fatal(err)
		}
		if c, _ := w.app.Events.FindContact(ctx, prank.ContactID); c.Name != "Ana Ruiz" || c.Phone != "" {
			t.Errorf("an unconfirmed request changed the contact: %+v", c)
		}
		if _, err := w.app.ConfirmGuestRegistration(ctx, prank.Token); err != nil {
			t.Fatal(err)
		}
		if c, _ := w.app.Events.FindContact(ctx, prank.ContactID); c.Name != "Someone Else" || c.Phone != "213-555-0199" {
			t.Errorf("confirming did not bring the contact up to date: %+v", c)
		}
	})
}

func TestAnUnconfirmedGuestWhoComesIsAWalkIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 1 })
		ana := w.guest(e, "Ana Ruiz", "ana@example.net")
		got, err := w.app.CheckInRegistrant(ctx, w.admin, e.ID, ana.ID)
		if err != nil || !got.Attended() || !got.WalkIn || got.Status != rankfile.Registered {
			t.Errorf("checking in an unconfirmed guest: %+v, %v; want a walk-in, checked in", got, err)
		}
		if _, err := w.app.ConfirmGuestRegistration(ctx, ana.Token); err != nil {
			t.Errorf("confirming after the check-in: %v", err)
		}
		if reg, _ := w.seats(e); reg != 0 {
			t.Errorf("the walk-in took a seat: %d registered", reg)
		}
	})
}
