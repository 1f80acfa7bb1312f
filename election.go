package rankfile

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
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

// Methods lists the counting methods.
var Methods = []string{MethodIRV, MethodScottish, MethodMeek}

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
	Constraints []string     `json:"constraints,omitempty"`
	Candidates  []*Candidate `json:"candidates"`
}

// Candidate statuses.
const (
	CandidateNominated = "nominated" // waiting for the nominee to accept
	CandidateAccepted  = "accepted"  // on the ballot
	CandidateWithdrawn = "withdrawn" // withdrew; off the ballot
)

// Candidate is a member standing in a contest.
type Candidate struct {
	ID        int64  `json:"id"`
	ContestID int64  `json:"contest_id"`
	MemberID  int64  `json:"member_id"`
	Name      string `json:"name"`
	// Statement is the candidate's statement, in markdown.
	Statement string `json:"statement"`
	// Tags are what the candidate declares of themselves for reserved
	// seats (such as "woman"); they are public.
	Tags   []string `json:"tags"`
	Status string   `json:"status"`
	// NominatedBy is the member who put the candidate forward; 0 when the
	// election's committee did.
	NominatedBy int64 `json:"-"`
	// Seconds is how many members have seconded the nomination; Qualified
	// says whether that is as many as the election asks for.
	Seconds   int  `json:"seconds"`
	Qualified bool `json:"qualified"`
	// HasPhoto says whether the candidate gave a photo.
	HasPhoto bool `json:"has_photo"`
}

// OnBallot reports whether voters may rank the candidate: the nominee
// accepted, and enough members seconded.
func (c *Candidate) OnBallot() bool { return c.Status == CandidateAccepted && c.Qualified }

// Ballot returns the candidates the contest's ballot lists, in the order
// it lists them: paper ballots number them so, and the count names them so.
func (c *Contest) Ballot() []*Candidate {
	var out []*Candidate
	for _, cand := range c.Candidates {
		if cand.OnBallot() {
			out = append(out, cand)
		}
	}
	return out
}

// offBallot says why a candidate is not on the ballot.
func (c *Candidate) offBallot() string {
	switch {
	case c.Status == CandidateNominated:
		return "the nomination was not accepted"
	case c.Status == CandidateAccepted && !c.Qualified:
		return "too few seconders"
	}
	return c.Status
}

// Candidate returns the election's candidate with the id, and its contest.
func (e *Election) Candidate(id int64) (*Contest, *Candidate) {
	for _, c := range e.Contests {
		if cand := c.Candidate(id); cand != nil {
			return c, cand
		}
	}
	return nil, nil
}

// MaxStatement bounds a candidate's statement, in bytes.
const MaxStatement = 20000

// CheckStatement refuses a statement too long, and tags that are empty,
// long or many.
func CheckStatement(statement string, tags []string) error {
	if len(statement) > MaxStatement {
		return Errorf(EINVALID, "a statement may be up to %d characters", MaxStatement)
	}
	if len(tags) > 10 {
		return Errorf(EINVALID, "up to 10 tags")
	}
	for _, t := range tags {
		if t = strings.TrimSpace(t); t == "" || len(t) > 40 || strings.ContainsAny(t, ",\"\n") ||
			strings.ContainsRune(formulaStarts, rune(t[0])) {
			return Errorf(EINVALID, "a tag is a word or two, without commas or quotes, beginning with a letter or digit: %q", t)
		}
	}
	return nil
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
	}
	for _, m := range Methods {
		if c.Method == m {
			return nil
		}
	}
	return Errorf(EINVALID, "contest %q: unknown method %q (want irv, scottish or meek)", c.Title, c.Method)
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

// Ballot is what a voter casts: a ranking of candidates in each contest,
// most preferred first. A contest left out, or ranked empty, is one the
// voter abstains in.
type Ballot struct {
	Rankings map[int64][]int64 `json:"rankings"` // contest id → candidate ids
}

// CheckBallot refuses a ballot that ranks in an unknown contest, ranks a
// candidate who is not on that contest's ballot (unknown or withdrawn), or
// ranks a candidate twice.
func (e *Election) CheckBallot(b *Ballot) error {
	if b == nil {
		return Errorf(EINVALID, "no ballot")
	}
	for contestID, ranking := range b.Rankings {
		c := e.Contest(contestID)
		if c == nil {
			return Errorf(EINVALID, "the ballot ranks candidates in contest %d, which is not in this election", contestID)
		}
		seen := map[int64]bool{}
		for _, id := range ranking {
			cand := c.Candidate(id)
			switch {
			case cand == nil:
				return Errorf(EINVALID, "%s: the ballot ranks candidate %d, who is not standing", c.Title, id)
			case !cand.OnBallot():
				return Errorf(EINVALID, "%s: %s is not on the ballot (%s)", c.Title, cand.Name, cand.offBallot())
			case seen[id]:
				return Errorf(EINVALID, "%s: the ballot ranks %s twice", c.Title, cand.Name)
			}
			seen[id] = true
		}
	}
	return nil
}

// Candidate returns the contest's candidate with the id, or nil.
func (c *Contest) Candidate(id int64) *Candidate {
	for _, cand := range c.Candidates {
		if cand.ID == id {
			return cand
		}
	}
	return nil
}

// ReceiptHash is what the public record lists beside a ballot for the
// receipt code its voter was given: the code alone never leaves the
// voter's screen.
func ReceiptHash(electionID int64, code string) string {
	sum := sha256.Sum256([]byte("rankfile receipt\x00" + strconv.FormatInt(electionID, 10) + "\x00" + NormalizeReceipt(code)))
	return hex.EncodeToString(sum[:])
}

// NormalizeReceipt reads a receipt code as a voter might type it back:
// any case, with or without the dashes.
func NormalizeReceipt(code string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(code))
}

// StoredBallot is a ballot as the ballot box holds it: nothing about who
// cast it, and of when only the day.
type StoredBallot struct {
	// ID is random: the order of ids says nothing of the order of casting.
	ID          string
	CastOn      Date
	ReceiptHash string // "" for a paper ballot
	Rankings    map[int64][]int64
}

// ElectionFilter selects elections. Zero fields do not filter.
type ElectionFilter struct {
	Status ElectionStatus
	// At is the time statuses are judged at.
	At time.Time
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

	// ClaimMailing records that an election's email of a kind (one of
	// the Mail kinds) is being sent; false when it was already.
	ClaimMailing(ctx context.Context, electionID int64, kind string) (bool, error)

	// RollMembers returns the members on the roll, or those who have not
	// voted.
	RollMembers(ctx context.Context, electionID int64, notVoted bool) ([]int64, error)
}

// The emails an election sends its roll.
const (
	MailOpening  = "opening"  // voting has opened, with the link
	MailReminder = "reminder" // to those who have not voted, before the close
	MailResults  = "results"  // the results are out
)

// ReminderBefore is how long before voting closes the reminder goes.
const ReminderBefore = 24 * time.Hour

// MailDue says which of the election's emails is due at time t, if any:
// the opening while voting is open, the reminder in its last
// ReminderBefore (instead of the opening, if that was never sent), the
// results once counted.
func (e *Election) MailDue(t time.Time) []string {
	switch e.StatusAt(t) {
	case ElectionVoting:
		if !t.Before(e.VotingClose.Add(-ReminderBefore)) {
			return []string{MailReminder} // an opening not sent by now is superseded
		}
		return []string{MailOpening}
	case ElectionCounted:
		return []string{MailResults}
	}
	return nil
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
// member for the chapter or the national organization, a branch's members
// for a branch, and the members of any other body (those holding a
// position in it on d). They are who may be checked in at its meetings.
func MembersOf(body *Body, d Date) MemberFilter {
	f := MemberFilter{AsOf: d, Brief: true}
	switch body.Kind {
	case KindChapter, KindNational:
	case KindBranch:
		f.BranchSlug = body.Slug
	default:
		f.BodyID = body.ID
	}
	return f
}

// Paper batch statuses.
const (
	PaperPending   = "pending"   // entered, waiting for a second member of the committee
	PaperConfirmed = "confirmed" // its voters are marked and its ballots in the box
	PaperRejected  = "rejected"  // set aside; nothing of it counts
)

// PaperBatch is a batch of paper ballots, as one member of the election's
// committee entered them and another confirms them. Ballots is empty once
// the batch is decided: a confirmed batch's ballots are in the box.
type PaperBatch struct {
	ID         int64     `json:"id"`
	ElectionID int64     `json:"election_id"`
	EnteredBy  int64     `json:"entered_by"`
	EnteredAt  time.Time `json:"entered_at"`
	VoterIDs   []int64   `json:"voter_ids"`
	Ballots    []*Ballot `json:"-"`
	Size       int       `json:"size"`
	Status     string    `json:"status"`
	DecidedBy  int64     `json:"decided_by,omitempty"`
	DecidedAt  time.Time `json:"decided_at,omitzero"`
}

// PaperService stores batches of paper ballots.
type PaperService interface {
	// EnterPaperBatch stores a pending batch and sets its id. Its ballots
	// must have passed CheckBallot.
	EnterPaperBatch(ctx context.Context, b *PaperBatch) error

	// PaperBatches returns an election's batches, oldest first.
	PaperBatches(ctx context.Context, electionID int64) ([]*PaperBatch, error)

	// ConfirmPaperBatch marks the batch's voters voted on paper and puts
	// its ballots in the box, in one transaction, by a member other than
	// the one who entered it. EINVALID, and nothing changed, when a voter
	// is not on the roll or has voted already.
	ConfirmPaperBatch(ctx context.Context, electionID, batchID, by int64) error

	// RejectPaperBatch sets a pending batch of the election aside.
	RejectPaperBatch(ctx context.Context, electionID, batchID, by int64) error

	// PendingPaper returns how many of an election's batches wait to be
	// confirmed or rejected.
	PendingPaper(ctx context.Context, electionID int64) (int, error)
}
