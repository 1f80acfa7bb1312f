package rankfile

// The quarterly check: a course the program offers is given at least once
// a quarter. A course with no session in the current quarter is flagged,
// once a quarter, to the leaders of the bodies that develop it and to the
// steering committee, from the first day of the quarter's second month:
// a month in, whoever plans the quarter's trainings has planned them,
// and two months are left to hold a session. Flagging on the first day
// would nag every quarter before anyone planned; later would leave too
// little time.

// FlagFrom returns the day from which a course with no session in the
// quarter is flagged: the first of its second month.
func (q Quarter) FlagFrom() Date { return q.Start().AddMonths(1) }

// NoticeCourseNotOffered tells the leaders of a course's bodies and the
// steering committee that a course has no session this quarter.
const NoticeCourseNotOffered NoticeKind = "course_not_offered"
