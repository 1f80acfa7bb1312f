package rankfile

import (
	"context"
	"math"
	"slices"
)

// The training program's report: whether the program is carried out, by
// quarter of the year where the chapter is. Members trained per branch and
// level; per course its sessions held, who registered, came, completed;
// how long after joining members complete a first course; and what the
// feedback said. The figures count sessions of courses only: a founding
// trainer's qualification, recorded without a session, records a course
// given nowhere.

// MaxReportQuarters bounds the quarters one report covers: five years.
const MaxReportQuarters = 20

// TrainingReportFilter chooses what a report covers.
type TrainingReportFilter struct {
	// From and To are the first and last quarters, both included.
	From, To Quarter
	// BranchID keeps only members of one branch (theirs, chosen or
	// where they live); 0 for all.
	BranchID int64
	// Level keeps only courses of one level; "" for all.
	Level string
	// CourseIDs keeps only these courses (those a course's owners may
	// see); nil for every course.
	CourseIDs []int64
}

// Quarters lists the filter's quarters in order.
func (f *TrainingReportFilter) Quarters() []Quarter {
	var out []Quarter
	for q := f.From; q.Count(f.To) > 0; q = q.Add(1) {
		out = append(out, q)
	}
	return out
}

// Validate checks the period.
func (f *TrainingReportFilter) Validate() error {
	switch n := f.From.Count(f.To); {
	case f.From.Q == 0 || f.To.Q == 0:
		return Errorf(EINVALID, "a report needs its first and last quarters")
	case n < 1 || n > MaxReportQuarters:
		return Errorf(EINVALID, "a report covers 1 to %d quarters, the first before the last", MaxReportQuarters)
	}
	return nil
}

// TrainedCount is how many distinct members completed a course in a
// quarter: of a branch (0: members with none) or of all (AllBranches),
// at a level or at any (AllLevels). A member who completed two courses
// counts once in each total she falls under.
type TrainedCount struct {
	Quarter     Quarter `json:"quarter"`
	BranchID    int64   `json:"branch_id"`
	AllBranches bool    `json:"all_branches"`
	Level       string  `json:"level"`
	AllLevels   bool    `json:"all_levels"`
	Members     int     `json:"members"`
}

// CourseQuarter is what a course's sessions held in a quarter came to.
// Registered counts members registered (not waitlisted, not cancelled);
// CheckedIn those of them checked in; Complete, Partial and Absent the
// trainers' records; NoShows those registered but not checked in.
type CourseQuarter struct {
	CourseID   int64   `json:"course_id"`
	Quarter    Quarter `json:"quarter"`
	Sessions   int     `json:"sessions"`
	Registered int     `json:"registered"`
	CheckedIn  int     `json:"checked_in"`
	Complete   int     `json:"complete"`
	Partial    int     `json:"partial"`
	Absent     int     `json:"absent"`
	NoShows    int     `json:"no_shows"`
}

// CompletionRate is the share of those registered who completed.
func (c *CourseQuarter) CompletionRate() float64 { return Share(c.Complete, c.Registered) }

// NoShowRate is the share of those registered who were not checked in.
func (c *CourseQuarter) NoShowRate() float64 { return Share(c.NoShows, c.Registered) }

// Add adds another's figures to c, for a quarter's total.
func (c *CourseQuarter) Add(o *CourseQuarter) {
	c.Sessions += o.Sessions
	c.Registered += o.Registered
	c.CheckedIn += o.CheckedIn
	c.Complete += o.Complete
	c.Partial += o.Partial
	c.Absent += o.Absent
	c.NoShows += o.NoShows
}

// DaysCount is how many members took Days days from joining to a first
// completed course.
type DaysCount struct {
	Days, Members int
}

// JoinQuarter is how soon the members who joined in a quarter completed
// a first course: the quartiles of the days it took those who did, and
// how many have none yet.
type JoinQuarter struct {
	Quarter Quarter `json:"quarter"`
	Joined  int     `json:"joined"`
	Trained int     `json:"trained"`
	NotYet  int     `json:"not_yet"`
	// Lower, Median and Upper are the quartiles in days; 0 when none
	// trained.
	Lower  float64 `json:"lower_quartile_days"`
	Median float64 `json:"median_days"`
	Upper  float64 `json:"upper_quartile_days"`
}

// NewJoinQuarter sums a quarter's joiners from how many took each number
// of days, days < 0 for those with no course yet.
func NewJoinQuarter(q Quarter, counts []DaysCount) *JoinQuarter {
	j := &JoinQuarter{Quarter: q}
	var days []DaysCount
	for _, c := range counts {
		j.Joined += c.Members
		if c.Days < 0 {
			j.NotYet += c.Members
			continue
		}
		j.Trained += c.Members
		days = append(days, c)
	}
	slices.SortFunc(days, func(a, b DaysCount) int { return a.Days - b.Days })
	j.Lower, j.Median, j.Upper = quantile(days, j.Trained, 0.25), quantile(days, j.Trained, 0.5), quantile(days, j.Trained, 0.75)
	return j
}

// quantile returns the p-quantile of n values given as sorted counts of
// each: the value at rank p(n-1), counted from 0, between the two values
// around it in proportion (as PostgreSQL's percentile_cont).
func quantile(counts []DaysCount, n int, p float64) float64 {
	if n == 0 {
		return 0
	}
	rank := p * float64(n-1)
	lo, hi := int(math.Floor(rank)), int(math.Ceil(rank))
	return valueAt(counts, lo) + (rank-float64(lo))*float64(valueAt(counts, hi)-valueAt(counts, lo))
}

// valueAt returns the i-th value, from 0, of sorted counts of values.
func valueAt(counts []DaysCount, i int) float64 {
	for _, c := range counts {
		if i < c.Members {
			return float64(c.Days)
		}
		i -= c.Members
	}
	return 0
}

// ReportSession is a course's session held in a report's period.
type ReportSession struct {
	EventID  int64
	CourseID int64
	Quarter  Quarter
}

// TrainingFigures are a report's counts, as the store reads them.
type TrainingFigures struct {
	Trained []*TrainedCount
	Courses []*CourseQuarter
	Joins   []*JoinQuarter
	// Sessions are the sessions counted, for their feedback.
	Sessions []ReportSession
}

// TrainingReportService reads a report's figures, counted in the
// database.
type TrainingReportService interface {
	// TrainingFigures counts the sessions held before now in the
	// filter's quarters, where the chapter is.
	TrainingFigures(ctx context.Context, f TrainingReportFilter) (*TrainingFigures, error)
}
