package rankfile

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Bodies formed and dissolved by decisions: a proposal may say that it
// forms a committee or working group, or dissolves one. Adopting it (by
// any path: see DecisionStep) takes the step that forms or dissolves the
// body, in the adoption's transaction.

// BodyFormation is what a proposal that forms a body says of it.
type BodyFormation struct {
	Kind     BodyKind `json:"kind"` // KindCommittee or KindWorkingGroup
	Name     string   `json:"name"`
	ParentID int64    `json:"parent_id"`
	// CoChairs is how many co-chairs it has; 0 is its kind's default
	// (DefaultSeats).
	CoChairs int `json:"co_chairs,omitempty"`
}

// FormableKinds are the kinds of body a proposal forms or dissolves.
var FormableKinds = []BodyKind{KindCommittee, KindWorkingGroup}

// maxCoChairs bounds the co-chairs a proposal gives the body it forms.
const maxCoChairs = 6

// Validate checks and tidies what a proposal says of the body it forms.
// Whether the name is free and the parent exists is the bodies' to say.
func (f *BodyFormation) Validate() error {
	f.Name = strings.TrimSpace(f.Name)
	switch {
	case f.Kind != KindCommittee && f.Kind != KindWorkingGroup:
		return Errorf(EINVALID, "a proposal forms a committee or a working group, not %q", f.Kind)
	case f.Name == "" || utf8.RuneCountInString(f.Name) > 120:
		return Errorf(EINVALID, "the body a proposal forms needs a name of at most 120 characters")
	case Slugify(f.Name) == "":
		return Errorf(EINVALID, "the name of the body needs a letter or a digit")
	case f.ParentID == 0:
		return Errorf(EINVALID, "the body a proposal forms needs the body it is part of")
	case f.CoChairs < 0 || f.CoChairs > maxCoChairs:
		return Errorf(EINVALID, "a body has from 1 to %d co-chairs", maxCoChairs)
	}
	return nil
}

// Seats are the seats the body formed has: its kind's default ones, its
// co-chairs as many as the proposal says.
func (f *BodyFormation) Seats() []SeatTemplate {
	seats := DefaultSeats(f.Kind)
	for i := range seats {
		if seats[i].Title == SeatCoChair && f.CoChairs > 0 {
			seats[i].Count = f.CoChairs
		}
	}
	return seats
}

// Dissolved reports whether the body was dissolved: it is kept, with its
// history, seats and past holders, but no longer counts among the active
// bodies, takes members or holds new meetings.
func (b *Body) Dissolved() bool { return !b.DissolvedAt.IsZero() }

// ActiveBodies returns the bodies of all that are not dissolved, in their
// order, and those of keep even if dissolved: the one rule for the bodies
// a form offers as choices, so that a dissolved body is offered nowhere
// new while a record that names it already keeps it when changed.
func ActiveBodies(all []*Body, keep ...int64) []*Body {
	var out []*Body
	for _, b := range all {
		if !b.Dissolved() || slices.Contains(keep, b.ID) {
			out = append(out, b)
		}
	}
	return out
}

// CheckActive says why nothing new may happen in the body, if it was
// dissolved.
func (b *Body) CheckActive() error {
	if b.Dissolved() {
		return Errorf(ECONFLICT, "%s was dissolved on %s", b.Name, b.DissolvedAt.Format(time.DateOnly))
	}
	return nil
}

// CheckDissolvable says why a proposal may not dissolve the body, if it
// may not: only an active committee or working group is dissolved by a
// decision (branches and the chapter are not).
func (b *Body) CheckDissolvable() error {
	if b.Kind != KindCommittee && b.Kind != KindWorkingGroup {
		return Errorf(EINVALID, "a proposal dissolves a committee or a working group, and %s is neither", b.Name)
	}
	return b.CheckActive()
}

// Adopting adds to a step what adopting p does to the bodies: the body it
// forms, its first author and co-authors who accepted as its interim
// co-chairs, or the body it dissolves. A step to another status is left
// as it is.
func (s *ProposalStep) Adopting(p *Proposal) *ProposalStep {
	if s == nil || s.To != ProposalAdopted {
		return s
	}
	s.Dissolves = p.Dissolves
	if p.Forms != nil {
		forms := *p.Forms
		s.Forms = &forms
		for _, a := range p.Authors {
			if a.Accepted {
				s.InterimChairs = append(s.InterimChairs, a.MemberID)
			}
		}
	}
	return s
}

// DecisionStep is the step a decision takes a scheduled proposal, by a
// vote of a meeting or recorded by the deciding body's leaders: adopted,
// with what that does to the bodies (Adopting), or rejected.
func DecisionStep(p *Proposal, adopted bool, note string) *ProposalStep {
	to := ProposalRejected
	if adopted {
		to = ProposalAdopted
	}
	return NewProposalStep(ProposalScheduled, to, note).Adopting(p)
}

// validateBodies checks what a proposal does to the bodies: it forms one
// or dissolves one, not both.
func (p *Proposal) validateBodies() error {
	if p.Forms != nil && p.Dissolves != 0 {
		return Errorf(EINVALID, "a proposal forms a body or dissolves one, not both")
	}
	if p.Forms != nil {
		return p.Forms.Validate()
	}
	return nil
}
