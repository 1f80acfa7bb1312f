package rankfile

import (
	"context"
	"fmt"
	"time"
)

// A convention's priorities: its delegates rank the chapter resolutions on
// its agenda, the counting engine counts the rankings by Scottish STV with
// PrioritySeats seats, and the resolutions elected are adopted as the next
// year's priorities, in the order the count elected them. The count's
// public record (the ballots as a BLT file, the seed of the lot, the
// command that counts them again) is kept with them, so that any member
// may recount it.

// PrioritiesTitle is the question of a convention's priorities vote and
// the title of the agenda item it is taken on, as the record keeps them:
// in English, as the API and the command line show them. Pages say it in
// the reader's language (locale.Localizer.MeetingText), for votes taken
// before as well as after.
const PrioritiesTitle = "Next year's priorities"

// Priorities are the resolutions a convention adopted as the next year's
// priorities, with the record of the count that adopted them.
type Priorities struct {
	ID           int64 `json:"id"`
	ConventionID int64 `json:"convention_id"`
	// VoteID is the meeting vote the delegates ranked in; 0 when the
	// rankings were counted as given (App.CountPriorities).
	VoteID int64 `json:"vote_id,omitempty"`
	// Adopted are the resolutions adopted, first elected first.
	Adopted []*PriorityItem `json:"adopted"`
	// Ballots is how many rankings were counted.
	Ballots int `json:"ballots"`
	// Seed seeds the lot that breaks the count's ties; BLT is the ballots
	// as counted; Command counts them again with `rankfile tally`.
	Seed      string    `json:"seed"`
	BLT       string    `json:"-"`
	Command   string    `json:"command"`
	AdoptedAt time.Time `json:"adopted_at"`

	// What the chapter's page names them by, read with them: the
	// convention, and the meeting the vote was taken at (if any).
	ConventionName string    `json:"convention_name"`
	MeetingID      int64     `json:"meeting_id,omitempty"`
	MeetingTitle   string    `json:"meeting_title,omitempty"`
	MeetingStarts  time.Time `json:"meeting_starts,omitzero"`
}

// PriorityItem is one adopted resolution.
type PriorityItem struct {
	ProposalID int64  `json:"proposal_id"`
	Title      string `json:"title"`
}

// BallotsFile is the name the record's ballots are published under,
// which Command names.
func (p *Priorities) BallotsFile() string {
	if p.VoteID != 0 {
		return fmt.Sprintf("priorities-vote-%d.blt", p.VoteID)
	}
	return "priorities.blt"
}

// Day is the day the priorities were adopted in the chapter's zone: the
// day of the convention's meeting, for a vote taken there.
func (p *Priorities) Day(zone *time.Location) Date {
	if !p.MeetingStarts.IsZero() {
		return DateOf(p.MeetingStarts.In(zone))
	}
	return DateOf(p.AdoptedAt.In(zone))
}

// Step is the step that adopts the resolution elected in place (from 0),
// its note saying so in the proposal's history.
func (p *Priorities) Step(place int, proposal *Proposal) *ProposalStep {
	note := NoteMessage("proposal.note.priority", "Place", place+1, "Of", len(p.Adopted), "Ballots", p.Ballots)
	return DecisionStep(proposal, true, note)
}

// PrioritiesFilter picks priorities: by id, or the latest adopted by the
// conventions of a chapter.
type PrioritiesFilter struct {
	ID        int64
	ChapterID int64
	VoteID    int64 // those a meeting's priorities vote adopted
	Limit     int
}

// PrioritiesService stores adopted priorities.
type PrioritiesService interface {
	// AdoptPriorities adopts each resolution of p.Adopted (scheduled, to
	// adopted, with p.Step's note) and stores p with its record, all in
	// one transaction. A resolution no longer scheduled is a conflict,
	// and then nothing is adopted.
	AdoptPriorities(ctx context.Context, p *Priorities) error
	// FindPriorities returns priorities, latest adopted first.
	FindPriorities(ctx context.Context, f PrioritiesFilter) ([]*Priorities, error)
}
