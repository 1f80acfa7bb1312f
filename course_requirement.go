package rankfile

import "slices"

// Qualifications required where roles are given: a body's seat (the canvass
// lead of a canvassing committee) or leading events of a kind (a canvass)
// may require a course's qualification, valid on the day the role is
// given. Whoever gives the role (appointing, an admin placing a member, a
// proposal seating interim chairs, naming an event's leads) is refused
// with the course and the member's standing in it, and nothing is stored.
// A requirement set later does not unseat anyone.

// CourseRequirement says that a role requires a course: holding a seat
// (SeatID) or leading events of a kind (EventKind), one of them.
type CourseRequirement struct {
	SeatID    int64     `json:"seat_id,omitempty"`
	EventKind EventKind `json:"event_kind,omitempty"`
	CourseID  int64     `json:"course_id"`
	// CourseTitle, SeatTitle and BodyName are as read.
	CourseTitle string `json:"course_title,omitempty"`
	SeatTitle   string `json:"seat_title,omitempty"`
	BodyName    string `json:"body_name,omitempty"`
}

// Validate checks a requirement before it is stored; a CourseID of 0
// asks to remove the role's requirement.
func (r *CourseRequirement) Validate() error {
	switch {
	case (r.SeatID == 0) == (r.EventKind == ""):
		return Errorf(EINVALID, "a requirement is for a seat or for leading a kind of event, one of them")
	case r.EventKind != "" && !slices.Contains(EventKinds, r.EventKind):
		return Errorf(EINVALID, "unknown kind of event %q", r.EventKind)
	case r.CourseID < 0:
		return Errorf(EINVALID, "no such course")
	}
	return nil
}

// CheckQualified refuses to give a member (name) a role that requires
// course (its title) unless one of done, their completions of it, is valid
// on day d. seat is the seat's title, "" for leading an event. The error
// says whether they never completed the course or when it lapsed, so that
// whoever gives the role knows what to ask of them.
func CheckQualified(seat, course, name string, done []*Completion, d Date) error {
	var lapsed Date
	for _, c := range done {
		if c.ValidOn(d) {
			return nil
		}
		if c.Outcome == OutcomeComplete && lapsed.Before(c.ExpiresOn) {
			lapsed = c.ExpiresOn
		}
	}
	switch {
	case seat != "" && lapsed.IsZero():
		return Errorf(ECONFLICT, "the seat %q requires the course %q, which %s has never completed", seat, course, name)
	case seat != "":
		return Errorf(ECONFLICT, "the seat %q requires the course %q, and %s's qualification lapsed on %s", seat, course, name, lapsed)
	case lapsed.IsZero():
		return Errorf(ECONFLICT, "leading this event requires the course %q, which %s has never completed", course, name)
	}
	return Errorf(ECONFLICT, "leading this event requires the course %q, and %s's qualification lapsed on %s", course, name, lapsed)
}

// EventLead is a member who runs an event: a canvass's lead.
type EventLead struct {
	MemberID int64  `json:"member_id"`
	Name     string `json:"name"`
}

// MaxEventLeads bounds the leads an event names.
const MaxEventLeads = 10
