package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// The training program's report, for the steering committee to see that
// the program is carried out and for a course's owners to see how their
// courses do: one computation behind the page, its CSV and the JSON API.

// TrainingReportQuery is what a reader asks for: the first and last
// quarters ("2026-Q3"), a branch's slug and a level's slug, each "" for
// the default (the last four quarters, to this one; every branch and
// level).
type TrainingReportQuery struct {
	From, To, Branch, Level string
}

// TrainingReport is the report as one reader may see it.
type TrainingReport struct {
	Filter   rankfile.TrainingReportFilter
	Quarters []rankfile.Quarter
	// Chapter says the reader sees the whole chapter; else only the
	// courses listed, those she manages.
	Chapter bool
	Branch  *rankfile.Body
	// Branches are the chapter's branches, Levels the program's, Courses
	// those the report covers.
	Branches []*rankfile.Body
	Levels   []*rankfile.CourseLevel
	Courses  []*rankfile.Course
	Figures  *rankfile.TrainingFigures
	// Totals are the courses' figures summed by quarter, one a quarter.
	Totals   []*rankfile.CourseQuarter
	Feedback []*CourseFeedback
}

// CourseFeedback is what a course's sessions of a quarter were told in
// feedback: the averages over the sessions that had FeedbackThreshold
// answers (Counted of Sessions), nothing from the others.
type CourseFeedback struct {
	CourseID  int64                             `json:"course_id"`
	Quarter   rankfile.Quarter                  `json:"quarter"`
	Sessions  int                               `json:"sessions"`
	Counted   int                               `json:"counted_sessions"`
	Answered  int                               `json:"answered"`
	Questions []*rankfile.FeedbackQuestionTally `json:"-"`
}

// Shown reports whether any session's answers are counted.
func (f *CourseFeedback) Shown() bool { return f.Counted > 0 }

// Average returns the average score of the question with key, 0 when no
// counted answer gave one.
func (f *CourseFeedback) Average(key string) float64 {
	for _, q := range f.Questions {
		if q.Key == key {
			return q.Average
		}
	}
	return 0
}

// TrainingReport returns the program's report for the reader: EFORBIDDEN
// unless she may see the chapter's or manages a course, EINVALID for a
// period, branch or level that does not read.
func (a *App) TrainingReport(ctx context.Context, actor *rankfile.Actor, q TrainingReportQuery) (*TrainingReport, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	r := &TrainingReport{Chapter: actor.CanSeeTrainingReport(nil)}
	if err := a.reportCourses(ctx, actor, r); err != nil {
		return nil, err
	}
	if err := a.reportFilter(ctx, q, r); err != nil {
		return nil, err
	}
	var err error
	if r.Figures, err = a.Courses.TrainingFigures(ctx, r.Filter); err != nil {
		return nil, err
	}
	r.Totals = quarterTotals(r.Quarters, r.Figures.Courses)
	r.Feedback, err = a.reportFeedback(ctx, actor, r)
	return r, err
}

// reportCourses sets the courses the reader may see the report of:
// EFORBIDDEN when none.
func (a *App) reportCourses(ctx context.Context, actor *rankfile.Actor, r *TrainingReport) error {
	courses, err := a.Courses.FindCourses(ctx, 0)
	if err != nil {
		return err
	}
	r.Courses = slices.DeleteFunc(courses, func(c *rankfile.Course) bool { return !actor.CanSeeTrainingReport(c) })
	if !r.Chapter && len(r.Courses) == 0 {
		return actor.Require(false)
	}
	if !r.Chapter {
		for _, c := range r.Courses {
			r.Filter.CourseIDs = append(r.Filter.CourseIDs, c.ID)
		}
	}
	return nil
}

// reportFilter reads the query into the report's filter.
func (a *App) reportFilter(ctx context.Context, q TrainingReportQuery, r *TrainingReport) error {
	if err := a.reportPeriod(q, r); err != nil {
		return err
	}
	var err error
	if r.Levels, err = a.Courses.CourseLevels(ctx); err != nil {
		return err
	}
	if q.Level != "" && !slices.ContainsFunc(r.Levels, func(l *rankfile.CourseLevel) bool { return l.Slug == q.Level }) {
		return rankfile.Errorf(rankfile.EINVALID, "the program has no level %q", q.Level)
	}
	r.Filter.Level = q.Level
	if q.Level != "" {
		r.Courses = slices.DeleteFunc(r.Courses, func(c *rankfile.Course) bool { return c.Level != q.Level })
	}
	if r.Branches, err = a.Bodies.FindBodies(ctx, rankfile.BodyFilter{Kind: rankfile.KindBranch}); err != nil {
		return err
	}
	if q.Branch != "" {
		i := slices.IndexFunc(r.Branches, func(b *rankfile.Body) bool { return b.Slug == q.Branch })
		if i < 0 {
			return rankfile.Errorf(rankfile.EINVALID, "the chapter has no branch %q", q.Branch)
		}
		r.Branch, r.Filter.BranchID = r.Branches[i], r.Branches[i].ID
	}
	return nil
}

// reportPeriod reads the quarters, by default the last four to this one
// where the chapter is.
func (a *App) reportPeriod(q TrainingReportQuery, r *TrainingReport) error {
	f := &r.Filter
	f.To = rankfile.QuarterOf(a.Today())
	var err error
	if q.To != "" {
		if f.To, err = rankfile.ParseQuarter(q.To); err != nil {
			return err
		}
	}
	f.From = f.To.Add(-3)
	if q.From != "" {
		if f.From, err = rankfile.ParseQuarter(q.From); err != nil {
			return err
		}
	}
	if err := f.Validate(); err != nil {
		return err
	}
	r.Quarters = f.Quarters()
	return nil
}

// quarterTotals sums the courses' figures by quarter, one a quarter.
func quarterTotals(quarters []rankfile.Quarter, courses []*rankfile.CourseQuarter) []*rankfile.CourseQuarter {
	out := make([]*rankfile.CourseQuarter, len(quarters))
	for i, q := range quarters {
		out[i] = &rankfile.CourseQuarter{Quarter: q}
		for _, c := range courses {
			if c.Quarter == q {
				out[i].Add(c)
			}
		}
	}
	return out
}

// reportFeedback tallies each course's quarter over the sessions whose
// answers the reader may see (CanSeeTrainingFeedback holds the
// threshold); a session with fewer answers adds nothing, not even its
// number of answers.
func (a *App) reportFeedback(ctx context.Context, actor *rankfile.Actor, r *TrainingReport) ([]*CourseFeedback, error) {
	sessions := r.Figures.Sessions
	ids := make([]int64, len(sessions))
	for i, s := range sessions {
		ids[i] = s.EventID
	}
	counts, err := a.Feedback.FeedbackCounts(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []*CourseFeedback
	shown := map[*CourseFeedback][]int64{}
	for _, s := range sessions {
		n := len(out)
		if n == 0 || out[n-1].CourseID != s.CourseID || out[n-1].Quarter != s.Quarter {
			out = append(out, &CourseFeedback{CourseID: s.CourseID, Quarter: s.Quarter})
		}
		f := out[len(out)-1]
		f.Sessions++
		if actor.CanSeeTrainingFeedback(r.Course(s.CourseID), counts[s.EventID]) {
			f.Counted++
			shown[f] = append(shown[f], s.EventID)
		}
	}
	for f, ids := range shown {
		answers, err := a.Feedback.FeedbackAnswers(ctx, ids)
		if err != nil {
			return nil, err
		}
		t := rankfile.TallyFeedback(answers)
		f.Answered, f.Questions = t.Answered, t.Questions
	}
	return out, nil
}

// Course returns the report's course with id, nil when it covers none.
func (r *TrainingReport) Course(id int64) *rankfile.Course {
	i := slices.IndexFunc(r.Courses, func(c *rankfile.Course) bool { return c.ID == id })
	if i < 0 {
		return nil
	}
	return r.Courses[i]
}
