package rankfile

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Votes at meetings: the chair opens a vote on an agenda item, members
// checked in and in good standing vote on their phones (or in the room,
// counted by the session's secretary), the chair closes it, and the
// result is published per session and combined.

// VoteKind is what a meeting's vote asks.
type VoteKind string

// Vote kinds.
const (
	VoteYesNo  VoteKind = "yes_no" // yes, no or abstain
	VoteChoice VoteKind = "choice" // one of several options, or abstain
	VoteRanked VoteKind = "ranked" // options ranked, counted by the counting engine
)

// VoteKinds lists the kinds in the order forms offer them.
var VoteKinds = []VoteKind{VoteYesNo, VoteChoice, VoteRanked}

// Threshold is the share of the votes cast, abstentions excluded, that
// carries a yes/no vote or chooses an option.
type Threshold string

// Thresholds.
const (
	ThresholdMajority      Threshold = "majority"       // more than half
	ThresholdTwoThirds     Threshold = "two_thirds"     // at least two thirds
	ThresholdThreeQuarters Threshold = "three_quarters" // at least three quarters
	ThresholdPlurality     Threshold = "plurality"      // the most votes (choices only)
)

// Thresholds lists the thresholds in the order forms offer them.
var Thresholds = []Threshold{ThresholdMajority, ThresholdTwoThirds, ThresholdThreeQuarters, ThresholdPlurality}

// Needed returns the fewest votes that meet the threshold out of cast,
// found by Met itself so that the rule lives in one place: 1 when cast is
// 0, as nothing is carried by no votes.
func (t Threshold) Needed(cast int) int {
	return sort.Search(cast, func(votes int) bool { return t.Met(votes+1, cast) }) + 1
}

// Met reports whether votes for, out of cast (abstentions excluded), meet
// the threshold. Nothing is carried by no votes at all. Plurality is
// decided among the options, not here: any vote meets it.
func (t Threshold) Met(votes, cast int) bool {
	if votes <= 0 || cast <= 0 {
		return false
	}
	switch t {
	case ThresholdTwoThirds:
		return votes*3 >= cast*2
	case ThresholdThreeQuarters:
		return votes*4 >= cast*3
	case ThresholdPlurality:
		return true
	default:
		return votes*2 > cast
	}
}

// DefaultThreshold is the threshold a vote on an item takes unless the
// chair sets another: two thirds for amending the bylaws, a majority of
// votes cast for everything else.
func DefaultThreshold(kind ProposalKind) Threshold {
	if kind == ProposalBylaws {
		return ThresholdTwoThirds
	}
	return ThresholdMajority
}

// VoteStatus is whether a vote is taking ballots.
type VoteStatus string

// Vote statuses.
const (
	VoteOpen   VoteStatus = "open"
	VoteClosed VoteStatus = "closed"
)

// MeetingVote is a vote of a meeting, taken in all its sessions at once.
type MeetingVote struct {
	ID           int64    `json:"id"`
	MeetingID    int64    `json:"meeting_id"`
	AgendaItemID int64    `json:"agenda_item_id"`
	Kind         VoteKind `json:"kind"`
	Question     string   `json:"question"`
	// Options are what a choice or ranked vote chooses among; a yes/no
	// vote has none (its options are yes and no).
	Options   []string  `json:"options,omitempty"`
	Seats     int       `json:"seats,omitempty"` // ranked: how many options win
	Threshold Threshold `json:"threshold"`
	// RollCall records each member's vote by name and publishes it; a
	// vote is secret otherwise.
	RollCall bool `json:"roll_call"`
	// ProposalID is the proposal the vote decides, from its agenda item:
	// a yes/no vote on a proposal adopts or rejects it.
	ProposalID int64 `json:"proposal_id,omitempty"`
	// OptionProposals are the resolutions a convention's priorities vote
	// ranks, one for each option: the ranked vote whose close adopts the
	// options it elects as priorities (see Priorities).
	OptionProposals []int64    `json:"option_proposals,omitempty"`
	Status          VoteStatus `json:"status"`
	// Seed seeds the lot that breaks a ranked count's ties; fixed when
	// the vote opens and published with the result.
	Seed     string      `json:"seed,omitempty"`
	OpenedAt time.Time   `json:"opened_at"`
	ClosedAt time.Time   `json:"closed_at,omitzero"`
	Result   *VoteResult `json:"result,omitempty"`
}

// Limits on what a vote holds.
const (
	maxQuestion    = 500
	maxVoteOptions = 30
	maxOptionText  = 200
)

// Validate checks a vote before it opens, filling in defaults.
func (v *MeetingVote) Validate() error {
	v.Question = strings.TrimSpace(v.Question)
	if v.Threshold == "" {
		v.Threshold = ThresholdMajority
	}
	switch {
	case !slices.Contains(VoteKinds, v.Kind):
		return Errorf(EINVALID, "a vote is yes/no, a choice or ranked, not %q", v.Kind)
	case v.Question == "" || utf8.RuneCountInString(v.Question) > maxQuestion:
		return Errorf(EINVALID, "a vote needs a question of at most %d characters", maxQuestion)
	case !slices.Contains(Thresholds, v.Threshold):
		return Errorf(EINVALID, "unknown threshold %q", v.Threshold)
	case v.Kind == VoteYesNo && v.Threshold == ThresholdPlurality:
		return Errorf(EINVALID, "a yes/no vote needs a majority, two thirds or three quarters")
	case v.ProposalID != 0 && v.Kind != VoteYesNo:
		return Errorf(EINVALID, "a proposal is decided by a yes/no vote")
	case v.OptionProposals != nil && (v.Kind != VoteRanked || len(v.OptionProposals) != len(v.Options) || v.RollCall):
		return Errorf(EINVALID, "a priorities vote is a secret ranked vote with a resolution for each option")
	}
	return v.validateOptions()
}

func (v *MeetingVote) validateOptions() error {
	if v.Kind == VoteYesNo {
		v.Options, v.Seats = nil, 0
		return nil
	}
	seen := map[string]bool{}
	for i, o := range v.Options {
		o = strings.TrimSpace(o)
		if o == "" || utf8.RuneCountInString(o) > maxOptionText {
			return Errorf(EINVALID, "option %d needs a text of at most %d characters", i+1, maxOptionText)
		}
		if seen[strings.ToLower(o)] {
			return Errorf(EINVALID, "option %q is there twice", o)
		}
		seen[strings.ToLower(o)], v.Options[i] = true, o
	}
	if len(v.Options) < 2 || len(v.Options) > maxVoteOptions {
		return Errorf(EINVALID, "a vote among options has 2 to %d of them", maxVoteOptions)
	}
	if v.Kind == VoteChoice {
		v.Seats = 0
		return nil
	}
	if v.Seats == 0 {
		v.Seats = 1
	}
	if v.Seats < 1 || v.Seats >= len(v.Options) {
		return Errorf(EINVALID, "a ranked vote fills 1 to %d places from %d options", len(v.Options)-1, len(v.Options))
	}
	return nil
}

// AdoptsPriorities reports whether closing the vote adopts the
// resolutions it elects as a convention's priorities.
func (v *MeetingVote) AdoptsPriorities() bool { return len(v.OptionProposals) > 0 }

// DecidesProposal reports whether closing the vote decides a proposal:
// a yes/no vote on one.
func (v *MeetingVote) DecidesProposal() bool { return v.ProposalID != 0 && v.Kind == VoteYesNo }

// OptionCount is how many options a ballot chooses among.
func (v *MeetingVote) OptionCount() int {
	if v.Kind == VoteYesNo {
		return 2
	}
	return len(v.Options)
}

// The options of a yes/no vote, as ballots name them.
const (
	OptionYes = 0
	OptionNo  = 1
)

// CheckChoice checks a ballot: the options chosen, by index, most
// preferred first. An empty ballot abstains; a yes/no or choice ballot
// names one option; a ranked one ranks any number, each once.
func (v *MeetingVote) CheckChoice(choice []int) error {
	if v.Kind != VoteRanked && len(choice) > 1 {
		return Errorf(EINVALID, "choose one option, or abstain")
	}
	seen := map[int]bool{}
	for _, c := range choice {
		if c < 0 || c >= v.OptionCount() {
			return Errorf(EINVALID, "there is no option %d", c+1)
		}
		if seen[c] {
			return Errorf(EINVALID, "option %d is ranked twice", c+1)
		}
		seen[c] = true
	}
	return nil
}

// VoteTally is the votes of one session, or of all combined.
type VoteTally struct {
	SessionID int64  `json:"session_id,omitempty"`
	Name      string `json:"name"`
	// Counts is the votes for each option: first preferences, for a
	// ranked vote.
	Counts  []int `json:"counts"`
	Abstain int   `json:"abstain"`
	// Room is how many of the votes were counted in the room, by hand or
	// on paper.
	Room int `json:"room"`
}

// Cast is the votes cast, abstentions excluded.
func (t *VoteTally) Cast() int {
	n := 0
	for _, c := range t.Counts {
		n += c
	}
	return n
}

// Voted is how many members voted, abstaining or not.
func (t *VoteTally) Voted() int { return t.Cast() + t.Abstain }

// VoteResult is a closed vote's outcome.
type VoteResult struct {
	Sessions []*VoteTally `json:"sessions"`
	Combined *VoteTally   `json:"combined"`
	// Carried is whether a yes/no vote met its threshold, or whether a
	// choice or ranked vote chose.
	Carried bool `json:"carried"`
	// Winners are the options chosen, in order: one for a choice vote,
	// the places filled for a ranked one.
	Winners []int `json:"winners,omitempty"`
	// Count is a ranked vote's count, round by round, as text.
	Count string `json:"count,omitempty"`
	// Summary says the outcome in a sentence, for the record and the
	// history of the proposal decided.
	Summary string `json:"summary"`
	// Roll lists each member's vote in a roll-call vote.
	Roll []*RollCallEntry `json:"roll,omitempty"`
}

// RollCallEntry is a member's recorded vote in a roll-call vote.
type RollCallEntry struct {
	Name    string `json:"name"`
	Session string `json:"session"`
	Choice  []int  `json:"choice"`
}

// CastBallot is a ballot in a meeting vote's box: the session it was cast
// in, what it chose, and, in a roll-call vote only, who cast it.
type CastBallot struct {
	SessionID int64
	Choice    []int
	Room      bool
	MemberID  int64
	Name      string
}

// VoteProgress is how many members of each session have voted in a vote,
// and how many of them in the room, counted there by the session's hosts.
type VoteProgress struct {
	SessionID int64 `json:"session_id"`
	Voted     int   `json:"voted"`
	Room      int   `json:"room"`
}

// UnheardSessions returns the sessions of m nothing has come in from in a
// vote: no ballot from a phone and no count of the room. In a branched
// meeting that is most often a room whose count is still on paper, or a
// session whose link failed; closing the vote then leaves its members out.
func UnheardSessions(m *Meeting, progress []VoteProgress) []*MeetingSession {
	heard := map[int64]bool{}
	for _, p := range progress {
		heard[p.SessionID] = p.Voted > 0
	}
	var out []*MeetingSession
	for _, s := range m.Sessions {
		if !heard[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// UnheardError refuses to close a vote that sessions have sent nothing
// in, until the chair confirms that it closes without them. It is a
// conflict (see ErrorCode) that names the sessions.
type UnheardError struct {
	Sessions []*MeetingSession
}

// Error says which sessions are unheard.
func (e *UnheardError) Error() string { return e.Unwrap().Error() }

// Unwrap is the conflict the error is, for ErrorCode and ErrorMessage.
func (e *UnheardError) Unwrap() error {
	names := make([]string, len(e.Sessions))
	for i, s := range e.Sessions {
		names[i] = s.Name
	}
	return Errorf(ECONFLICT, "nothing has come in from %s: no ballots and no count of the room. Close the vote anyway only once you are sure, and confirm it",
		strings.Join(names, ", "))
}

// VoteService stores meetings' votes and the ballots cast in them.
type VoteService interface {
	// OpenVote opens a vote; a meeting has one open at a time.
	OpenVote(ctx context.Context, v *MeetingVote) error
	// FindVotes returns a meeting's votes in the order they opened.
	FindVotes(ctx context.Context, meetingID int64) ([]*MeetingVote, error)
	// CastVote records a member's vote, once, in the session they are
	// checked into, if they are in good standing and the vote is open.
	CastVote(ctx context.Context, voteID, memberID int64, choice []int) error
	// CastRoomVotes records votes counted in a session's room: the members
	// who voted there, who cannot vote again, and their ballots (in a
	// roll-call vote, ballots[i] is members[i]'s).
	CastRoomVotes(ctx context.Context, voteID, sessionID int64, members []int64, ballots [][]int) error
	// HasVoted reports whether a member has voted in a vote.
	HasVoted(ctx context.Context, voteID, memberID int64) (bool, error)
	// VotedMembers lists the members who have voted in a vote, for the
	// hosts who count the room.
	VotedMembers(ctx context.Context, voteID int64) ([]int64, error)
	// VoteProgress counts each session's members who have voted.
	VoteProgress(ctx context.Context, voteID int64) ([]VoteProgress, error)
	// CloseVote stops the vote taking ballots and stores the result tally
	// makes of its ballots, in one transaction; the proposal the vote is
	// on, if any, takes the step decide makes of the closed vote, if any,
	// in it too. A nil decide leaves the proposal alone.
	//
	// The priorities adopt makes of the closed vote and its ballots, if
	// any, are adopted in that transaction too (see
	// PrioritiesService.AdoptPriorities); a nil adopt adopts none.
	CloseVote(ctx context.Context, voteID int64, tally func(*MeetingVote, []*CastBallot) (*VoteResult, error),
		decide func(*MeetingVote, *Proposal) *ProposalStep, adopt func(*MeetingVote, []*CastBallot) (*Priorities, error)) (*MeetingVote, error)
}
