package rankfile

import (
	"context"
	"time"
)

// Onboarding: each import's new members, and the members it brings back
// from lapsed, start a path. The import records the steps they are owed
// (a welcome email in their language, an invitation to the next
// orientation, an organizer for a first one-on-one), once per member,
// step and import; the server's clock does each step owed and marks it
// done in the transaction that queues what it owes. A checklist then
// follows the member's first steps from what rankfile records of her,
// never from what someone types in.

// OnboardingStep is one thing a new member's path owes her.
type OnboardingStep string

// Onboarding steps, in the order the clock does them.
const (
	StepWelcome     OnboardingStep = "welcome"     // a welcome email
	StepOrientation OnboardingStep = "orientation" // an invitation to the next orientation
	StepOrganizer   OnboardingStep = "organizer"   // an organizer for a first one-on-one
)

// OnboardingSteps lists the steps in the order the clock does them.
var OnboardingSteps = []OnboardingStep{StepWelcome, StepOrientation, StepOrganizer}

// Outcomes of a done step.
const (
	OutcomeQueued  = "queued"  // the email is in the outbox
	OutcomeCaptain = "captain" // given to her neighborhood group's captain
	OutcomeLoad    = "load"    // given to the branch's organizer with the fewest people
	OutcomeQueue   = "queue"   // nobody could take her: she waits in her branch's queue
	OutcomeKept    = "kept"    // she already had an organizer
)

// Notice kinds of the onboarding path.
const (
	NoticeWelcome           NoticeKind = "onboarding_welcome"     // welcome to the chapter
	NoticeOrientationInvite NoticeKind = "orientation_invitation" // the next orientation
)

// EndLeftSeat ends the assignments a captain had as captain once she
// no longer holds the group's seat: her people wait in the branch queue.
const EndLeftSeat = "left_seat"

// PathStep is one step of a member's path.
type PathStep struct {
	ID       int64          `json:"id"`
	MemberID int64          `json:"member_id"`
	ImportID int64          `json:"import_id"`
	Step     OnboardingStep `json:"step"`
	Reason   AssignReason   `json:"reason"` // new or returning
	OwedAt   time.Time      `json:"owed_at"`
	DoneAt   time.Time      `json:"done_at,omitzero"`
	Outcome  string         `json:"outcome,omitempty"`
	EventID  int64          `json:"event_id,omitempty"`
	// BranchID and GroupID are the member's branch and neighborhood group
	// as the step was read, for the clock; 0 for none.
	BranchID int64 `json:"-"`
	GroupID  int64 `json:"-"`
}

// StepAssignment is what the clock decided for a member's organizer
// step: an organizer (OrganizerID, Outcome captain or load, GroupID the
// captain's group) or the branch's queue (OrganizerID 0).
type StepAssignment struct {
	Step        *PathStep
	OrganizerID int64
	Outcome     string
	GroupID     int64
}

// CaptainAssignment is an open assignment made to a captain as captain.
type CaptainAssignment struct {
	MemberID    int64
	OrganizerID int64
	GroupID     int64
}

// Checklist items: a member's first steps, each ticked from a record.
const (
	CheckOrientation    = "orientation"     // checked in at an orientation
	CheckOneOnOne       = "one_on_one"      // a one-on-one logged with her
	CheckGeneralMeeting = "general_meeting" // checked in at a meeting of the chapter or her branch
	CheckCommittee      = "committee"       // joined a committee or working group
	CheckTraining       = "training"        // checked in at a training, or completed a course of the first level
	CheckCanvass        = "canvass"         // checked in at a canvass or phonebank
)

// ChecklistItems lists the items in the order a new member meets them.
var ChecklistItems = []string{CheckOrientation, CheckOneOnOne, CheckGeneralMeeting, CheckCommittee, CheckTraining, CheckCanvass}

// ChecklistItem is one item and the day of its first record (zero: not yet).
type ChecklistItem struct {
	Key  string `json:"key"`
	Done bool   `json:"done"`
	On   Date   `json:"on,omitzero"`
}

// Checklist is a member's first steps and how many she has taken.
type Checklist struct {
	Items    []ChecklistItem `json:"items"`
	Done     int             `json:"done"`
	Total    int             `json:"total"`
	Complete bool            `json:"complete"`
}

// NewChecklist ticks the items from the first day of each item's records
// (firsts, by item key; missing or zero: not yet).
func NewChecklist(firsts map[string]Date) *Checklist {
	c := &Checklist{Items: make([]ChecklistItem, len(ChecklistItems)), Total: len(ChecklistItems)}
	for i, key := range ChecklistItems {
		d := firsts[key]
		c.Items[i] = ChecklistItem{Key: key, Done: !d.IsZero(), On: d}
		if !d.IsZero() {
			c.Done++
		}
	}
	c.Complete = c.Done == c.Total
	return c
}

// OnboardingService keeps the steps of members' paths and reads the
// records their checklists tick from.
type OnboardingService interface {
	// OwedSteps returns up to limit steps of the kind not yet done with
	// ids after afterID, oldest first, each with the member's branch and
	// group.
	OwedSteps(ctx context.Context, step OnboardingStep, afterID int64, limit int) ([]*PathStep, error)
	// QueueStepNotices marks the steps done (outcome queued) and queues
	// for each a notice of kind to its member, naming eventID when not 0,
	// in one transaction. Steps already done are left alone, so two
	// clocks at once queue each notice once; it returns how many it queued.
	QueueStepNotices(ctx context.Context, stepIDs []int64, kind NoticeKind, eventID int64) (int, error)
	// AssignSteps does organizer steps in one transaction: for each step
	// still owed, gives the member to the organizer decided (unless she
	// has one already: outcome kept), or leaves her to the branch's queue,
	// audits it, and marks the step done. It returns how many steps it did.
	AssignSteps(ctx context.Context, decided []StepAssignment) (int, error)
	// OrganizerLoads returns the number of open assignments of each
	// organizer with any.
	OrganizerLoads(ctx context.Context) (map[int64]int, error)
	// CaptainAssignments returns the open assignments the path made to
	// captains as captains.
	CaptainAssignments(ctx context.Context) ([]CaptainAssignment, error)
	// MemberPath returns the steps of the member's latest path, in step
	// order; none when no import started one.
	MemberPath(ctx context.Context, memberID int64) ([]*PathStep, error)
	// ChecklistFirsts returns, for each member given, the first day of
	// each checklist item's records.
	ChecklistFirsts(ctx context.Context, memberIDs []int64) (map[int64]map[string]Date, error)
}
