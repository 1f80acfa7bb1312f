package rankfile

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// A phonebank is a call list and the volunteers who call it. Its list is
// made once, when it starts, from a campaign's targets or from the roster
// (by standing, branch, how lately members lapsed, how lately they were
// called and their stage on the ladder), and can be topped up later.
// Callers take the list a batch at a time: a call is handed to one caller
// at once, and comes back to the list when the caller's hold runs out.
// Every number a caller is shown is written to the log of views.

// PhonebankSource says whom a phonebank calls.
type PhonebankSource string

// Phonebank sources.
const (
	PhonebankTargets PhonebankSource = "targets" // a campaign's targets
	PhonebankRoster  PhonebankSource = "roster"  // members, chosen by a CallFilter
)

// CallFilter chooses the members a roster phonebank calls, or the targets
// a campaign's phonebank calls (which only NotCalledDays applies to).
// Zero fields do not filter.
type CallFilter struct {
	Standing   Standing `json:"standing,omitempty"`
	BranchSlug string   `json:"branch,omitempty"`
	// LapsedWithinDays keeps members whose membership ran out in the last
	// this many days: the ones a renewal call can still bring back.
	LapsedWithinDays int `json:"lapsed_within_days,omitempty"`
	// NotCalledDays leaves out whoever was called, by any phonebank, in
	// the last this many days.
	NotCalledDays int `json:"not_called_days,omitempty"`
	// Stage keeps members at this stage of the ladder today.
	Stage string `json:"stage,omitempty"`
}

// Phonebank is one phonebank.
type Phonebank struct {
	ID         int64           `json:"id"`
	BodyID     int64           `json:"body_id"`
	CampaignID int64           `json:"campaign_id,omitempty"` // for a targets phonebank
	EventID    int64           `json:"event_id,omitempty"`    // its shift, whose check-ins become callers
	Name       string          `json:"name"`
	Source     PhonebankSource `json:"source"`
	Filter     CallFilter      `json:"filter"`
	// Script is what callers say, in Markdown.
	Script string `json:"script"`
	// BatchSize is how many calls a caller takes at once.
	BatchSize int `json:"batch_size"`
	// RetryHours is how long an unanswered call waits before it is handed
	// out again; after MaxTries unanswered calls it is done.
	RetryHours int `json:"retry_hours"`
	MaxTries   int `json:"max_tries"`
	// CooldownDays holds back whoever another phonebank called in the last
	// this many days, so that two phonebanks do not call one person in a
	// week.
	CooldownDays int       `json:"cooldown_days"`
	CreatedAt    time.Time `json:"created_at"`
	ClosedAt     time.Time `json:"closed_at,omitzero"`
}

// Phonebank limits and defaults.
const (
	DefaultBatchSize  = 10
	MaxBatchSize      = 50
	DefaultRetryHours = 4
	DefaultMaxTries   = 3
	// CallHold is how long a caller holds a batch: calls not made in it go
	// back to the list.
	CallHold = time.Hour
)

// Validate checks a phonebank as its organizer wrote it, filling in the
// defaults.
func (p *Phonebank) Validate() error {
	p.Name = strings.TrimSpace(p.Name)
	p.fillDefaults()
	switch {
	case p.Name == "" || utf8.RuneCountInString(p.Name) > 120:
		return FieldErrorf("name", EINVALID, "a phonebank needs a name of at most 120 characters")
	case p.BodyID == 0:
		return FieldErrorf("body", EINVALID, "a phonebank belongs to a body")
	case p.Source == PhonebankTargets && p.CampaignID == 0:
		return FieldErrorf("campaign", EINVALID, "a phonebank of targets names its campaign")
	case p.Source == PhonebankRoster && p.CampaignID != 0:
		return FieldErrorf("campaign", EINVALID, "a phonebank of members calls no campaign's targets")
	case p.Source != PhonebankTargets && p.Source != PhonebankRoster:
		return FieldErrorf("source", EINVALID, "%q is not a source: targets or roster", p.Source)
	case p.BatchSize < 1 || p.BatchSize > MaxBatchSize:
		return FieldErrorf("batch_size", EINVALID, "a batch is 1 to %d calls", MaxBatchSize)
	case p.RetryHours < 1 || p.RetryHours > 24*14 || p.MaxTries < 1 || p.MaxTries > 10:
		return FieldErrorf("retry_hours", EINVALID, "retry after 1 hour to 14 days, 1 to 10 tries")
	case p.CooldownDays < 0 || p.CooldownDays > 365:
		return FieldErrorf("cooldown_days", EINVALID, "a cooldown is 0 to 365 days")
	case utf8.RuneCountInString(p.Script) > 20000:
		return FieldErrorf("script", EINVALID, "a script is at most 20,000 characters")
	}
	return p.Filter.validate(p.Source)
}

// fillDefaults sets what the organizer left out.
func (p *Phonebank) fillDefaults() {
	if p.BatchSize == 0 {
		p.BatchSize = DefaultBatchSize
	}
	if p.RetryHours == 0 {
		p.RetryHours = DefaultRetryHours
	}
	if p.MaxTries == 0 {
		p.MaxTries = DefaultMaxTries
	}
}

// validate checks a filter for a source: a campaign's targets have no
// standing, branch or stage.
func (f *CallFilter) validate(source PhonebankSource) error {
	f.BranchSlug, f.Stage = strings.TrimSpace(f.BranchSlug), strings.TrimSpace(f.Stage)
	switch {
	case f.LapsedWithinDays < 0 || f.LapsedWithinDays > 3650 || f.NotCalledDays < 0 || f.NotCalledDays > 3650:
		return FieldErrorf("filter", EINVALID, "days are 0 to 3650")
	case source == PhonebankTargets && (f.Standing != "" || f.BranchSlug != "" || f.LapsedWithinDays != 0 || f.Stage != ""):
		return FieldErrorf("filter", EINVALID, "a campaign's targets are chosen by when they were last called only")
	case f.Standing != "":
		_, err := ParseStanding(string(f.Standing))
		return err
	}
	return nil
}

// Call is one line of a phonebank's list: a target or a member and the
// number to call, and where the line stands.
type Call struct {
	ID          int64  `json:"id"`
	PhonebankID int64  `json:"phonebank_id"`
	TargetID    int64  `json:"target_id,omitempty"`
	MemberID    int64  `json:"member_id,omitempty"`
	Name        string `json:"name"`
	Phone       string `json:"phone"` // E.164
	// ClaimedBy holds the call until ClaimedUntil.
	ClaimedBy    int64     `json:"claimed_by,omitempty"`
	ClaimedUntil time.Time `json:"claimed_until,omitzero"`
	// NextAt is when the call may be made again: a call-back time asked
	// for, or an unanswered call's retry.
	NextAt     time.Time     `json:"next_at,omitzero"`
	Tries      int           `json:"tries"`
	Done       bool          `json:"done"`
	LastResult AttemptResult `json:"last_result,omitempty"`
}

// PhonebankProgress counts where a phonebank's list stands.
type PhonebankProgress struct {
	Calls   int `json:"calls"`   // lines on the list
	Done    int `json:"done"`    // finished: reached, refused, wrong number, or out of tries
	Claimed int `json:"claimed"` // held by callers now
	Waiting int `json:"waiting"` // not to be called before their time (call-backs and retries)
	Callers int `json:"callers"`
}

// Audit actions of phonebanks.
const (
	AuditChangePhonebank = "change_phonebank" // started, topped up, closed a phonebank or added callers
)

// PhonebankService keeps phonebanks, their lists and their callers.
type PhonebankService interface {
	// CreatePhonebank stores a phonebank and its list.
	CreatePhonebank(ctx context.Context, p *Phonebank, calls []*Call) error
	// FindPhonebanks lists the phonebanks, newest first, or the one with
	// id (ENOTFOUND if none).
	FindPhonebanks(ctx context.Context, id int64) ([]*Phonebank, error)
	// AddCalls tops a phonebank's list up with calls it does not hold yet
	// (by target or member); it returns how many it added.
	AddCalls(ctx context.Context, phonebankID int64, calls []*Call) (int, error)
	// ClosePhonebank closes a phonebank: nothing more is handed out.
	ClosePhonebank(ctx context.Context, id int64, at time.Time) error
	// AddCaller puts a member on a phonebank's callers.
	AddCaller(ctx context.Context, phonebankID, memberID int64) error
	// Callers lists a phonebank's callers' member ids.
	Callers(ctx context.Context, phonebankID int64) ([]int64, error)
	// ClaimCalls hands a caller calls for CallHold from now: the ones she
	// holds already, topped up to the batch size from calls nobody holds,
	// not done, due (NextAt passed) and whose person no other phonebank
	// called within its cooldown; one transaction, so that no call goes
	// to two callers.
	ClaimCalls(ctx context.Context, phonebankID, callerID int64) ([]*Call, error)
	// HeldCalls lists the calls a caller holds now.
	HeldCalls(ctx context.Context, phonebankID, callerID int64) ([]*Call, error)
	// FindCall returns one line of a list, ENOTFOUND if none.
	FindCall(ctx context.Context, id int64) (*Call, error)
	// PhonebankProgress counts where a phonebank's list stands now.
	PhonebankProgress(ctx context.Context, phonebankID int64) (*PhonebankProgress, error)
	// CalledSince returns the members and targets called (by any
	// phonebank) since a time.
	CalledSince(ctx context.Context, since time.Time) (members, targets map[int64]bool, err error)
}
