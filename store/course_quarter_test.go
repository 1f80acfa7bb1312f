package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// seatIn seats a member in the first seat of a body from the clock's day.
func seatIn(t *testing.T, db *store.DB, body *rankfile.Body, m *rankfile.Member) {
	t.Helper()
	bodies := store.NewBodyService(db)
	seats, err := bodies.FindSeats(ctx, body.ID)
	if err != nil || len(seats) == 0 {
		t.Fatalf("%s's seats: %v, %v", body.Slug, seats, err)
	}
	if err := bodies.CreatePosition(ctx, &rankfile.Position{MemberID: m.ID, BodyID: body.ID, SeatID: seats[0].ID, StartOn: db.Today()}); err != nil {
		t.Fatal(err)
	}
}

// outboxOf lists the members the outbox owes a notice of the kind.
func outboxOf(t *testing.T, db *store.DB, kind rankfile.NoticeKind) []int64 {
	t.Helper()
	notices, err := store.NewOutboxService(db).FindNotices(ctx, nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []int64
	for _, n := range notices {
		if n.Kind == kind {
			out = append(out, n.MemberID)
		}
	}
	slices.Sort(out)
	return out
}

// TestACourseNotOfferedIsFlaggedOnceAQuarter runs the quarterly check in
// the fourth quarter of 2026: power mapping has a session in December,
// canvassing none. Canvassing is flagged once, to the labor committee's
// co-chair (Ana) and the steering committee (Bo), however often the check
// runs and with a new service as after a restart; power mapping is not.
// In the first quarter of 2027 canvassing is flagged again, and a session
// scheduled then takes it off the list.
func TestACourseNotOfferedIsFlaggedOnceAQuarter(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCourseWorld(t, db)
		ana, bo, cleo := w.m["1"], w.m["2"], w.m["3"]
		seatIn(t, db, w.tree["labor"], ana)
		seatIn(t, db, w.tree["steering"], bo)
		if err := w.s.RecordFoundingTrainer(ctx, w.powmap.ID, cleo.ID, "wrote it"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.session(t, w.powmap, time.Date(2026, 12, 10, 18, 0, 0, 0, time.UTC), cleo.ID); err != nil {
			t.Fatal(err)
		}
		q := rankfile.QuarterOf(rankfile.MustParseDate("2026-11-15"))
		if q.String() != "2026-Q4" || q.FlagFrom() != rankfile.MustParseDate("2026-11-01") {
			t.Fatalf("quarter %s flags from %s", q, q.FlagFrom())
		}
		for i, want := range []int{1, 0} {
			if n, err := w.s.FlagUnofferedCourses(ctx, q); err != nil || n != want {
				t.Errorf("run %d flagged %d, %v; want %d", i, n, err, want)
			}
		}
		if n, err := store.NewCourseService(db).FlagUnofferedCourses(ctx, q); err != nil || n != 0 {
			t.Errorf("after a restart: flagged %d, %v; want 0", n, err)
		}
		if told := outboxOf(t, db, rankfile.NoticeCourseNotOffered); !slices.Equal(told, sortedIDs(ana.ID, bo.ID)) {
			t.Errorf("told %v, want Ana and Bo once each (%d, %d)", told, ana.ID, bo.ID)
		}
		if ids, err := w.s.UnofferedCourses(ctx, q); err != nil || !slices.Equal(ids, []int64{w.canvass.ID}) {
			t.Errorf("not offered = %v, %v; want canvassing", ids, err)
		}
		next := q.Next()
		if n, err := w.s.FlagUnofferedCourses(ctx, next); err != nil || n != 2 {
			t.Errorf("next quarter flagged %d, %v; want both", n, err)
		}
		if err := w.s.RecordFoundingTrainer(ctx, w.canvass.ID, cleo.ID, "wrote it"); err != nil {
			t.Fatal(err)
		}
		if _, err := w.session(t, w.canvass, time.Date(2027, 3, 30, 18, 0, 0, 0, time.UTC), cleo.ID); err != nil {
			t.Fatal(err)
		}
		if ids, err := w.s.UnofferedCourses(ctx, next); err != nil || !slices.Equal(ids, []int64{w.powmap.ID}) {
			t.Errorf("not offered in %s = %v, %v; want power mapping alone", next, ids, err)
		}
	})
}

func sortedIDs(ids ...int64) []int64 {
	slices.Sort(ids)
	return ids
}
