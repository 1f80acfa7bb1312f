package rankfile

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Meetings: where the chapter and its bodies decide. A chapter's local
// meeting is usually "branched": one session in each branch at the same
// time, whose attendance and votes together are the meeting's.

// MeetingKind is what sort of meeting a meeting is.
type MeetingKind string

// Meeting kinds.
const (
	MeetingChapter    MeetingKind = "chapter"    // a chapter's local meeting
	MeetingBranch     MeetingKind = "branch"     // a branch's own meeting
	MeetingBody       MeetingKind = "body"       // a committee's or working group's
	MeetingConvention MeetingKind = "convention" // the chapter's convention
)

// MeetingKinds lists the kinds in the order forms offer them.
var MeetingKinds = []MeetingKind{MeetingChapter, MeetingBranch, MeetingBody, MeetingConvention}

// MeetingFormat is where members meet.
type MeetingFormat string

// Meeting formats.
const (
	InPerson MeetingFormat = "in_person"
	Online   MeetingFormat = "online"
	Hybrid   MeetingFormat = "hybrid"
)

// Quorum is how many members in good standing must be checked in, across
// all sessions, for the meeting to decide: a number, or a percentage of
// the body's members in good standing (the larger, when both are set).
type Quorum struct {
	Count   int `json:"count,omitempty"`
	Percent int `json:"percent,omitempty"`
}

// Needed is the quorum for a body of members in good standing, rounding
// a percentage up.
func (q Quorum) Needed(members int) int {
	return max(q.Count, (members*q.Percent+99)/100)
}

// Meeting is a meeting of a body, held in one or more sessions.
type Meeting struct {
	ID       int64       `json:"id"`
	BodyID   int64       `json:"body_id"`
	Kind     MeetingKind `json:"kind"`
	Title    string      `json:"title"`
	StartsAt time.Time   `json:"starts_at"`
	// EndsAt is when the meeting is planned to end; zero when not said.
	EndsAt time.Time     `json:"ends_at,omitzero"`
	Format MeetingFormat `json:"format"`
	Quorum Quorum        `json:"quorum"`
	// Sessions are the meeting's simultaneous sessions: one for an
	// ordinary meeting, one a branch for a branched one.
	Sessions []*MeetingSession `json:"sessions"`
	// Agenda lists the items in order.
	Agenda    []*AgendaItem `json:"agenda"`
	CreatedAt time.Time     `json:"created_at"`
	// Minutes are the record the recording secretary writes, in
	// markdown; members see them once a later meeting approved them.
	Minutes Minutes `json:"minutes"`
	// CancelledAt is when the meeting was called off, and CancelReason
	// why; a cancelled meeting holds no votes and changes no more.
	CancelledAt  time.Time `json:"cancelled_at,omitzero"`
	CancelReason string    `json:"cancel_reason,omitempty"`
}

// MeetingLasts is how long after its start a meeting without an end
// counts as under way.
const MeetingLasts = 6 * time.Hour

// Over reports whether the meeting is over at now: past its end, or
// MeetingLasts past its start when it has none.
func (m *Meeting) Over(now time.Time) bool {
	end := m.EndsAt
	if end.IsZero() {
		end = m.StartsAt.Add(MeetingLasts)
	}
	return now.After(end)
}

// Cancelled reports whether the meeting was called off.
func (m *Meeting) Cancelled() bool { return !m.CancelledAt.IsZero() }

// ChairID is who chairs the meeting as a whole, opening and closing its
// votes: the chair of its first session, the one that calls it to order.
func (m *Meeting) ChairID() int64 {
	if len(m.Sessions) == 0 {
		return 0
	}
	return m.Sessions[0].ChairID
}

// ErrMeetingNotStarted refuses a vote before its meeting's time: members
// still on their way would miss it. Pages show it in the reader's
// language.
var ErrMeetingNotStarted = Errorf(ECONFLICT, "the meeting has not started yet: a vote opens once the meeting's time has come")

// CheckVoteOpens refuses to open a vote of the meeting at now: before it
// starts, or once it was cancelled.
func (m *Meeting) CheckVoteOpens(now time.Time) error {
	switch {
	case m.Cancelled():
		return Errorf(ECONFLICT, "the meeting was cancelled")
	case now.Before(m.StartsAt):
		return ErrMeetingNotStarted
	}
	return nil
}

// CheckChangeable refuses to change a meeting that was cancelled.
func (m *Meeting) CheckChangeable() error {
	if m.Cancelled() {
		return Errorf(ECONFLICT, "the meeting was cancelled: it changes no more")
	}
	return nil
}

// MovedFrom reports whether the meeting's time or any session's place or
// link differs from old's: what members are told about.
func (m *Meeting) MovedFrom(old *Meeting) bool {
	if !m.StartsAt.Equal(old.StartsAt) || !m.EndsAt.Equal(old.EndsAt) || len(m.Sessions) != len(old.Sessions) {
		return true
	}
	for i, s := range m.Sessions {
		if o := old.Sessions[i]; s.Place != o.Place || s.Link != o.Link || s.Name != o.Name {
			return true
		}
	}
	return false
}

// maxCancelReason bounds the reason a meeting is cancelled.
const maxCancelReason = 1000

// CheckCancelReason checks the reason given for calling a meeting off:
// members are told it.
func CheckCancelReason(reason string) error {
	if r := strings.TrimSpace(reason); r == "" || utf8.RuneCountInString(r) > maxCancelReason {
		return Errorf(EINVALID, "say why the meeting is cancelled, in at most %d characters", maxCancelReason)
	}
	return nil
}

// Minutes are a meeting's written record.
type Minutes struct {
	Text      string    `json:"text,omitempty"`
	By        string    `json:"by,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
	// ApprovedAt is when the meeting ApprovedIn approved them.
	ApprovedAt time.Time `json:"approved_at,omitzero"`
	ApprovedIn int64     `json:"approved_in,omitempty"`
}

// maxMinutes bounds the minutes' text.
const maxMinutes = 100_000

// CheckMinutes checks minutes' text before it is saved.
func CheckMinutes(text string) error {
	if strings.TrimSpace(text) == "" || len(text) > maxMinutes {
		return Errorf(EINVALID, "minutes need a text of at most %d characters", maxMinutes)
	}
	return nil
}

// SessionField names a field of a meeting's i-th session (from 0), as
// forms name it and a FieldError about it says: "session-0-chair".
func SessionField(i int, name string) string {
	return "session-" + strconv.Itoa(i) + "-" + name
}

// MeetingSession is one of a meeting's simultaneous sessions, with its
// own chair, secretary and place or link, and the short code members
// check themselves in with.
type MeetingSession struct {
	ID          int64  `json:"id"`
	MeetingID   int64  `json:"meeting_id"`
	Name        string `json:"name"`
	BranchID    int64  `json:"branch_id,omitempty"`
	ChairID     int64  `json:"chair_id,omitempty"`
	SecretaryID int64  `json:"secretary_id,omitempty"`
	Place       string `json:"place,omitempty"`
	Link        string `json:"link,omitempty"`
	// Code is shown in the room (or the call): members type it to check
	// themselves in. Only hosts see it through rankfile.
	Code string `json:"code,omitempty"`
}

// Hosts reports whether the member chairs or keeps the record of the
// session: who checks members in.
func (s *MeetingSession) Hosts(memberID int64) bool {
	return memberID != 0 && (s.ChairID == memberID || s.SecretaryID == memberID)
}

// AgendaKind is what an agenda item is.
type AgendaKind string

// Agenda item kinds.
const (
	AgendaReport   AgendaKind = "report"
	AgendaProposal AgendaKind = "proposal" // a qualified proposal, which takes the meeting's decision
	AgendaElection AgendaKind = "election"
	AgendaMotion   AgendaKind = "motion" // from the floor
)

// AgendaItem is an item of a meeting's agenda.
type AgendaItem struct {
	ID         int64      `json:"id"`
	Position   int        `json:"position"`
	Kind       AgendaKind `json:"kind"`
	Title      string     `json:"title"`
	ProposalID int64      `json:"proposal_id,omitempty"`
}

// Limits on what a meeting holds.
const (
	maxMeetingTitle    = 200
	maxMeetingSessions = 20
	// MaxAgendaItems bounds an agenda.
	MaxAgendaItems = 100
)

// Validate checks a meeting before it is stored.
func (m *Meeting) Validate() error {
	m.Title = strings.TrimSpace(m.Title)
	switch {
	case m.BodyID == 0:
		return Errorf(EINVALID, "a meeting is a meeting of a body")
	case !slices.Contains(MeetingKinds, m.Kind):
		return Errorf(EINVALID, "unknown kind of meeting %q", m.Kind)
	case !slices.Contains([]MeetingFormat{InPerson, Online, Hybrid}, m.Format):
		return Errorf(EINVALID, "a meeting is in person, online or hybrid, not %q", m.Format)
	case m.Title == "" || utf8.RuneCountInString(m.Title) > maxMeetingTitle:
		return Errorf(EINVALID, "a meeting needs a title of at most %d characters", maxMeetingTitle)
	case m.StartsAt.IsZero():
		return Errorf(EINVALID, "a meeting needs a time")
	case !m.EndsAt.IsZero() && !m.EndsAt.After(m.StartsAt):
		return Errorf(EINVALID, "a meeting ends after it starts")
	case m.Quorum.Count < 0 || m.Quorum.Percent < 0 || m.Quorum.Percent > 100:
		return Errorf(EINVALID, "a quorum is a number of members or a percentage of 0 to 100")
	case len(m.Sessions) == 0 || len(m.Sessions) > maxMeetingSessions:
		return Errorf(EINVALID, "a meeting has 1 to %d sessions", maxMeetingSessions)
	case len(m.Agenda) > MaxAgendaItems:
		return Errorf(EINVALID, "an agenda has at most %d items", MaxAgendaItems)
	}
	if err := CheckTimes("a meeting's time", m.StartsAt); err != nil {
		return err
	}
	if err := CheckTimes("a meeting's end", m.EndsAt); err != nil && !m.EndsAt.IsZero() {
		return err
	}
	for _, s := range m.Sessions {
		if s.Name = strings.TrimSpace(s.Name); s.Name == "" {
			return Errorf(EINVALID, "each session needs a name")
		}
	}
	for i, item := range m.Agenda {
		item.Position = i + 1
		if err := item.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// AgendaKinds lists the kinds of agenda items in the order forms offer
// them.
var AgendaKinds = []AgendaKind{AgendaReport, AgendaMotion, AgendaElection, AgendaProposal}

// maxAgendaTitle bounds an agenda item's title.
const maxAgendaTitle = 300

// Validate checks an agenda item before it is stored; Position says which
// item it is in the errors.
func (item *AgendaItem) Validate() error {
	item.Title = strings.TrimSpace(item.Title)
	switch {
	case item.Title == "" || utf8.RuneCountInString(item.Title) > maxAgendaTitle:
		return Errorf(EINVALID, "agenda item %d needs a title of at most %d characters", item.Position, maxAgendaTitle)
	case !slices.Contains(AgendaKinds, item.Kind):
		return Errorf(EINVALID, "agenda item %d: unknown kind %q", item.Position, item.Kind)
	case (item.Kind == AgendaProposal) != (item.ProposalID != 0):
		return Errorf(EINVALID, "agenda item %d: a proposal item names its proposal, and only it does", item.Position)
	}
	return nil
}

// AgendaItem returns the meeting's agenda item with the id, or nil.
func (m *Meeting) AgendaItem(id int64) *AgendaItem {
	for _, item := range m.Agenda {
		if item.ID == id {
			return item
		}
	}
	return nil
}

// Session returns the meeting's session with the id, or nil.
func (m *Meeting) Session(id int64) *MeetingSession {
	for _, s := range m.Sessions {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// NormalizeCode turns a check-in code as someone typed it (any case, any
// spaces) into the form codes are kept in.
func NormalizeCode(typed string) string {
	return strings.ToUpper(strings.Join(strings.Fields(typed), ""))
}

// SessionByCode returns the session whose code a member typed, in any
// case and with any spaces, or nil.
func (m *Meeting) SessionByCode(typed string) *MeetingSession {
	code := NormalizeCode(typed)
	for _, s := range m.Sessions {
		if code != "" && s.Code == code {
			return s
		}
	}
	return nil
}

// Attendance is a member checked into a session.
type Attendance struct {
	SessionID   int64     `json:"session_id"`
	MemberID    int64     `json:"member_id"`
	Name        string    `json:"name"`
	CheckedInAt time.Time `json:"checked_in_at"`
	// By is who checked them in: a host's name, or "" when the member
	// used the session's code.
	By string `json:"by,omitempty"`
	// Good is whether they are in good standing today: only they vote and
	// count towards the quorum.
	Good bool `json:"good"`
}

// SessionCount is how many members are checked into a session, and how
// many of them are in good standing.
type SessionCount struct {
	SessionID int64 `json:"session_id"`
	Present   int   `json:"present"`
	Good      int   `json:"good"`
}

// MeetingFilter selects meetings. Zero fields do not filter.
type MeetingFilter struct {
	ID     int64
	BodyID int64
	// ProposalID selects the meetings whose agenda holds the proposal.
	ProposalID int64
	// StartsFrom, when not zero, selects the meetings starting at or after
	// it, and also, when MinutesFrom is not zero, those whose minutes were
	// approved at or after MinutesFrom: what a member's home speaks of.
	StartsFrom  time.Time
	MinutesFrom time.Time
}

// MeetingService stores meetings and who attends them.
type MeetingService interface {
	// CreateMeeting stores a meeting with its sessions (each given a code)
	// and agenda, and takes schedule, when not nil, for each proposal on
	// the agenda, all in one transaction: a proposal no longer in the
	// step's From status refuses the whole meeting (ECONFLICT).
	CreateMeeting(ctx context.Context, m *Meeting, schedule *ProposalStep) error
	// UpdateMeeting changes a meeting's title, times, quorum and sessions
	// (a session without an id is added; one left out is removed, unless
	// members checked into it: ECONFLICT). When tell is not empty, each
	// member it names is sent notice of the move, in the same transaction.
	UpdateMeeting(ctx context.Context, m *Meeting, tell []int64) error
	// CancelMeeting calls a meeting off with the reason, takes unschedule
	// for each proposal on its agenda still scheduled, and tells the
	// members named, all in one transaction. A meeting already cancelled,
	// or one that has held a vote, is refused (ECONFLICT).
	CancelMeeting(ctx context.Context, id int64, reason string, unschedule *ProposalStep, tell []int64) error
	// AddAgendaItem adds an item at the end of a meeting's agenda; a
	// proposal's item takes the proposal the step schedule, in the same
	// transaction.
	AddAgendaItem(ctx context.Context, meetingID int64, item *AgendaItem, schedule *ProposalStep) error
	// MoveAgendaItem moves an item one place up (by -1) or down (by 1).
	// Moving the first up or the last down changes nothing.
	MoveAgendaItem(ctx context.Context, meetingID, itemID int64, by int) error
	// RemoveAgendaItem takes an item off the agenda, and its proposal back
	// by the step unschedule; an item voted on stays (ECONFLICT).
	RemoveAgendaItem(ctx context.Context, meetingID, itemID int64, unschedule *ProposalStep) error
	// FindMeetings returns meetings, soonest last, with sessions and agenda.
	FindMeetings(ctx context.Context, f MeetingFilter) ([]*Meeting, error)
	// CheckIn checks a member into a session of a meeting. A member is in
	// one session of a meeting: checking into another is refused.
	CheckIn(ctx context.Context, meetingID, sessionID, memberID int64) error
	// Attendance lists who is checked into the meeting's sessions.
	Attendance(ctx context.Context, meetingID int64) ([]*Attendance, error)
	// Attendee returns a member's attendance at a meeting, or nil when
	// they are not checked in.
	Attendee(ctx context.Context, meetingID, memberID int64) (*Attendance, error)
	// SessionCounts counts each session's attendance.
	SessionCounts(ctx context.Context, meetingID int64) ([]SessionCount, error)
	// SaveMinutes stores the text of a meeting's minutes, until they are
	// approved.
	SaveMinutes(ctx context.Context, meetingID int64, text string) error
	// ApproveMinutes records that a later meeting approved the minutes.
	ApproveMinutes(ctx context.Context, meetingID, atMeetingID int64) error
	// MemberAttendance lists the meetings a member attended, latest first.
	MemberAttendance(ctx context.Context, memberID int64) ([]*AttendedMeeting, error)
}

// AttendedMeeting is a meeting in a member's history: which session they
// attended.
type AttendedMeeting struct {
	MeetingID   int64     `json:"meeting_id"`
	Title       string    `json:"title"`
	StartsAt    time.Time `json:"starts_at"`
	Session     string    `json:"session"`
	CheckedInAt time.Time `json:"checked_in_at"`
}
