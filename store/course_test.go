package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// courseWorld is a chapter with committees, four members and two courses:
// canvassing, and power mapping that requires it.
type courseWorld struct {
	db              *store.DB
	s               *store.CourseService
	tree            map[string]*rankfile.Body
	m               map[string]*rankfile.Member
	canvass, powmap *rankfile.Course
}

func newCourseWorld(t *testing.T, db *store.DB) *courseWorld {
	t.Helper()
	central, m := oneOnOneBranch(t, db)
	_ = central
	w := &courseWorld{db: db, s: store.NewCourseService(db), m: m}
	bodies, err := store.NewBodyService(db).FindBodies(ctx, rankfile.BodyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	w.tree = map[string]*rankfile.Body{}
	for _, b := range bodies {
		w.tree[b.Slug] = b
	}
	w.canvass = &rankfile.Course{Title: "Canvassing", Level: "fundamental", BodyIDs: []int64{w.tree["labor"].ID},
		Materials: []rankfile.CourseMaterial{{Title: "Script", URL: "https://example.org/script"}}}
	if err := w.s.CreateCourse(ctx, w.canvass); err != nil {
		t.Fatal(err)
	}
	w.powmap = &rankfile.Course{Title: "Power mapping", Level: "advanced", BodyIDs: []int64{w.tree["housing"].ID},
		ValidityMonths: 24, Prerequisites: []rankfile.Prerequisite{{CourseID: w.canvass.ID, WithinMonths: 12}}}
	if err := w.s.CreateCourse(ctx, w.powmap); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestCoursesKeepTheirDetailsAndRefuseALoop(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCourseWorld(t, db)
		all, err := w.s.FindCourses(ctx, 0)
		if err != nil || len(all) != 2 || all[0].Title != "Canvassing" || all[1].Title != "Power mapping" {
			t.Fatalf("catalogue = %+v, %v; want canvassing then power mapping", all, err)
		}
		if len(all[0].Materials) != 1 || all[0].Materials[0].URL != "https://example.org/script" ||
			len(all[1].Prerequisites) != 1 || all[1].Prerequisites[0].Title != "Canvassing" ||
			all[1].Prerequisites[0].WithinMonths != 12 || all[1].BodyIDs[0] != w.tree["housing"].ID {
			t.Errorf("read back: %+v %+v", all[0], all[1])
		}
		loop := *w.canvass
		loop.Prerequisites = []rankfile.Prerequisite{{CourseID: w.powmap.ID}}
		loop.Title = "Canvassing, renamed"
		err = w.s.UpdateCourse(ctx, &loop)
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err),
			"Canvassing, renamed → Power mapping → Canvassing, renamed") {
			t.Fatalf("a loop: %v, want EINVALID naming it", err)
		}
		again, _ := w.s.FindCourses(ctx, w.canvass.ID)
		if again[0].Title != "Canvassing" || len(again[0].Prerequisites) != 0 {
			t.Errorf("the refused change was stored: %+v", again[0])
		}
		bad := &rankfile.Course{Title: "Chess", Level: "grandmaster", BodyIDs: []int64{w.tree["labor"].ID}}
		if err := w.s.CreateCourse(ctx, bad); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("an unknown level: %v, want EINVALID", err)
		}
		if err := w.s.SaveCourseLevel(ctx, &rankfile.CourseLevel{Slug: "grandmaster", Name: "Grandmaster"}); err != nil {
			t.Fatal(err)
		}
		if err := w.s.CreateCourse(ctx, bad); err != nil {
			t.Errorf("a level the chapter added: %v", err)
		}
	})
}

// noNotices owes nobody an email, so that the outbox holds only the
// notices the tests look for.
func noNotices(*rankfile.EventChange) ([]*rankfile.Notice, error) { return nil, nil }

// session schedules a session of the course starting at the given time.
func (w *courseWorld) session(t *testing.T, c *rankfile.Course, at time.Time, trainers ...int64) (*rankfile.Event, error) {
	t.Helper()
	e := &rankfile.Event{BodyID: c.BodyIDs[0], Kind: rankfile.EventTraining, Title: c.Title, StartsAt: at,
		EndsAt: at.Add(2 * time.Hour), Zone: "UTC", Address: "Union hall", Audience: rankfile.AudienceMembers, Registration: true, Capacity: 20}
	return e, w.s.CreateSessions(ctx, []*rankfile.Event{e}, nil, c.ID, trainers)
}

func TestTrainersMustBeQualifiedAndSessionsNeedThem(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCourseWorld(t, db)
		ana, bo := w.m["1"].ID, w.m["2"].ID
		if err := w.s.AddTrainer(ctx, w.canvass.ID, ana); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("an unqualified trainer: %v, want ECONFLICT", err)
		}
		if _, err := w.session(t, w.canvass, time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC), ana); rankfile.ErrorCode(err) != rankfile.EINVALID ||
			!strings.Contains(rankfile.ErrorMessage(err), w.m["1"].FirstName) {
			t.Errorf("a session with an unqualified trainer: %v, want EINVALID naming them", err)
		}
		if ids, _ := w.s.CourseSessions(ctx, w.canvass.ID); len(ids) != 0 {
			t.Errorf("a refused session was stored: %v", ids)
		}
		if events, _ := store.NewEventService(db).FindEvents(ctx, rankfile.EventFilter{}); len(events) != 0 {
			t.Errorf("a refused session's event was stored: %d", len(events))
		}
		if err := w.s.RecordFoundingTrainer(ctx, w.canvass.ID, ana, " "); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a founding trainer without a reason: %v, want EINVALID", err)
		}
		if err := w.s.RecordFoundingTrainer(ctx, w.canvass.ID, ana, "wrote the course"); err != nil {
			t.Fatal(err)
		}
		e, err := w.session(t, w.canvass, time.Date(2026, 12, 1, 18, 0, 0, 0, time.UTC), ana)
		if err != nil {
			t.Fatal(err)
		}
		if c, trainers, err := w.s.SessionCourse(ctx, e.ID); err != nil || c != w.canvass.ID || len(trainers) != 1 || trainers[0] != ana {
			t.Errorf("session course = %d %v, %v", c, trainers, err)
		}
		if _, err := w.session(t, w.canvass, time.Date(2026, 12, 2, 18, 0, 0, 0, time.UTC)); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a session without a trainer: %v, want EINVALID", err)
		}
		// Bo completes the session and may then train.
		events := store.NewEventService(db)
		if _, err := events.Register(ctx, e.ID, rankfile.Registrant{MemberID: bo}, noNotices); err != nil {
			t.Fatal(err)
		}
		if err := w.s.RecordCompletions(ctx, e.ID, rankfile.MustParseDate("2026-12-01"),
			[]rankfile.SessionOutcome{{MemberID: bo, Outcome: rankfile.OutcomeComplete}}); err != nil {
			t.Fatal(err)
		}
		if err := w.s.RecordCompletions(ctx, e.ID, rankfile.MustParseDate("2026-12-01"),
			[]rankfile.SessionOutcome{{MemberID: w.m["3"].ID, Outcome: rankfile.OutcomeComplete}}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("completing someone not registered: %v, want EINVALID", err)
		}
		setClock(db, "2026-12-02")
		if err := w.s.AddTrainer(ctx, w.canvass.ID, bo); err != nil {
			t.Errorf("a qualified trainer: %v", err)
		}
		if tr, _ := w.s.Trainers(ctx, w.canvass.ID); len(tr) != 2 {
			t.Errorf("trainers = %+v, want 2", tr)
		}
		if err := w.s.RemoveTrainer(ctx, w.canvass.ID, bo); err != nil {
			t.Fatal(err)
		}
		done, err := w.s.MemberCompletions(ctx, bo)
		if err != nil || len(done) != 1 || done[0].CourseTitle != "Canvassing" || !done[0].ExpiresOn.IsZero() {
			t.Errorf("Bo's record = %+v, %v", done, err)
		}
	})
}

func TestQualificationsLapseAndAreToldOnce(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCourseWorld(t, db)
		ana, bo := w.m["1"].ID, w.m["2"].ID
		setClock(db, "2025-01-10")
		if err := w.s.RecordFoundingTrainer(ctx, w.powmap.ID, ana, "founded the course"); err != nil {
			t.Fatal(err)
		}
		e, err := w.session(t, w.powmap, time.Date(2025, 1, 15, 18, 0, 0, 0, time.UTC), ana)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.NewEventService(db).Register(ctx, e.ID, rankfile.Registrant{MemberID: bo}, noNotices); err != nil {
			t.Fatal(err)
		}
		if err := w.s.RecordCompletions(ctx, e.ID, rankfile.MustParseDate("2025-01-15"),
			[]rankfile.SessionOutcome{{MemberID: bo, Outcome: rankfile.OutcomeComplete}}); err != nil {
			t.Fatal(err)
		}
		done, _ := w.s.MemberCompletions(ctx, bo)
		if len(done) != 1 || done[0].ExpiresOn != rankfile.MustParseDate("2027-01-15") {
			t.Fatalf("Bo's qualification = %+v, want lapsing 2027-01-15", done)
		}
		setClock(db, "2026-12-10") // 36 days before Ana's and Bo's lapse on January 10 and 15
		if n, err := w.s.QueueLapseNotices(ctx, rankfile.MustParseDate("2027-01-09")); err != nil || n != 0 {
			t.Errorf("too early: %d, %v", n, err)
		}
		setClock(db, "2026-12-16")
		for i, want := range []int{2, 0} {
			if n, err := w.s.QueueLapseNotices(ctx, rankfile.MustParseDate("2027-01-15")); err != nil || n != want {
				t.Errorf("run %d queued %d, %v; want %d", i, n, err, want)
			}
		}
		notices, err := store.NewOutboxService(db).FindNotices(ctx, nil, 10)
		if err != nil || len(notices) != 2 || notices[0].Kind != rankfile.NoticeQualificationLapsing {
			t.Errorf("outbox = %+v, %v", notices, err)
		}
		if err := w.s.AddTrainer(ctx, w.powmap.ID, ana); err != nil {
			t.Errorf("still qualified: %v", err)
		}
		setClock(db, "2027-01-10")
		if err := w.s.AddTrainer(ctx, w.powmap.ID, ana); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a lapsed qualification: %v, want ECONFLICT", err)
		}
	})
}

func TestExceptionsAreKept(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCourseWorld(t, db)
		bo := w.m["2"].ID
		if ok, err := w.s.HasException(ctx, w.powmap.ID, bo); ok || err != nil {
			t.Fatalf("before: %v, %v", ok, err)
		}
		ex := &rankfile.CourseException{CourseID: w.powmap.ID, MemberID: bo, GrantedBy: w.m["1"].ID, Reason: ""}
		if err := w.s.GrantException(ctx, ex); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("without a reason: %v, want EINVALID", err)
		}
		ex.Reason = "canvassed for years in another chapter"
		if err := w.s.GrantException(ctx, ex); err != nil {
			t.Fatal(err)
		}
		if ok, err := w.s.HasException(ctx, w.powmap.ID, bo); !ok || err != nil {
			t.Errorf("after: %v, %v", ok, err)
		}
	})
}

// TestSeriesSurviveTheCoursesMigration puts a monthly series into the
// schema before courses, and checks that migration 00033 keeps it, with
// its event still bound to it, and takes a quarterly one.
func TestSeriesSurviveTheCoursesMigration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 32)
		if err != nil {
			t.Fatal(err)
		}
		const at = `'2026-01-01 00:00:00'`
		for _, q := range []string{
			`INSERT INTO bodies (id, kind, slug, name, created_at, updated_at) VALUES (1, 'chapter', 'chapter', 'Chapter', ` + at + `, ` + at + `)`,
			`INSERT INTO event_series (id, frequency, until_date, except_dates) VALUES (2, 'monthly', '2030-06-01', '[]')`,
			`INSERT INTO events (id, series_id, body_id, kind, title, starts_at, ends_at, zone, address, audience, registration,
				check_in_code, created_at, updated_at) VALUES (3, 2, 1, 'training', 'Canvassing', '2030-01-01 18:00:00', '2030-01-01 20:00:00',
				'UTC', 'The hall', 'members', TRUE, 'ABC123', ` + at + `, ` + at + `)`,
		} {
			if err := old.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		db := storetest.Open(t, dsn)
		events, err := store.NewEventService(db).FindEvents(ctx, rankfile.EventFilter{ID: 3})
		if err != nil || len(events) != 1 || events[0].SeriesID != 2 {
			t.Fatalf("after the migration: %+v, %v", events, err)
		}
		if err := db.Exec(`INSERT INTO event_series (frequency, until_date) VALUES ('quarterly', '2031-01-01')`); err != nil {
			t.Errorf("a quarterly series: %v", err)
		}
		if err := db.Exec(`INSERT INTO event_series (frequency, until_date) VALUES ('daily', '2031-01-01')`); err == nil {
			t.Errorf("a daily series was stored")
		}
		if err := db.Exec(`INSERT INTO events (series_id, body_id, kind, title, starts_at, ends_at, zone, audience, check_in_code,
			created_at, updated_at) VALUES (99, 1, 'social', 'x', ` + at + `, ` + at + `, 'UTC', 'public', 'X', ` + at + `, ` + at + `)`); err == nil {
			t.Errorf("an event took a series that does not exist: foreign keys are off, or point elsewhere")
		}
	})
}
