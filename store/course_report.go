package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// The training program's report, counted in the database: each query
// groups rows by quarter, with the quarters' first days as parameters
// (a CASE, the same on SQLite and PostgreSQL), so that what comes back is
// a row a group, a session or a number of days, never a completion a row.

// TrainingFigures counts the sessions held before now in the filter's
// quarters, who registered, came and completed, the members trained per
// branch and level, and how long joiners took to a first course.
func (s *CourseService) TrainingFigures(ctx context.Context, f rankfile.TrainingReportFilter) (*rankfile.TrainingFigures, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	out := &rankfile.TrainingFigures{}
	var err error
	if out.Trained, err = s.trained(ctx, f); err != nil {
		return nil, s.db.translate(err)
	}
	if out.Courses, out.Sessions, err = s.sessionFigures(ctx, f); err != nil {
		return nil, s.db.translate(err)
	}
	if out.Joins, err = s.joinFigures(ctx, f); err != nil {
		return nil, s.db.translate(err)
	}
	return out, nil
}

// quarterCase returns a CASE giving the index in the filter's quarters of
// the one column falls in, each quarter's first day (made what the column
// holds by bound) a parameter of w.
func quarterCase(w *where, column string, f rankfile.TrainingReportFilter, bound func(rankfile.Date) any) string {
	var b strings.Builder
	b.WriteString("CASE")
	qs := f.Quarters()
	for i, q := range qs[1:] {
		b.WriteString(w.param(fmt.Sprintf(" WHEN %s < $%%d THEN %d", column, i), bound(q.Start())))
	}
	fmt.Fprintf(&b, " ELSE %d END", len(qs)-1)
	return b.String()
}

// inPeriod adds the condition that column falls in the filter's quarters.
func inPeriod(w *where, column string, f rankfile.TrainingReportFilter, bound func(rankfile.Date) any) {
	w.add(column+" >= $%d AND "+column+" < $%d", bound(f.From.Start()), bound(f.To.Add(1).Start()))
}

// dateBound is a day as a DATE column holds it.
func dateBound(d rankfile.Date) any { return d }

// instantBound returns the start of a day where the chapter is, as a
// TIMESTAMP column holds it.
func (s *CourseService) instantBound(d rankfile.Date) any {
	return s.db.timeArg(d.Time(s.db.Zone).UTC())
}

// courseScope adds the filter's level and courses, on courses k.
func courseScope(w *where, f rankfile.TrainingReportFilter) {
	if f.Level != "" {
		w.add("k.level = $%d", f.Level)
	}
	if f.CourseIDs != nil {
		marks := strings.TrimSuffix(strings.Repeat("$%d, ", len(f.CourseIDs)), ", ")
		w.add("k.id IN ("+marks+")", idArgs(f.CourseIDs)...)
	}
}

// branchScope returns the filter's branch as a condition on members m
// with its parameter in w, "TRUE" for all.
func branchScope(w *where, f rankfile.TrainingReportFilter) string {
	if f.BranchID == 0 {
		return "TRUE"
	}
	return w.param(effectiveBranch+" = $%d", f.BranchID)
}

// trained counts distinct members with a complete outcome at a session,
// by quarter completed, branch and level, and the totals over branches,
// levels and both.
func (s *CourseService) trained(ctx context.Context, f rankfile.TrainingReportFilter) ([]*rankfile.TrainedCount, error) {
	w := &where{}
	q := quarterCase(w, "c.completed_on", f, dateBound)
	w.add("c.outcome = 'complete' AND c.event_id IS NOT NULL")
	inPeriod(w, "c.completed_on", f, dateBound)
	courseScope(w, f)
	w.add(branchScope(w, f))
	rows, err := s.db.read.QueryContext(ctx, `WITH t AS (SELECT DISTINCT `+q+` AS q, COALESCE(`+effectiveBranch+`, 0) AS branch,
		k.level AS lvl, c.member_id AS mid FROM course_completions c JOIN courses k ON k.id = c.course_id
		JOIN members m ON m.id = c.member_id`+w.sql()+`)
		SELECT q, branch, lvl, 0, 0, COUNT(DISTINCT mid) FROM t GROUP BY q, branch, lvl
		UNION ALL SELECT q, branch, '', 0, 1, COUNT(DISTINCT mid) FROM t GROUP BY q, branch
		UNION ALL SELECT q, 0, lvl, 1, 0, COUNT(DISTINCT mid) FROM t GROUP BY q, lvl
		UNION ALL SELECT q, 0, '', 1, 1, COUNT(DISTINCT mid) FROM t GROUP BY q`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	qs := f.Quarters()
	var out []*rankfile.TrainedCount
	for rows.Next() {
		t, i := &rankfile.TrainedCount{}, 0
		if err := rows.Scan(&i, &t.BranchID, &t.Level, &t.AllBranches, &t.AllLevels, &t.Members); err != nil {
			return nil, err
		}
		t.Quarter = qs[i]
		out = append(out, t)
	}
	slices.SortFunc(out, compareTrained)
	return out, rows.Err()
}

// compareTrained orders counts by quarter, branch (all last), level
// (all last).
func compareTrained(a, b *rankfile.TrainedCount) int {
	if c := a.Quarter.Count(b.Quarter); c != 1 {
		return 1 - c
	}
	key := func(t *rankfile.TrainedCount) string {
		return fmt.Sprintf("%t %020d %t %s", t.AllBranches, t.BranchID, t.AllLevels, t.Level)
	}
	return strings.Compare(key(a), key(b))
}

// sessionFigures counts, for each session held in the period, its members
// registered and checked in and its outcomes, and sums them by course and
// quarter.
func (s *CourseService) sessionFigures(ctx context.Context, f rankfile.TrainingReportFilter) ([]*rankfile.CourseQuarter, []rankfile.ReportSession, error) {
	w := &where{}
	q := quarterCase(w, "e.starts_at", f, s.instantBound)
	w.add("e.cancelled = FALSE AND e.starts_at < $%d", s.db.timeArg(s.db.Now().UTC()))
	inPeriod(w, "e.starts_at", f, s.instantBound)
	courseScope(w, f)
	cond := w.sql()
	branch := branchScope(w, f)
	rows, err := s.db.read.QueryContext(ctx, `WITH s AS (SELECT cs.event_id, cs.course_id, `+q+` AS q FROM course_sessions cs
		JOIN events e ON e.id = cs.event_id JOIN courses k ON k.id = cs.course_id`+cond+`),
		r AS (SELECT r.event_id, COUNT(*) AS reg, SUM(CASE WHEN r.attended_at IS NULL THEN 0 ELSE 1 END) AS came
			FROM event_registrations r JOIN s ON s.event_id = r.event_id JOIN members m ON m.id = r.member_id
			WHERE r.status = 'registered' AND `+branch+` GROUP BY r.event_id),
		d AS (SELECT c.event_id, SUM(CASE WHEN c.outcome = 'complete' THEN 1 ELSE 0 END) AS complete,
			SUM(CASE WHEN c.outcome = 'partial' THEN 1 ELSE 0 END) AS part, SUM(CASE WHEN c.outcome = 'absent' THEN 1 ELSE 0 END) AS absent
			FROM course_completions c JOIN s ON s.event_id = c.event_id JOIN members m ON m.id = c.member_id
			WHERE `+branch+` GROUP BY c.event_id)
		SELECT s.event_id, s.course_id, s.q, COALESCE(r.reg, 0), COALESCE(r.came, 0), COALESCE(d.complete, 0),
			COALESCE(d.part, 0), COALESCE(d.absent, 0)
		FROM s LEFT JOIN r ON r.event_id = s.event_id LEFT JOIN d ON d.event_id = s.event_id
		ORDER BY s.course_id, s.q, s.event_id`, w.args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	qs := f.Quarters()
	var out []*rankfile.CourseQuarter
	var sessions []rankfile.ReportSession
	for rows.Next() {
		var eventID int64
		c, i := &rankfile.CourseQuarter{Sessions: 1}, 0
		if err := rows.Scan(&eventID, &c.CourseID, &i, &c.Registered, &c.CheckedIn, &c.Complete, &c.Partial, &c.Absent); err != nil {
			return nil, nil, err
		}
		c.Quarter, c.NoShows = qs[i], c.Registered-c.CheckedIn
		sessions = append(sessions, rankfile.ReportSession{EventID: eventID, CourseID: c.CourseID, Quarter: c.Quarter})
		if n := len(out); n > 0 && out[n-1].CourseID == c.CourseID && out[n-1].Quarter == c.Quarter {
			out[n-1].Add(c)
			continue
		}
		out = append(out, c)
	}
	return out, sessions, rows.Err()
}

// joinFigures counts the members who joined in each quarter by the days
// they took to complete a first course at a session (on or after joining,
// for one who joins again), and those with none yet.
func (s *CourseService) joinFigures(ctx context.Context, f rankfile.TrainingReportFilter) ([]*rankfile.JoinQuarter, error) {
	w := &where{}
	q := quarterCase(w, "m.join_date", f, dateBound)
	inPeriod(w, "m.join_date", f, dateBound)
	w.add(branchScope(w, f))
	joined := w.sql()
	first := &where{args: w.args}
	first.add("c.outcome = 'complete' AND c.event_id IS NOT NULL AND c.completed_on >= j.join_date")
	courseScope(first, f)
	days := `COALESCE(f.first_on - j.join_date, -1)`
	if s.db.dialect == SQLite {
		days = `COALESCE(CAST(julianday(f.first_on) - julianday(j.join_date) AS INTEGER), -1)`
	}
	rows, err := s.db.read.QueryContext(ctx, `WITH j AS (SELECT m.id, m.join_date, `+q+` AS q FROM members m`+joined+`),
		f AS (SELECT c.member_id, MIN(c.completed_on) AS first_on FROM course_completions c JOIN j ON j.id = c.member_id
			JOIN courses k ON k.id = c.course_id`+first.sql()+` GROUP BY c.member_id)
		SELECT j.q, `+days+`, COUNT(*) FROM j LEFT JOIN f ON f.member_id = j.id GROUP BY 1, 2 ORDER BY 1, 2`, first.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byQuarter := map[int][]rankfile.DaysCount{}
	for rows.Next() {
		var i int
		var c rankfile.DaysCount
		if err := rows.Scan(&i, &c.Days, &c.Members); err != nil {
			return nil, err
		}
		byQuarter[i] = append(byQuarter[i], c)
	}
	var out []*rankfile.JoinQuarter
	for i, q := range f.Quarters() {
		out = append(out, rankfile.NewJoinQuarter(q, byQuarter[i]))
	}
	return out, rows.Err()
}
