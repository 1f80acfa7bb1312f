package rankfile

import (
	"fmt"
	"time"
)

// The quarterly check: a course the program offers is given at least once
// a quarter. A course with no session in the current quarter is flagged,
// once a quarter, to the leaders of the bodies that develop it and to the
// steering committee, from the first day of the quarter's second month:
// a month in, whoever plans the quarter's trainings has planned them,
// and two months are left to hold a session. Flagging on the first day
// would nag every quarter before anyone planned; later would leave too
// little time.

// Quarter is a quarter of a year: Q is 1 to 4.
type Quarter struct {
	Year, Q int
}

// QuarterOf returns the quarter day d is in.
func QuarterOf(d Date) Quarter { return Quarter{Year: d.Year, Q: (int(d.Month)-1)/3 + 1} }

// String writes a quarter as the database keeps it: "2026Q4".
func (q Quarter) String() string { return fmt.Sprintf("%dQ%d", q.Year, q.Q) }

// Start returns the quarter's first day.
func (q Quarter) Start() Date { return Date{Year: q.Year, Month: time.Month(3*(q.Q-1) + 1), Day: 1} }

// Next returns the quarter after q.
func (q Quarter) Next() Quarter { return QuarterOf(q.Start().AddMonths(3)) }

// FlagFrom returns the day from which a course with no session in the
// quarter is flagged: the first of its second month.
func (q Quarter) FlagFrom() Date { return q.Start().AddMonths(1) }

// NoticeCourseNotOffered tells the leaders of a course's bodies and the
// steering committee that a course has no session this quarter.
const NoticeCourseNotOffered NoticeKind = "course_not_offered"
