package rankfile

import (
	"context"
	"time"
)

// Benchmarks are the chapter's figures of engagement, day by day, for the
// whole chapter, each branch and each neighborhood group: how many members
// stand at each stage of the ladder, how many new members an organizer
// reached soon after they joined and how many came to an orientation, how
// many members came to a meeting lately or had a one-on-one this year, and
// how many moved up or down the ladder. A day's figures are taken once and
// kept (a snapshot), so that a dashboard over two years reads a few hundred
// rows rather than two years of attendance.

// The windows the benchmarks count in.
const (
	// ReachDays is how soon after joining a one-on-one reaches a new member.
	ReachDays = 14
	// NewMemberDays is how many days of joiners make the new members of a
	// day: those who joined in the NewMemberDays days that ended ReachDays
	// days before it, each of whom has had her whole ReachDays.
	NewMemberDays = 30
	// MeetingDays is the window of "came to a meeting lately".
	MeetingDays = 90
)

// ChapterScope is the scope of the whole chapter's benchmarks; a branch's
// or a neighborhood group's scope is its body's id.
const ChapterScope int64 = 0

// NoStage is the key under which Benchmark.Stages counts the members who
// meet no stage of the ladder.
const NoStage = "none"

// Benchmark is one day's figures of one scope. Every count is of members
// in good standing on the day who had joined by then.
type Benchmark struct {
	Day     Date           `json:"day"`
	Scope   int64          `json:"-"`
	Members int            `json:"members"`
	Stages  map[string]int `json:"stages"` // by stage key; NoStage for none
	// NewMembers joined in the NewMemberDays days that ended ReachDays
	// days before Day; NewReached of them had a one-on-one within
	// ReachDays days of joining, NewOriented came to an orientation.
	NewMembers  int `json:"new_members"`
	NewReached  int `json:"new_reached"`
	NewOriented int `json:"new_oriented"`
	// AtMeeting checked in at a meeting (a body's meeting, or an event of
	// kind meeting) in the MeetingDays days up to Day.
	AtMeeting int `json:"at_meeting"`
	// OneOnOneYear had a one-on-one in Day's calendar year.
	OneOnOneYear int `json:"one_on_one_year"`
	// MovedUp and MovedDown count the members whose stage on Day is above
	// or below their stage on the day of the snapshot before.
	MovedUp   int `json:"moved_up"`
	MovedDown int `json:"moved_down"`
}

// Share returns n as a share of of, 0 when of is 0.
func Share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// BenchmarkMember is what the benchmarks count of one member: where she
// belongs, when she joined, her standing and her records.
type BenchmarkMember struct {
	ID       int64
	BranchID int64
	GroupID  int64
	JoinDate Date
	Standing Standing          // the list's
	Override *StandingOverride // the chapter's, or nil
	Activity *MemberActivity   // Seats is set by day from SeatTerms
	// SeatTerms are the seats she held, each from its first day to its
	// last (zero: still held).
	SeatTerms [][2]Date
}

// seatsOn returns how many seats the member held on day d.
func (m *BenchmarkMember) seatsOn(d Date) int {
	n := 0
	for _, t := range m.SeatTerms {
		if !d.Before(t[0]) && (t[1].IsZero() || !t[1].Before(d)) {
			n++
		}
	}
	return n
}

// stageOn returns the member's stage on day d by the ladder.
func (m *BenchmarkMember) stageOn(l Ladder, d Date) string {
	m.Activity.Seats = m.seatsOn(d)
	return l.StageOf(m.Activity, d)
}

// Stages returns each member's stage on day d by the ladder, by member
// id; members at no stage are left out.
func (l Ladder) Stages(members []*BenchmarkMember, d Date) map[int64]string {
	out := map[int64]string{}
	for _, m := range members {
		if stage := m.stageOn(l, d); stage != "" {
			out[m.ID] = stage
		}
	}
	return out
}

// counted reports whether the member is counted on day d: in good
// standing, and joined by then (or of unknown join date).
func (m *BenchmarkMember) counted(d Date) bool {
	return EffectiveStanding(m.Standing, m.Override, d).IsGood() && !d.Before(m.JoinDate)
}

// any reports whether the member has a record of counter from from to to,
// both included.
func (m *BenchmarkMember) any(counter string, from, to Date) bool {
	for _, d := range m.Activity.Dates[counter] {
		if !d.Before(from) && !to.Before(d) {
			return true
		}
	}
	return false
}

// Benchmarks computes day's figures of every scope with members: the
// chapter (ChapterScope), and each branch and neighborhood group. Moves
// compare each member's stage on day with her stage on prev, both computed
// from her records by the same ladder; a zero prev (no snapshot before)
// counts no moves.
func (l Ladder) Benchmarks(members []*BenchmarkMember, day, prev Date) map[int64]*Benchmark {
	out := map[int64]*Benchmark{}
	for _, m := range members {
		if !m.counted(day) {
			continue
		}
		f := l.memberFigures(m, day, prev)
		f.addTo(out, ChapterScope, day)
		if m.BranchID != 0 {
			f.addTo(out, m.BranchID, day)
		}
		if m.GroupID != 0 {
			f.addTo(out, m.GroupID, day)
		}
	}
	return out
}

// figures is one member's part of a day's benchmarks.
type figures struct {
	stage                                   string
	isNew, reached, oriented, meeting, year bool
	move                                    int
}

// memberFigures works out what the member adds to day's benchmarks.
func (l Ladder) memberFigures(m *BenchmarkMember, day, prev Date) figures {
	f := figures{stage: m.stageOn(l, day)}
	cohortEnd := day.AddDays(-ReachDays)
	if j := m.JoinDate; !j.IsZero() && !cohortEnd.Before(j) && !j.Before(cohortEnd.AddDays(-(NewMemberDays - 1))) {
		f.isNew = true
		f.reached = m.any(CountOneOnOnes, j, j.AddDays(ReachDays))
		f.oriented = m.any(countEventKindPrefix+string(EventOrientation), Date{}, day)
	}
	from := day.AddDays(-(MeetingDays - 1))
	f.meeting = m.any(CountMeetings, from, day) || m.any(countEventKindPrefix+string(EventMeeting), from, day)
	f.year = m.any(CountOneOnOnes, Date{Year: day.Year, Month: time.January, Day: 1}, day)
	if !prev.IsZero() {
		f.move = l.Rank(f.stage) - l.Rank(m.stageOn(l, prev))
	}
	return f
}

// addTo adds the member's figures to scope's benchmark in out.
func (f figures) addTo(out map[int64]*Benchmark, scope int64, day Date) {
	b := out[scope]
	if b == nil {
		b = &Benchmark{Day: day, Scope: scope, Stages: map[string]int{}}
		out[scope] = b
	}
	b.Members++
	stage := f.stage
	if stage == "" {
		stage = NoStage
	}
	b.Stages[stage]++
	b.NewMembers += one(f.isNew)
	b.NewReached += one(f.reached)
	b.NewOriented += one(f.oriented)
	b.AtMeeting += one(f.meeting)
	b.OneOnOneYear += one(f.year)
	b.MovedUp += one(f.move > 0)
	b.MovedDown += one(f.move < 0)
}

// one is 1 for true and 0 for false.
func one(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BenchmarkService takes and keeps the daily benchmarks.
type BenchmarkService interface {
	// TakeBenchmarks takes the snapshot of each day not yet taken, from
	// the records as they stand, and returns the days it took: each day
	// is taken exactly once, however many take it at the same time.
	TakeBenchmarks(ctx context.Context, days []Date) ([]Date, error)
	// Benchmarks returns scope's snapshots from from to to, oldest first.
	Benchmarks(ctx context.Context, scope int64, from, to Date) ([]*Benchmark, error)
	// BenchmarkTaken reports whether day's snapshot has been taken.
	BenchmarkTaken(ctx context.Context, day Date) (bool, error)
	// MemberStages returns every member's stage on the ladder on day, by
	// member id (members at no stage left out), from the same records.
	MemberStages(ctx context.Context, day Date) (map[int64]string, error)
}
