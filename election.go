package rankfile

import (
	"context"
	"strings"
	"time"
)

// Counting methods a contest may use, as the count package and
// `rankfile tally --method` name them.
const (
	MethodIRV      = "irv"      // instant runoff, one seat
	MethodScottish = "scottish" // Scottish STV
	MethodMeek     = "meek"     // Meek STV
)

// Methods lists the counting methods, and the question a referendum puts.
var Methods = []string{MethodIRV, MethodScottish, MethodMeek, MethodQuestion}

// ElectionStatus is where an election stands in its timeline.
type ElectionStatus string

// Election statuses, in the order an election passes through them.
const (
	ElectionUpcoming   ElectionStatus = "upcoming"    // nominations have not opened
	ElectionNominating ElectionStatus = "nominations" // nominations are open
	ElectionPending    ElectionStatus = "pending"     // nominations closed, voting not yet open
	ElectionVoting     ElectionStatus = "voting"      // ballots may be cast
	ElectionClosed     ElectionStatus = "closed"      // voting closed, not yet counted
	ElectionCounted    ElectionStatus = "counted"     // the results are published
)

// ElectionStatuses lists the statuses in timeline order.
var ElectionStatuses = []ElectionStatus{
	ElectionUpcoming, ElectionNominating, ElectionPending, ElectionVoting, ElectionClosed, ElectionCounted,
}

// Election is a vote of an electorate on one or more contests, each filling
// seats from ranked ballots.
type Election struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	// Rules is the election's rules text, in markdown.
	Rules string `json:"rules"`
	// BodyID is the body whose members in good standing on Cutoff make up
	// the electorate.
	BodyID int64 `json:"body_id"`
	Cutoff Date  `json:"cutoff"`

	NominationsOpen  time.Time `json:"nominations_open"`
	NominationsClose time.Time `json:"nominations_close"`
	VotingOpen       time.Time `json:"voting_open"`
	VotingClose      time.Time `json:"voting_close"`

	// Seconders is how many members in good standing must second a
	// nomination.
	Seconders int `json:"seconders"`
	// RecordPublic makes the public record (ballots and results) visible
	// to anyone, not only to members.
	RecordPublic bool `json:"record_public"`
	// Seed seeds the lot that breaks ties the rule leaves to chance. It is
	// fixed when the election is made and published with the results.
	Seed string `json:"seed"`

	Contests []*Contest `json:"contests"`
	// AdminIDs are the members who run the election: its committee.
	AdminIDs []int64 `json:"-"`

	// RollSize is the number of members on the frozen roll; 0 until the
	// roll is frozen at the cut-off.
	RollSize int `json:"electorate"`
	// RollFrozenAt is when the roll was frozen.
	RollFrozenAt time.Time `json:"roll_frozen_at,omitzero"`
	// CountedAt is when the count was run and the results published.
	CountedAt time.Time `json:"counted_at,omitzero"`
	CreatedAt time.Time `json:"created_at"`
}

// Timeline is the deadlines an election's committee may extend.
type Timeline struct {
	NominationsClose, VotingOpen, VotingClose time.Time
}

// Contest is one choice on an election's ballot: seats filled by one method.
type Contest struct {
	ID         int64  `json:"id"`
	ElectionID int64  `json:"election_id"`
	Title      string `json:"title"`
	Seats      int    `json:"seats"`
	Method     string `json:"method"`
	// Constraints reserve seats, each "TAG>=N" or "TAG<=N" as
	// `rankfile tally --require` takes them; STV methods only.
	Constraints []string `json:"constraints,omitempty"`
	// Threshold is, for a question, the share of the votes cast for an
	// option that the proposition needs: a majority ("" says the same),
	// two thirds or three quarters, as a meeting's votes have them.
	Threshold Threshold `json:"threshold,omitempty"`
	// Candidates are those standing, or a question's options.
	Candidates []*Candidate `json:"candidates"`
}

// StatusAt says where the election stands at time t.
func (e *Election) StatusAt(t time.Time) ElectionStatus {
	switch {
	case !e.CountedAt.IsZero():
		return ElectionCounted
	case !t.Before(e.VotingClose):
		return ElectionClosed
	case !t.Before(e.VotingOpen):
		return ElectionVoting
	case !t.Before(e.NominationsClose):
		return ElectionPending
	case !t.Before(e.NominationsOpen):
		return ElectionNominating
	}
	return ElectionUpcoming
}

// RollDue reports whether the election's roll is to be frozen on day
// today: its cut-off has come and it has not been.
func (e *Election) RollDue(today Date) bool {
	return e.RollFrozenAt.IsZero() && !today.Before(e.Cutoff)
}

// CheckVotingOpen refuses a ballot cast at time t outside the voting
// period, or once the election is counted.
func (e *Election) CheckVotingOpen(t time.Time) error {
	switch e.StatusAt(t) {
	case ElectionVoting:
		return nil
	case ElectionClosed, ElectionCounted:
		return Errorf(ECONFLICT, "voting in %s has closed", e.Title)
	}
	return Errorf(ECONFLICT, "voting in %s has not opened yet", e.Title)
}

// ParseElectionStatus reads a status as a filter names it.
func ParseElectionStatus(s string) (ElectionStatus, error) {
	for _, known := range ElectionStatuses {
		if ElectionStatus(s) == known {
			return known, nil
		}
	}
	return "", Errorf(EINVALID, "unknown election status %q", s)
}

// Validate checks an election's set-up: a title, an electorate, a
// timeline in order with the cut-off no later than the day voting opens,
// and contests that can be counted.
func (e *Election) Validate(zone *time.Location) error {
	switch {
	case strings.TrimSpace(e.Title) == "":
		return Errorf(EINVALID, "an election needs a title")
	case e.BodyID == 0:
		return Errorf(EINVALID, "an election needs an electorate: the body whose members vote")
	case e.Cutoff.IsZero():
		return Errorf(EINVALID, "an election needs a cut-off date for its roll")
	case e.NominationsOpen.IsZero() || e.NominationsClose.IsZero() || e.VotingOpen.IsZero() || e.VotingClose.IsZero():
		return Errorf(EINVALID, "an election needs the times nominations and voting open and close")
	case !e.NominationsOpen.Before(e.NominationsClose):
		return Errorf(EINVALID, "nominations must open before they close")
	case e.VotingOpen.Before(e.NominationsClose):
		return Errorf(EINVALID, "voting must open once nominations have closed")
	case !e.VotingOpen.Before(e.VotingClose):
		return Errorf(EINVALID, "voting must open before it closes")
	case e.Cutoff.After(DateOf(e.VotingOpen.In(zone))):
		return Errorf(EINVALID, "the roll's cut-off, %s, must come no later than the day voting opens", e.Cutoff)
	case e.Seconders < 0:
		return Errorf(EINVALID, "seconders cannot be negative")
	case len(e.Contests) == 0:
		return Errorf(EINVALID, "an election needs at least one contest")
	}
	if err := CheckTimes("an election's times", e.NominationsOpen, e.NominationsClose, e.VotingOpen, e.VotingClose); err != nil {
		return err
	}
	if err := CheckDates("an election's cut-off", e.Cutoff); err != nil {
		return err
	}
	for _, c := range e.Contests {
		if err := c.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks that a contest can be counted: seats to fill and a
// method that fills that many. Constraints are checked by the count.
func (c *Contest) Validate() error {
	switch {
	case strings.TrimSpace(c.Title) == "":
		return Errorf(EINVALID, "a contest needs a title")
	case c.Seats < 1:
		return Errorf(EINVALID, "contest %q: a contest fills at least one seat", c.Title)
	case c.Method == MethodIRV && c.Seats != 1:
		return Errorf(EINVALID, "contest %q: instant runoff fills one seat; use scottish or meek for %d", c.Title, c.Seats)
	case c.Method == MethodIRV && len(c.Constraints) > 0:
		return Errorf(EINVALID, "contest %q: reserved seats need an STV method", c.Title)
	case c.IsQuestion():
		return c.validateQuestion()
	case c.Threshold != "":
		return Errorf(EINVALID, "contest %q: only a question has a threshold", c.Title)
	}
	for _, m := range Methods {
		if c.Method == m {
			return nil
		}
	}
	return Errorf(EINVALID, "contest %q: unknown method %q (want irv, scottish, meek or question)", c.Title, c.Method)
}

// Contest returns the election's contest with the id, or nil.
func (e *Election) Contest(id int64) *Contest {
	for _, c := range e.Contests {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// ElectionFilter selects elections. Zero fields do not filter.
type ElectionFilter struct {
	Status ElectionStatus
	// At is the time statuses are judged at.
	At time.Time
	// Brief reads the elections alone, without their committee, contests
	// and candidates: for a list that shows titles and times.
	Brief bool
}

// Turnout is how many of those on an election's roll have voted.
type Turnout struct {
	Voted      int `json:"voted"`
	Electorate int `json:"electorate"`
}

// Percent is the turnout in whole percent, rounded half up, for reading;
// 0 for an empty roll.
func (t Turnout) Percent() int {
	if t.Electorate == 0 {
		return 0
	}
	return (200*t.Voted + t.Electorate) / (2 * t.Electorate)
}

// RollEntry says whether a member is on an election's roll and has voted.
type RollEntry struct {
	OnRoll bool
	Voted  bool
}

// ElectionService stores elections, their rolls and ballot boxes.
type ElectionService interface {
	// CreateElection stores an election with its contests and admins and
	// sets its id, its contests' ids and, when empty, a random seed.
	CreateElection(ctx context.Context, e *Election) error

	// UpdateElection changes an election's set-up and contests (those
	// without an id are added, those left out removed). ECONFLICT once
	// nominations have opened.
	UpdateElection(ctx context.Context, e *Election) error

	// ExtendElection moves deadlines that have not passed later, once
	// nominations have opened; zero times stay as they are.
	ExtendElection(ctx context.Context, electionID int64, t Timeline) error

	// FindElection returns one election with its contests and candidates.
	FindElection(ctx context.Context, id int64) (*Election, error)

	// FindElections returns elections, newest voting first.
	FindElections(ctx context.Context, f ElectionFilter) ([]*Election, error)

	// AddCandidate puts a member forward in a contest.
	AddCandidate(ctx context.Context, c *Candidate) error

	// SetCandidateStatus accepts or withdraws a candidate. ECONFLICT once
	// voting has opened.
	SetCandidateStatus(ctx context.Context, candidateID int64, status string) error

	// SetStatement changes a candidate's statement and declared tags.
	// ECONFLICT once voting has opened.
	SetStatement(ctx context.Context, candidateID int64, statement string, tags []string) error

	// Second records that a member seconds a nomination. ECONFLICT when
	// they have already.
	Second(ctx context.Context, candidateID, memberID int64) error

	// SecondedBy returns the candidates of an election a member has
	// seconded.
	SecondedBy(ctx context.Context, electionID, memberID int64) (map[int64]bool, error)

	// SetPhoto stores a candidate's photo as JPEG, or removes it (empty).
	// ECONFLICT once voting has opened.
	SetPhoto(ctx context.Context, candidateID int64, jpeg []byte) error

	// Photo returns a candidate's photo. ENOTFOUND when there is none.
	Photo(ctx context.Context, candidateID int64) ([]byte, error)

	// FreezeRoll puts the members on the election's roll, once: a roll
	// already frozen is left as it is and ECONFLICT returned.
	FreezeRoll(ctx context.Context, electionID int64, memberIDs []int64) error

	// Roll says whether a member is on the roll and has voted.
	Roll(ctx context.Context, electionID, memberID int64) (RollEntry, error)

	// CastBallot marks the member as voted and puts the ballot in the box,
	// in one transaction, under a random id with only the day. ECONFLICT
	// when the member has voted already, EFORBIDDEN when they are not on
	// the roll.
	CastBallot(ctx context.Context, electionID, memberID int64, b *Ballot, receiptHash string) error

	// BallotBox returns the ballots cast, in the order of their random ids.
	BallotBox(ctx context.Context, electionID int64) ([]*StoredBallot, error)

	// Voted returns the number of members on the roll who have voted.
	Voted(ctx context.Context, electionID int64) (int, error)

	// PublishResult stores the count's result and marks the election
	// counted; ECONFLICT when it was counted already.
	PublishResult(ctx context.Context, electionID int64, result []byte) error

	// Result returns the stored result of a counted election.
	Result(ctx context.Context, electionID int64) ([]byte, error)

	// QueueMailing queues in the outbox, once, an election's email of a
	// kind (one of the Mail kinds) to each member on its roll (for the
	// reminder, each who has not voted), and returns how many it queued:
	// none when it was queued already.
	QueueMailing(ctx context.Context, electionID int64, kind string) (int, error)
}

// ElectorateFilter selects the members an election's roll is made of:
// those in good standing on the cut-off in the electorate's body (see
// MembersOf).
func ElectorateFilter(body *Body, cutoff Date) MemberFilter {
	f := MembersOf(body, cutoff)
	f.Standing = StandingGood
	return f
}

// MembersOf selects a body's members on day d, in any standing: every
// member for the national organization, those placed in a chapter for a
// chapter (all of them in an installation of one chapter), a branch's members
// for a branch, and the members of any other body (those holding a
// position in it on d). They are who may be checked in at its meetings.
func MembersOf(body *Body, d Date) MemberFilter {
	f := MemberFilter{AsOf: d, Brief: true}
	switch body.Kind {
	case KindNational:
	case KindChapter:
		f.ChapterID = body.ID
	case KindBranch:
		f.BranchSlug = body.Slug
	default:
		f.BodyID = body.ID
	}
	return f
}
