package rankfile

import (
	"context"
	"strings"
	"time"
)

// The outbox: every email rankfile owes someone about an event is first a
// notice, stored in the same transaction as the change that owes it, so
// that a registration acknowledged is a confirmation that will be sent.
// A sender turns notices into messages and marks each sent.
//
// A notice is sent at most once. It is marked as being sent before it
// goes to the SMTP server and as sent after; one found still marked as
// being sent (the server was killed in between) may or may not have gone
// out, so it is held for a person to send again rather than sent twice.

// NoticeKind is what a notice tells.
type NoticeKind string

// Notice kinds.
const (
	NoticeConfirm    NoticeKind = "confirm"    // asks a guest to confirm their registration
	NoticeRegistered NoticeKind = "registered" // a seat, with the details and an .ics file
	NoticeWaitlisted NoticeKind = "waitlisted" // on the waitlist, at which place
	NoticePromoted   NoticeKind = "promoted"   // off the waitlist into a seat
	NoticeReminder   NoticeKind = "reminder"   // the day before
	NoticeMoved      NoticeKind = "moved"      // the time or place changed
	NoticeCancelled  NoticeKind = "cancelled"  // the event is cancelled
	NoticeWeekly     NoticeKind = "weekly"     // the weekly email

	// NoticeTermEnding tells a body's leaders that a term in one of its
	// seats ends within TermNoticeDays.
	NoticeTermEnding NoticeKind = "term_ending"
	// A meeting's notices go to the members of its body.
	NoticeMeetingMoved     NoticeKind = "meeting_moved"     // its time or place changed
	NoticeMeetingCancelled NoticeKind = "meeting_cancelled" // it is called off
	// NoticeFollowUp tells an organizer of the follow-ups due today.
	NoticeFollowUp NoticeKind = "follow_up"
)

// NoticeState is where a notice is in being sent.
type NoticeState string

// Notice states.
const (
	NoticePending NoticeState = "pending" // to be sent at NextAt
	NoticeSending NoticeState = "sending" // handed to the mail server now
	NoticeSent    NoticeState = "sent"
	NoticeHeld    NoticeState = "held"    // interrupted while being sent: a person decides
	NoticeFailed  NoticeState = "failed"  // refused for good, or out of retries
	NoticeDropped NoticeState = "dropped" // no longer worth sending (the event is over)
)

// Notice is an email owed to one person: a member or a contact.
type Notice struct {
	ID             int64      `json:"id"`
	Kind           NoticeKind `json:"kind"`
	EventID        int64      `json:"event_id,omitempty"`
	RegistrationID int64      `json:"registration_id,omitempty"`
	MemberID       int64      `json:"member_id,omitempty"`
	ContactID      int64      `json:"contact_id,omitempty"`
	WeeklyID       int64      `json:"weekly_id,omitempty"`
	MeetingID      int64      `json:"meeting_id,omitempty"`
	// ElectionID is the election whose email it is (NoticeElection).
	ElectionID int64 `json:"election_id,omitempty"`
	// ProposalID is the proposal whose email it is (NoticeProposal).
	ProposalID int64       `json:"proposal_id,omitempty"`
	State      NoticeState `json:"state"`
	Attempts   int         `json:"attempts"`
	NextAt     time.Time   `json:"next_at"`
	LastError  string      `json:"last_error,omitempty"`
	CreatedAt  time.Time   `json:"created_at"`
	SentAt     time.Time   `json:"sent_at,omitzero"`

	// PositionID is the position whose term ends, for NoticeTermEnding.
	PositionID int64 `json:"position_id,omitempty"`
}

// Retry policy: the wait doubles from the first to the longest, and a
// notice is given up after the last attempt.
const (
	NoticeFirstRetry  = time.Minute
	NoticeLongestWait = 6 * time.Hour
	NoticeAttempts    = 10
)

// NoticeRetryAt returns when to try a notice again after its attempts so
// far failed, or the zero time when it has had all its attempts.
func NoticeRetryAt(now time.Time, attempts int) time.Time {
	if attempts >= NoticeAttempts {
		return time.Time{}
	}
	wait := NoticeFirstRetry
	for i := 1; i < attempts && wait < NoticeLongestWait; i++ {
		wait *= 2
	}
	return now.Add(min(wait, NoticeLongestWait))
}

// OutboxCounts counts notices in each state.
type OutboxCounts map[NoticeState]int

// OutboxService stores notices and their sending.
type OutboxService interface {
	// Claim marks up to limit notices due at now as being sent, oldest
	// first but the weekly email's copies after the rest, and returns
	// them. Notices found still being sent from before leaseStart (a
	// sender that died) are held.
	Claim(ctx context.Context, limit int, leaseStart time.Time) ([]*Notice, error)
	// Sent records a notice sent.
	Sent(ctx context.Context, id int64) error
	// Failed records a failed attempt: to try again at retryAt, or, when
	// it is zero, never (state failed).
	Failed(ctx context.Context, id int64, reason string, retryAt time.Time) error
	// Drop records a notice no longer worth sending.
	Drop(ctx context.Context, id int64, reason string) error
	// Release puts a held or failed notice back to be sent now.
	Release(ctx context.Context, id int64) error
	// Counts counts notices by state.
	Counts(ctx context.Context) (OutboxCounts, error)
	// FindNotices lists notices in the states given, newest first.
	FindNotices(ctx context.Context, states []NoticeState, limit int) ([]*Notice, error)
}

// mailingKind is the kind of mailing (an election's, a proposal's) a
// notice's kind names after prefix; "" for a notice of another kind.
func mailingKind(k NoticeKind, prefix string) string {
	kind, ok := strings.CutPrefix(string(k), prefix)
	if !ok {
		return ""
	}
	return kind
}

// NoticeKinds is every kind of notice, for the pages that name them (the
// outbox's, in both languages).
var NoticeKinds = []NoticeKind{
	NoticeConfirm, NoticeRegistered, NoticeWaitlisted, NoticePromoted, NoticeReminder, NoticeMoved,
	NoticeCancelled, NoticeWeekly, NoticeTermEnding, NoticeMeetingMoved, NoticeMeetingCancelled,
	NoticeFollowUp, NoticeQualificationLapsing, NoticeCourseNotOffered, NoticeFeedback, NoticeWelcome,
	NoticeOrientationInvite,
	NoticeElection(MailOpening), NoticeElection(MailReminder), NoticeElection(MailResults),
	NoticeProposal(MailProposalQualified), NoticeProposal(MailProposalScheduled), NoticeProposal(MailProposalDecided),
}
