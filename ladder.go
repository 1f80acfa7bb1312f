package rankfile

import (
	"context"
	"slices"
)

// A ladder is the chapter's path from joining to leading: stages such as
// participant, active, organizer and leader, each defined by rules over
// what rankfile records of a member (check-ins at events and meetings,
// one-on-ones, trainings, seats held). A member's stage is computed from
// those records, never typed in: it is the highest stage whose every rule
// holds, or none (a member who has not yet taken part). The chapter writes
// its ladder as text (see ParseLadder).

// Ladder is the chapter's stages, lowest first.
type Ladder []LadderStage

// LadderStage is one stage and the rules a member must meet for it.
type LadderStage struct {
	Key   string       `json:"key"`   // a short name, such as "active"
	Rules []LadderRule `json:"rules"` // all must hold
}

// LadderRule asks for at least Min records of one kind, within the last
// Days days (0: ever; for seats, held today).
type LadderRule struct {
	Counter string `json:"counter"`
	Min     int    `json:"min"`
	Days    int    `json:"days,omitempty"`
}

// Counters a ladder's rules can count.
const (
	CountEvents          = "events"            // check-ins at any event
	CountMeetings        = "meetings"          // check-ins at general meetings
	CountOneOnOnes       = "one_on_ones"       // one-on-ones had with an organizer
	CountOneOnOnesGiven  = "one_on_ones_given" // one-on-ones the member logged as organizer
	CountTrainings       = "trainings"         // check-ins at trainings
	CountSeats           = "seats"             // seats held today
	countEventKindPrefix = "events:"           // check-ins at events of a kind, "events:canvass"
	// CountCourses counts courses completed (complete outcomes of the
	// training program, and founding trainers' records), each on the day
	// it was completed; "courses:<level>" those of one level.
	CountCourses           = "courses"
	countCourseLevelPrefix = "courses:"
	// CountQualified counts the courses whose qualification the member
	// holds valid on the day, like seats: held that day, never "in".
	CountQualified = "qualified"
	// CountDoors counts the doors the member knocked on for the field
	// program's campaigns, and CountCalls the calls she made from its
	// phonebanks, each on its day.
	CountDoors = "doors"
	CountCalls = "calls"
)

// CourseLevelCounter returns the counter of courses completed of a
// level, "courses:advanced".
func CourseLevelCounter(level string) string { return countCourseLevelPrefix + level }

// MemberActivity is what a ladder counts of one member: the dates of each
// kind of record, the seats held today and the qualifications she earned.
type MemberActivity struct {
	Dates map[string][]Date // by counter; events of a kind under "events:<kind>"
	Seats int
	// Qualifications are her complete completions of courses, counted by
	// the day (CountQualified) rather than kept as one number, so that
	// the benchmarks can ask of any day.
	Qualifications []Qualification
}

// Qualification is a course completed on From, valid until the day
// before Until (a zero Until: for good).
type Qualification struct {
	CourseID    int64
	From, Until Date
}

// ValidOn reports whether the qualification holds on day d.
func (q Qualification) ValidOn(d Date) bool {
	return !d.Before(q.From) && (q.Until.IsZero() || d.Before(q.Until))
}

// qualifiedOn returns how many courses the member holds a valid
// qualification of on day d: a course renewed counts once.
func (a *MemberActivity) qualifiedOn(d Date) int {
	var courses []int64
	for _, q := range a.Qualifications {
		if q.ValidOn(d) && !slices.Contains(courses, q.CourseID) {
			courses = append(courses, q.CourseID)
		}
	}
	return len(courses)
}

// Count returns how many of the member's records of counter fall within
// days days before on, on included (all of them up to on when days is 0).
func (a *MemberActivity) Count(counter string, days int, on Date) int {
	switch counter {
	case CountSeats:
		return a.Seats
	case CountQualified:
		return a.qualifiedOn(on)
	}
	from := Date{} // ever, but never after the day: a day in the past is counted as it stood
	if days > 0 {
		from = on.AddDays(-(days - 1))
	}
	n := 0
	for _, d := range a.Dates[counter] {
		if !d.Before(from) && !on.Before(d) {
			n++
		}
	}
	return n
}

// Holds reports whether the member meets the rule on the day.
func (r LadderRule) Holds(a *MemberActivity, on Date) bool {
	return a.Count(r.Counter, r.Days, on) >= r.Min
}

// Holds reports whether the member meets every rule of the stage.
func (s LadderStage) Holds(a *MemberActivity, on Date) bool {
	for _, r := range s.Rules {
		if !r.Holds(a, on) {
			return false
		}
	}
	return true
}

// StageOf returns the key of the highest stage the member meets on the
// day, or "" when she meets none.
func (l Ladder) StageOf(a *MemberActivity, on Date) string {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Holds(a, on) {
			return l[i].Key
		}
	}
	return ""
}

// Rank returns a stage's place on the ladder, 1 for the lowest, and 0 for
// "" (no stage) or a key the ladder does not have: moving up or down is
// a change of rank.
func (l Ladder) Rank(key string) int {
	return slices.IndexFunc(l, func(s LadderStage) bool { return s.Key == key }) + 1
}

// LadderSetting is the setting that holds the chapter's ladder as text.
const LadderSetting = "ladder"

// LadderService keeps the chapter's ladder and gathers members' records
// for it.
type LadderService interface {
	// Ladder returns the chapter's ladder, DefaultLadder when none is set.
	Ladder(ctx context.Context) (Ladder, error)
	// SetLadder stores the chapter's ladder; EINVALID (saying which line is
	// wrong) when it does not read, and nothing is changed.
	SetLadder(ctx context.Context, text string) error
	// MemberActivity gathers what a ladder counts of a member on the day.
	MemberActivity(ctx context.Context, memberID int64, on Date) (*MemberActivity, error)
}
