package store_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// noticeWorld is a database with ten members in good standing and one
// chapter event with one seat, and a record of the changes the store
// reported.
type noticeWorld struct {
	t       *testing.T
	db      *store.DB
	events  *store.EventService
	members []int64
	event   *rankfile.Event
	changes []*rankfile.EventChange
}

func newNoticeWorld(t *testing.T, dsn string) *noticeWorld {
	db := storetest.Open(t, dsn)
	setClock(db, "2026-03-19")
	w := &noticeWorld{t: t, db: db, events: store.NewEventService(db)}
	var rows []string
	for i := 1; i <= 10; i++ {
		rows = append(rows, fmt.Sprintf("%d,M%d,Lee,m%d@example.org,90026,2030-01-01,Member in Good Standing,,", i, i, i))
	}
	importList(t, db, list(listHeader, rows...), rankfile.ImportOptions{})
	for i := 1; i <= 10; i++ {
		w.members = append(w.members, member(t, db, fmt.Sprint(i)).ID)
	}
	chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Chapter", Joining: rankfile.JoinNone}
	if err := store.NewBodyService(db).CreateBody(ctx, chapter); err != nil {
		t.Fatal(err)
	}
	s := time.Date(2026, 3, 24, 18, 0, 0, 0, time.UTC)
	w.event = &rankfile.Event{BodyID: chapter.ID, Kind: rankfile.EventOther, Title: "Phonebank", StartsAt: s,
		EndsAt: s.Add(time.Hour), Zone: "UTC", Address: "1 Main St", Audience: rankfile.AudiencePublic,
		Registration: true, Capacity: 1}
	if err := w.events.CreateEvents(ctx, []*rankfile.Event{w.event}, nil); err != nil {
		t.Fatal(err)
	}
	return w
}

// rules records the change reported and returns the notices rankfile's
// rules owe for it.
func (w *noticeWorld) rules(c *rankfile.EventChange) ([]*rankfile.Notice, error) {
	w.changes = append(w.changes, c)
	return c.Notices(), nil
}

// outbox lists the notices queued, oldest first, as "kind registration".
func (w *noticeWorld) outbox() []string {
	w.t.Helper()
	found, err := store.NewOutboxService(w.db).FindNotices(ctx, nil, 1000)
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, n := range slices.Backward(found) {
		out = append(out, fmt.Sprintf("%s %d", n.Kind, n.RegistrationID))
	}
	return out
}

// register registers member i (from 0) by the rules.
func (w *noticeWorld) register(i int) *rankfile.Registration {
	w.t.Helper()
	reg, err := w.events.Register(ctx, w.event.ID, rankfile.Registrant{MemberID: w.members[i]}, w.rules)
	if err != nil {
		w.t.Fatal(err)
	}
	return reg
}

// TestAnEventChangeQueuesWhatItsNoticesReturn checks that every change
// reports what it did under the event's lock (who took a seat or a place
// in line, who was promoted, who was registered when it moved or was
// cancelled) and that the store queues exactly the notices returned, no
// more and no fewer, a batch at a time when there are many.
func TestAnEventChangeQueuesWhatItsNoticesReturn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newNoticeWorld(t, dsn)
		odd := func(c *rankfile.EventChange) ([]*rankfile.Notice, error) {
			return []*rankfile.Notice{{Kind: rankfile.NoticeReminder, EventID: c.EventID, MemberID: w.members[9]}}, nil
		}
		first, err := w.events.Register(ctx, w.event.ID, rankfile.Registrant{MemberID: w.members[0]}, odd)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := w.outbox(), []string{"reminder 0"}; !slices.Equal(got, want) {
			t.Fatalf("queued %v, want only what the notices returned, %v", got, want)
		}
		var regs []*rankfile.Registration
		for i := 1; i < 10; i++ {
			regs = append(regs, w.register(i))
		}
		if c := w.changes[0]; len(c.Placed) != 1 || c.Placed[0].ID != regs[0].ID || c.Placed[0].Status != rankfile.Waitlisted {
			t.Errorf("the second registration reported %+v, want it placed on the waitlist", c.Placed)
		}
		if err := w.events.CancelRegistration(ctx, first.ID, w.rules); err != nil {
			t.Fatal(err)
		}
		if c := w.changes[len(w.changes)-1]; len(c.Promoted) != 1 || c.Promoted[0].ID != regs[0].ID {
			t.Errorf("cancelling the seat promoted %+v, want the first in line", c.Promoted)
		}
		w.checkMoved(regs)
		if err := w.events.CancelEvent(ctx, w.event.ID, w.rules); err != nil {
			t.Fatal(err)
		}
		got := w.outbox()
		if cancelled := got[len(got)-9:]; cancelled[0] != fmt.Sprintf("cancelled %d", regs[0].ID) || len(got) != 1+9+1+9+2+9 {
			t.Errorf("cancelling the event queued %v", cancelled)
		}
	})
}

// checkMoved moves the event and adds two seats: the nine registered or
// waitlisted hear that it moved, then the two promoted that they have a
// seat, all in one batch.
func (w *noticeWorld) checkMoved(regs []*rankfile.Registration) {
	w.t.Helper()
	before := len(w.outbox())
	e := *w.event
	e.StartsAt, e.EndsAt, e.Capacity = e.StartsAt.Add(time.Hour), e.EndsAt.Add(time.Hour), 3
	if err := w.events.UpdateEvent(ctx, &e, w.rules); err != nil {
		w.t.Fatal(err)
	}
	var want []string
	for _, reg := range regs {
		want = append(want, fmt.Sprintf("moved %d", reg.ID))
	}
	want = append(want, fmt.Sprintf("promoted %d", regs[1].ID), fmt.Sprintf("promoted %d", regs[2].ID))
	if got := w.outbox()[before:]; !slices.Equal(got, want) {
		w.t.Errorf("moving the event queued\n%v, want\n%v", got, want)
	}
}

// TestAnEventChangeWhoseNoticesFailIsUndone checks that a change whose
// notices cannot be decided is not made: a registration, a cancellation,
// a move or a confirmation whose notices return an error (or that is
// given none to ask) leaves the registrations and the outbox as they were.
func TestAnEventChangeWhoseNoticesFailIsUndone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newNoticeWorld(t, dsn)
		broken := errors.New("the notices could not be decided")
		fail := func(*rankfile.EventChange) ([]*rankfile.Notice, error) { return nil, broken }
		if _, err := w.events.Register(ctx, w.event.ID, rankfile.Registrant{MemberID: w.members[0]}, fail); !errors.Is(err, broken) {
			t.Errorf("registering with failing notices: %v, want %v", err, broken)
		}
		if _, err := w.events.Register(ctx, w.event.ID, rankfile.Registrant{MemberID: w.members[0]}, nil); rankfile.ErrorCode(err) != rankfile.EINTERNAL {
			t.Errorf("registering without notices: %v, want refused", err)
		}
		guest := &rankfile.Contact{Name: "Ana", Email: "ana@example.net"}
		if _, err := w.events.Register(ctx, w.event.ID, rankfile.Registrant{Contact: guest}, fail); !errors.Is(err, broken) {
			t.Errorf("a guest registering with failing notices: %v", err)
		}
		if regs, err := w.events.Registrations(ctx, w.event.ID); err != nil || len(regs) != 0 {
			t.Errorf("registrations after failing notices: %+v, %v", regs, err)
		}
		first, second := w.register(0), w.register(1)
		before := w.outbox()
		if err := w.events.CancelRegistration(ctx, first.ID, fail); !errors.Is(err, broken) {
			t.Errorf("cancelling with failing notices: %v", err)
		}
		e := *w.event
		e.StartsAt, e.EndsAt = e.StartsAt.Add(time.Hour), e.EndsAt.Add(time.Hour)
		if err := w.events.UpdateEvent(ctx, &e, fail); !errors.Is(err, broken) {
			t.Errorf("moving with failing notices: %v", err)
		}
		if err := w.events.CancelEvent(ctx, w.event.ID, fail); !errors.Is(err, broken) {
			t.Errorf("cancelling the event with failing notices: %v", err)
		}
		w.checkUnchanged(first, second, before)
	})
}

// checkUnchanged fails unless the event, its two registrations and the
// outbox are as they were before the failed changes.
func (w *noticeWorld) checkUnchanged(first, second *rankfile.Registration, before []string) {
	w.t.Helper()
	for reg, want := range map[int64]rankfile.RegistrationStatus{first.ID: rankfile.Registered, second.ID: rankfile.Waitlisted} {
		if got, err := w.events.FindRegistration(ctx, reg); err != nil || got.Status != want {
			w.t.Errorf("registration %d after failed changes: %+v, %v; want %s", reg, got, err, want)
		}
	}
	found, err := w.events.FindEvents(ctx, rankfile.EventFilter{ID: w.event.ID})
	if err != nil || len(found) != 1 || found[0].Cancelled || !found[0].StartsAt.Equal(w.event.StartsAt) {
		w.t.Errorf("the event after failed changes: %+v, %v", found, err)
	}
	if got := w.outbox(); !slices.Equal(got, before) {
		w.t.Errorf("the outbox after failed changes: %v, want %v", got, before)
	}
}

// TestFindEventsByIDs reads events by a list of ids: the one asked for,
// none for an empty list, and any for none.
func TestFindEventsByIDs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newNoticeWorld(t, dsn)
		for _, c := range []struct {
			ids  []int64
			want int
		}{{[]int64{w.event.ID, w.event.ID + 100}, 1}, {[]int64{}, 0}, {nil, 1}} {
			if found, err := w.events.FindEvents(ctx, rankfile.EventFilter{IDs: c.ids}); err != nil || len(found) != c.want {
				t.Errorf("ids %v: %d events, %v; want %d", c.ids, len(found), err, c.want)
			}
		}
	})
}
