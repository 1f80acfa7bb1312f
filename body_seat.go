package rankfile

import (
	"strings"
	"time"
)

// How a seat is filled.
const (
	FilledByElection    = "election"
	FilledByAppointment = "appointment"
)

// Seat is a leadership seat of a body: the steering committee's treasurer,
// a branch's two co-coordinators, a committee's two co-chairs.
type Seat struct {
	ID     int64  `json:"id"`
	BodyID int64  `json:"body_id"`
	Title  string `json:"title"`
	// Count is how many people hold the seat at once.
	Count int `json:"count"`
	// FilledBy is FilledByElection or FilledByAppointment.
	FilledBy string `json:"filled_by"`
	// ElectorateBodyID is the body whose members elect the seat.
	ElectorateBodyID int64 `json:"electorate_body_id,omitempty"`
	// AppointingSeatID is the seat whose holders appoint to this one.
	AppointingSeatID int64 `json:"appointing_seat_id,omitempty"`
	// TermMonths is the length of a term; 0 for no fixed term.
	TermMonths int `json:"term_months"`
}

// TermEnd returns the last day of a term in the seat begun on start: the
// day before the same date TermMonths later; zero for a seat without a
// fixed term. A position's term end is written when it begins, so that
// every reader sees the seat vacant from the day after without a job.
func (s *Seat) TermEnd(start Date) Date {
	if s.TermMonths <= 0 || start.IsZero() {
		return Date{}
	}
	return DateOf(start.Time(time.UTC).AddDate(0, s.TermMonths, -1))
}

// TermNoticeDays is how many days before a term ends its body's leaders
// are told, so that they can hold the election or appoint again in time.
const TermNoticeDays = 30

// Validate checks a seat before it is stored.
func (s *Seat) Validate() error {
	switch {
	case strings.TrimSpace(s.Title) == "":
		return Errorf(EINVALID, "a seat needs a title")
	case s.Count < 1:
		return Errorf(EINVALID, "seat %q needs a count of at least 1", s.Title)
	case s.TermMonths < 0:
		return Errorf(EINVALID, "seat %q has a negative term", s.Title)
	case s.FilledBy == FilledByElection && s.ElectorateBodyID == 0:
		return Errorf(EINVALID, "elected seat %q needs the body whose members elect it", s.Title)
	case s.FilledBy == FilledByAppointment && s.AppointingSeatID == 0:
		return Errorf(EINVALID, "appointed seat %q needs the seat whose holders appoint it", s.Title)
	case s.FilledBy != FilledByElection && s.FilledBy != FilledByAppointment:
		return Errorf(EINVALID, "seat %q must be filled by election or appointment", s.Title)
	}
	return nil
}

// SeatTemplate is a seat a body of some kind has by default, before the
// bodies it refers to are known.
type SeatTemplate struct {
	Title      string
	Count      int
	TermMonths int
	// ElectedBy says whose members elect the seat: "self" (the body's own),
	// "parent" or "chapter". Empty for appointed seats.
	ElectedBy string
	// AppointedBy names the seat of the parent body whose holders appoint.
	AppointedBy string
}

// Titles of the seats bodies have by default.
const (
	SeatAtLarge                = "At-large member"
	SeatCampaignsCoordinator   = "Campaigns coordinator"
	SeatCommunicationsDirector = "Communications director"
	SeatRecordingSecretary     = "Recording secretary"
	SeatTreasurer              = "Treasurer"
	SeatCoCoordinator          = "Co-coordinator"
	SeatNeighborhoodCaptain    = "Neighborhood captain"
	SeatCoChair                = "Co-chair"
)

// DefaultSeats returns the leadership seats a body of the given kind has
// under the chapter's bylaws: a nine-seat steering committee elected by the
// chapter, two co-coordinators elected by each branch's members, captains
// appointed by the branch co-coordinators, two co-chairs for committees,
// working groups and caucuses elected by their members.
func DefaultSeats(kind BodyKind) []SeatTemplate {
	switch kind {
	case KindSteeringCommittee:
		return []SeatTemplate{
			{Title: SeatAtLarge, Count: 5, TermMonths: 12, ElectedBy: "chapter"},
			{Title: SeatCampaignsCoordinator, Count: 1, TermMonths: 12, ElectedBy: "chapter"},
			{Title: SeatCommunicationsDirector, Count: 1, TermMonths: 12, ElectedBy: "chapter"},
			{Title: SeatRecordingSecretary, Count: 1, TermMonths: 12, ElectedBy: "chapter"},
			{Title: SeatTreasurer, Count: 1, TermMonths: 12, ElectedBy: "chapter"},
		}
	case KindBranch:
		return []SeatTemplate{{Title: SeatCoCoordinator, Count: 2, TermMonths: 12, ElectedBy: "self"}}
	case KindNeighborhoodGroup:
		return []SeatTemplate{{Title: SeatNeighborhoodCaptain, Count: 2, AppointedBy: SeatCoCoordinator}}
	case KindCommittee, KindWorkingGroup, KindCaucus:
		return []SeatTemplate{{Title: SeatCoChair, Count: 2, TermMonths: 12, ElectedBy: "self"}}
	}
	return nil
}

// Position is a member's place in a body over a span of days: holding a
// seat, or (SeatID 0) simply belonging, as to a committee.
type Position struct {
	ID       int64 `json:"id"`
	MemberID int64 `json:"member_id"`
	BodyID   int64 `json:"body_id"`
	SeatID   int64 `json:"seat_id,omitempty"`
	StartOn  Date  `json:"start_on"`
	// EndOn is the last day held; zero while the position continues.
	EndOn     Date      `json:"end_on"`
	CreatedAt time.Time `json:"created_at"`
}

// ActiveOn reports whether the position is held on day d.
func (p *Position) ActiveOn(d Date) bool {
	return !p.StartOn.After(d) && (p.EndOn.IsZero() || !p.EndOn.Before(d))
}

// Validate checks a position before it is stored.
func (p *Position) Validate() error {
	switch {
	case p.MemberID == 0:
		return Errorf(EINVALID, "a position needs a member")
	case p.BodyID == 0:
		return Errorf(EINVALID, "a position needs a body")
	case p.StartOn.IsZero():
		return Errorf(EINVALID, "a position needs a start date")
	case !p.EndOn.IsZero() && p.EndOn.Before(p.StartOn):
		return Errorf(EINVALID, "a position cannot end (%s) before it starts (%s)", p.EndOn, p.StartOn)
	}
	return CheckDates("a position's dates", p.StartOn, p.EndOn)
}

// Overlaps reports whether p and q are held on at least one common day.
func (p *Position) Overlaps(q *Position) bool {
	pEndsFirst := !p.EndOn.IsZero() && p.EndOn.Before(q.StartOn)
	qEndsFirst := !q.EndOn.IsZero() && q.EndOn.Before(p.StartOn)
	return !pEndsFirst && !qEndsFirst
}

// PositionFilter selects positions. Zero fields do not filter.
type PositionFilter struct {
	ID       int64
	MemberID int64
	BodyID   int64
	SeatID   int64
	// ActiveOn keeps only positions held that day.
	ActiveOn Date
	// EndedBefore keeps only positions whose last day came before it: a
	// seat's past holders.
	EndedBefore Date
}

// SeatFull reports whether a seat that count people hold at once has no room
// for p beside the existing positions: on some day of p's span, count others
// already hold it.
func SeatFull(existing []*Position, p *Position, count int) bool {
	days := []Date{p.StartOn}
	for _, q := range existing {
		if q.Overlaps(p) && q.StartOn.After(p.StartOn) {
			days = append(days, q.StartOn)
		}
	}
	for _, d := range days {
		held := 0
		for _, q := range existing {
			if q.ID != p.ID && q.ActiveOn(d) {
				held++
			}
		}
		if held >= count {
			return true
		}
	}
	return false
}

// JoinRequest is a member's request to join a body whose leaders decide
// who comes in.
type JoinRequest struct {
	ID          int64     `json:"id"`
	MemberID    int64     `json:"member_id"`
	BodyID      int64     `json:"body_id"`
	RequestedAt time.Time `json:"requested_at"`
	// DecidedAt is zero while the request is pending.
	DecidedAt time.Time `json:"decided_at,omitzero"`
	DecidedBy string    `json:"decided_by,omitempty"`
	Approved  bool      `json:"approved"`
}

// Pending reports whether nobody has decided the request yet.
func (r *JoinRequest) Pending() bool { return r.DecidedAt.IsZero() }

// JoinRequestFilter selects join requests. Zero fields do not filter.
type JoinRequestFilter struct {
	ID          int64
	BodyID      int64
	MemberID    int64
	PendingOnly bool
}
