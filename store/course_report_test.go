package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// reportWorld is a year of the program small enough to count by hand.
// Ana (joined 2025-12-01) founded both courses: her records count in no
// figure, since no session gave them. Bo (central, joined 2026-01-10),
// Cy (no branch, joined 2026-02-01) and Di (eastside, joined 2026-04-15):
//
//	S1 canvassing 2026-02-10 (Q1): Bo, Cy, Di registered, Ana cancelled;
//	   Bo and Cy checked in; Bo complete, Cy partial, Di absent (a no-show)
//	S2 canvassing 2026-05-05 (Q2): Bo, Cy, Di registered, checked in, complete
//	S3 power mapping 2026-05-20 (Q2): Bo registered, checked in, complete
//	S4 canvassing 2026-08-01 (Q3): cancelled, Bo registered
//	S5 canvassing 2026-12-20 (Q4): after today (2026-12-15), Bo registered
type reportWorld struct {
	*courseWorld
	eastside *rankfile.Body
}

func newReportWorld(t *testing.T, db *store.DB) *reportWorld {
	t.Helper()
	w := &reportWorld{courseWorld: newCourseWorld(t, db)}
	w.eastside = &rankfile.Body{Kind: rankfile.KindBranch, Slug: "eastside", Name: "Eastside", ParentID: w.tree["la"].ID}
	if err := store.NewBodyService(db).CreateBody(ctx, w.eastside); err != nil {
		t.Fatal(err)
	}
	ana, bo, cy, di := w.m["1"].ID, w.m["2"].ID, w.m["3"].ID, w.m["4"].ID
	w.exec(t, `UPDATE members SET join_date = '2025-12-01' WHERE id = $1`, ana)
	w.exec(t, `UPDATE members SET join_date = '2026-01-10' WHERE id = $1`, bo)
	w.exec(t, `UPDATE members SET join_date = '2026-02-01', chosen_branch_id = NULL, located_branch_id = NULL WHERE id = $1`, cy)
	w.exec(t, `UPDATE members SET join_date = '2026-04-15', chosen_branch_id = $1 WHERE id = $2`, w.eastside.ID, di)
	setClock(db, "2026-01-05")
	for _, c := range []*rankfile.Course{w.canvass, w.powmap} {
		if err := w.s.RecordFoundingTrainer(ctx, c.ID, ana, "wrote the course"); err != nil {
			t.Fatal(err)
		}
	}
	s1 := w.held(t, w.canvass, "2026-02-10", []int64{bo, cy, di, ana}, []int64{bo, cy},
		map[int64]rankfile.CompletionOutcome{bo: rankfile.OutcomeComplete, cy: rankfile.OutcomePartial, di: rankfile.OutcomeAbsent})
	w.exec(t, `UPDATE event_registrations SET status = 'cancelled' WHERE event_id = $1 AND member_id = $2`, s1, ana)
	w.held(t, w.canvass, "2026-05-05", []int64{bo, cy, di}, []int64{bo, cy, di},
		map[int64]rankfile.CompletionOutcome{bo: rankfile.OutcomeComplete, cy: rankfile.OutcomeComplete, di: rankfile.OutcomeComplete})
	w.held(t, w.powmap, "2026-05-20", []int64{bo}, []int64{bo}, map[int64]rankfile.CompletionOutcome{bo: rankfile.OutcomeComplete})
	s4 := w.held(t, w.canvass, "2026-08-01", []int64{bo}, nil, nil)
	w.exec(t, `UPDATE events SET cancelled = TRUE WHERE id = $1`, s4)
	w.held(t, w.canvass, "2026-12-20", []int64{bo}, nil, nil)
	setClock(db, "2026-12-15")
	return w
}

func (w *reportWorld) exec(t *testing.T, q string, args ...any) {
	t.Helper()
	if err := w.db.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}

// held schedules a session of the course on day, registers members, checks
// some in and records outcomes on the day.
func (w *reportWorld) held(t *testing.T, c *rankfile.Course, day string, registered, came []int64, outcomes map[int64]rankfile.CompletionOutcome) int64 {
	t.Helper()
	d := rankfile.MustParseDate(day)
	e, err := w.session(t, c, d.Time(time.UTC).Add(18*time.Hour), w.m["1"].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range registered {
		if _, err := store.NewEventService(w.db).Register(ctx, e.ID, rankfile.Registrant{MemberID: id}, noNotices); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range came {
		w.exec(t, `UPDATE event_registrations SET attended_at = $1 WHERE event_id = $2 AND member_id = $3`,
			e.StartsAt.Add(5*time.Minute).UTC().Format("2006-01-02 15:04:05+00:00"), e.ID, id)
	}
	var out []rankfile.SessionOutcome
	for _, id := range registered {
		if o, ok := outcomes[id]; ok {
			out = append(out, rankfile.SessionOutcome{MemberID: id, Outcome: o})
		}
	}
	if len(out) > 0 {
		if err := w.s.RecordCompletions(ctx, e.ID, d, out); err != nil {
			t.Fatal(err)
		}
	}
	return e.ID
}

// quarter reads "2026-Q1".
func quarter(s string) rankfile.Quarter {
	q, err := rankfile.ParseQuarter(s)
	if err != nil {
		panic(err)
	}
	return q
}

// figures reads the report from 2025-Q4 to 2026-Q4 and writes its three
// tables as lines.
func (w *reportWorld) figures(t *testing.T, f rankfile.TrainingReportFilter) (trained, courses, joins string) {
	t.Helper()
	f.From, f.To = quarter("2025-Q4"), quarter("2026-Q4")
	r, err := w.s.TrainingFigures(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	branch := map[int64]string{0: "none", w.tree["central"].ID: "central", w.eastside.ID: "eastside"}
	var lines []string
	for _, c := range r.Trained {
		b, l := branch[c.BranchID], c.Level
		if c.AllBranches {
			b = "*"
		}
		if c.AllLevels {
			l = "*"
		}
		lines = append(lines, fmt.Sprintf("%s %s %s %d", c.Quarter, b, l, c.Members))
	}
	slices.Sort(lines)
	trained = strings.Join(lines, "\n")
	title := map[int64]string{w.canvass.ID: "canvassing", w.powmap.ID: "powmap"}
	lines = nil
	for _, c := range r.Courses {
		lines = append(lines, fmt.Sprintf("%s %s sessions %d registered %d in %d complete %d partial %d absent %d no-shows %d",
			title[c.CourseID], c.Quarter, c.Sessions, c.Registered, c.CheckedIn, c.Complete, c.Partial, c.Absent, c.NoShows))
	}
	courses = strings.Join(lines, "\n")
	lines = nil
	for _, j := range r.Joins {
		lines = append(lines, fmt.Sprintf("%s joined %d trained %d not yet %d days %g/%g/%g",
			j.Quarter, j.Joined, j.Trained, j.NotYet, j.Lower, j.Median, j.Upper))
	}
	return trained, courses, strings.Join(lines, "\n")
}

func TestTheTrainingReportCountsWhatWasHeld(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		trained, courses, joins := w.figures(t, rankfile.TrainingReportFilter{})
		// Bo completes two courses in Q2: once in each level, once in all.
		if want := strings.Join([]string{
			"2026-Q1 * * 1", "2026-Q1 * fundamental 1", "2026-Q1 central * 1", "2026-Q1 central fundamental 1",
			"2026-Q2 * * 3", "2026-Q2 * advanced 1", "2026-Q2 * fundamental 3",
			"2026-Q2 central * 1", "2026-Q2 central advanced 1", "2026-Q2 central fundamental 1",
			"2026-Q2 eastside * 1", "2026-Q2 eastside fundamental 1", "2026-Q2 none * 1", "2026-Q2 none fundamental 1",
		}, "\n"); trained != want {
			t.Errorf("trained:\n%s\nwant:\n%s", trained, want)
		}
		if want := strings.Join([]string{
			"canvassing 2026-Q1 sessions 1 registered 3 in 2 complete 1 partial 1 absent 1 no-shows 1",
			"canvassing 2026-Q2 sessions 1 registered 3 in 3 complete 3 partial 0 absent 0 no-shows 0",
			"powmap 2026-Q2 sessions 1 registered 1 in 1 complete 1 partial 0 absent 0 no-shows 0",
		}, "\n"); courses != want {
			t.Errorf("courses:\n%s\nwant:\n%s", courses, want)
		}
		// Bo took 31 days, Cy 93 (her partial in February does not count),
		// Di 20; Ana's founding records are no training.
		if want := strings.Join([]string{
			"2025-Q4 joined 1 trained 0 not yet 1 days 0/0/0",
			"2026-Q1 joined 2 trained 2 not yet 0 days 46.5/62/77.5",
			"2026-Q2 joined 1 trained 1 not yet 0 days 20/20/20",
			"2026-Q3 joined 0 trained 0 not yet 0 days 0/0/0",
			"2026-Q4 joined 0 trained 0 not yet 0 days 0/0/0",
		}, "\n"); joins != want {
			t.Errorf("joins:\n%s\nwant:\n%s", joins, want)
		}
	})
}

func TestTheTrainingReportKeepsToItsFilter(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newReportWorld(t, db)
		trained, courses, joins := w.figures(t, rankfile.TrainingReportFilter{BranchID: w.tree["central"].ID})
		if want := strings.Join([]string{
			"2026-Q1 * * 1", "2026-Q1 * fundamental 1", "2026-Q1 central * 1", "2026-Q1 central fundamental 1",
			"2026-Q2 * * 1", "2026-Q2 * advanced 1", "2026-Q2 * fundamental 1",
			"2026-Q2 central * 1", "2026-Q2 central advanced 1", "2026-Q2 central fundamental 1",
		}, "\n"); trained != want {
			t.Errorf("central's trained:\n%s\nwant:\n%s", trained, want)
		}
		if want := strings.Join([]string{
			"canvassing 2026-Q1 sessions 1 registered 1 in 1 complete 1 partial 0 absent 0 no-shows 0",
			"canvassing 2026-Q2 sessions 1 registered 1 in 1 complete 1 partial 0 absent 0 no-shows 0",
			"powmap 2026-Q2 sessions 1 registered 1 in 1 complete 1 partial 0 absent 0 no-shows 0",
		}, "\n"); courses != want {
			t.Errorf("central's courses:\n%s\nwant:\n%s", courses, want)
		}
		if !strings.Contains(joins, "2026-Q1 joined 1 trained 1 not yet 0 days 31/31/31") || !strings.Contains(joins, "2026-Q2 joined 0") {
			t.Errorf("central's joins:\n%s", joins)
		}
		for _, f := range []rankfile.TrainingReportFilter{{Level: "advanced"}, {CourseIDs: []int64{w.powmap.ID}}} {
			trained, courses, joins := w.figures(t, f)
			if want := "2026-Q2 * * 1\n2026-Q2 * advanced 1\n2026-Q2 central * 1\n2026-Q2 central advanced 1"; trained != want {
				t.Errorf("%+v trained:\n%s\nwant:\n%s", f, trained, want)
			}
			if want := "powmap 2026-Q2 sessions 1 registered 1 in 1 complete 1 partial 0 absent 0 no-shows 0"; courses != want {
				t.Errorf("%+v courses:\n%s", f, courses)
			}
			// Bo took 130 days to power mapping; Cy and Di have not yet.
			if !strings.Contains(joins, "2026-Q1 joined 2 trained 1 not yet 1 days 130/130/130") ||
				!strings.Contains(joins, "2026-Q2 joined 1 trained 0 not yet 1") {
				t.Errorf("%+v joins:\n%s", f, joins)
			}
		}
	})
}

func TestATrainingReportNeedsAPeriodItCanCover(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s := store.NewCourseService(db)
		for _, f := range []rankfile.TrainingReportFilter{
			{},
			{From: quarter("2026-Q2"), To: quarter("2026-Q1")},
			{From: quarter("2021-Q1"), To: quarter("2026-Q1")},
		} {
			if _, err := s.TrainingFigures(ctx, f); rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Errorf("%+v: %v, want EINVALID", f, err)
			}
		}
		if r, err := s.TrainingFigures(ctx, rankfile.TrainingReportFilter{From: quarter("2021-Q2"), To: quarter("2026-Q1")}); err != nil ||
			len(r.Joins) != 20 || len(r.Trained) != 0 || len(r.Courses) != 0 {
			t.Errorf("twenty empty quarters: %+v, %v", r, err)
		}
	})
}
