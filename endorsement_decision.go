package rankfile

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The decision and after: members' petition for a candidate (a proposal
// of kind endorsement before the cycle's deciding body), the general
// meeting's vote at the cycle's threshold, national's endorsement, the
// campaign, and after the election its result and the chapter's reviews of
// the candidate's record.

// CheckPetitionable refuses a petition for the candidate: one withdrawn,
// one already petitioned for, or one already decided.
func (c *EndorsementCandidate) CheckPetitionable() error {
	switch {
	case c.Withdrawn():
		return Errorf(ECONFLICT, "%s withdrew from the race", c.Name)
	case c.ProposalID != 0:
		return Errorf(ECONFLICT, "members already petition for %s's endorsement: sign that petition", c.Name)
	case c.Decision != "":
		return Errorf(ECONFLICT, "the chapter already decided on %s", c.Name)
	}
	return nil
}

// CheckRecommendable refuses the body's recommendation on the candidate
// once the petition for their endorsement (of the status given, "" for
// none) is decided, and a change of the one written (written) once the
// petition is on a meeting's agenda: members vote knowing the
// recommendation as it stands, and it stays as they read it. A petition
// scheduled before any was written still takes the first, since the vote
// waits for it (see CheckVoteThreshold).
func (c *EndorsementCandidate) CheckRecommendable(petition ProposalStatus, written bool) error {
	switch {
	case c.Decision != "" || petition == ProposalAdopted || petition == ProposalRejected:
		return Errorf(ECONFLICT, "the chapter already decided on %s: the recommendation stays as members read it", c.Name)
	case petition == ProposalScheduled && written:
		return Errorf(ECONFLICT, "the petition for %s is on a meeting's agenda: the recommendation stays as members read it", c.Name)
	}
	return nil
}

// defaultPetitionDays is how long a petition collects signatures when the
// cycle names no day for its decision, or that day is too near.
const defaultPetitionDays = 30

// PetitionDeadline is when signatures for a petition started at now
// close: the start of the cycle's DecideBy day in loc, so that a petition
// qualifies in time for the meeting meant to decide it, or 30 days on
// when the cycle names none or it is less than a day away.
func PetitionDeadline(cycle *EndorsementCycle, now time.Time, loc *time.Location) time.Time {
	if !cycle.DecideBy.IsZero() {
		if d := cycle.DecideBy.Time(loc); d.After(now.Add(24 * time.Hour)) {
			return d
		}
	}
	return now.AddDate(0, 0, defaultPetitionDays)
}

// PetitionProposal is the proposal members sign for the candidate's
// endorsement in the race, before the cycle's deciding body.
func PetitionProposal(c *EndorsementCandidate, r *EndorsementRace, cycle *EndorsementCycle) *Proposal {
	return &Proposal{
		Kind:    ProposalEndorsement,
		BodyID:  cycle.DecidingBodyID,
		Title:   "Endorse " + c.Name + " for " + r.Title(),
		Summary: "The chapter endorses " + c.Name + " for " + r.Title() + " in the election of " + cycle.electionDay() + ".",
		Text: ProposalText{Resolved: []string{
			"the chapter endorses " + c.Name + " for " + r.Title() + ", and commits its field program to the campaign.",
		}},
	}
}

// CheckVoteThreshold refuses a meeting's vote on a candidate's petition
// below the cycle's threshold, or before the body wrote its
// recommendation: members decide knowing what those who vetted the
// candidate advise.
func CheckVoteThreshold(v *MeetingVote, cycle *EndorsementCycle, c *EndorsementCandidate, r *EndorsementRace, recommended bool) error {
	if !recommended {
		return Errorf(ECONFLICT, "the race for %s has no recommendation on %s yet: the vote waits for the body's recommendation", r.Title(), c.Name)
	}
	if thresholdRank(v.Threshold) >= thresholdRank(cycle.Threshold) {
		return nil
	}
	switch cycle.Threshold {
	case ThresholdThreeQuarters:
		return Errorf(EINVALID, "an endorsement needs three quarters of the votes, as the bylaws set")
	case ThresholdTwoThirds:
		return Errorf(EINVALID, "an endorsement needs two thirds of the votes, as the bylaws set")
	}
	return Errorf(EINVALID, "an endorsement needs a majority of the votes, as the bylaws set")
}

// thresholdRank orders the yes/no thresholds from the least to the most
// demanding.
func thresholdRank(t Threshold) int {
	return slices.Index([]Threshold{ThresholdMajority, ThresholdTwoThirds, ThresholdThreeQuarters}, t)
}

// CandidateCampaign is the field campaign the chapter's endorsement of
// the candidate starts, run by the cycle's body.
func CandidateCampaign(c *EndorsementCandidate, r *EndorsementRace, cycle *EndorsementCycle) *Campaign {
	name := c.Name + " for " + r.Title()
	if utf8.RuneCountInString(name) > 120 {
		name = string([]rune(name)[:120])
	}
	return &Campaign{BodyID: cycle.BodyID, Name: name, Kind: CampaignCandidate,
		Description: "The chapter's campaign for its endorsed candidate, " + c.Name + ", in the election of " + cycle.electionDay() + "."}
}

// NationalStatus is where a request for national's endorsement stands.
type NationalStatus string

// National statuses.
const (
	NationalRequested NationalStatus = "requested"
	NationalEndorsed  NationalStatus = "endorsed"
	NationalDeclined  NationalStatus = "declined"
)

// NationalRequest is the chapter's request for national's endorsement of a
// candidate it endorsed, with the campaign plan sent, and national's
// answer once it comes.
type NationalRequest struct {
	Status NationalStatus `json:"status"`
	// Plan is the chapter's campaign plan for the candidate, in markdown.
	Plan        string    `json:"plan"`
	RequestedAt time.Time `json:"requested_at"`
	AnsweredAt  time.Time `json:"answered_at,omitzero"`
	// Note is national's answer as recorded: its reasons, its conditions.
	Note string `json:"note,omitempty"`
}

// maxPlan bounds a campaign plan and national's note.
const maxPlan = 50000

// CheckNationalRequest refuses a request for national's endorsement of a
// candidate the chapter did not endorse, or one already requested.
func (c *EndorsementCandidate) CheckNationalRequest(plan string) error {
	switch {
	case c.Decision != Endorsed:
		return Errorf(ECONFLICT, "national is asked to endorse only a candidate the chapter endorsed, and %s is not", c.Name)
	case c.National != nil:
		return Errorf(ECONFLICT, "national was already asked to endorse %s", c.Name)
	case strings.TrimSpace(plan) == "" || utf8.RuneCountInString(plan) > maxPlan:
		return FieldErrorf("plan", EINVALID, "the request needs a campaign plan of at most %d characters", maxPlan)
	}
	return nil
}

// CheckNationalAnswer refuses an answer from national without a request
// waiting for it, or one that is not endorsed or declined.
func (c *EndorsementCandidate) CheckNationalAnswer(status NationalStatus, note string) error {
	switch {
	case c.National == nil:
		return Errorf(ECONFLICT, "national was not asked to endorse %s", c.Name)
	case status != NationalEndorsed && status != NationalDeclined:
		return FieldErrorf("status", EINVALID, "national endorsed or declined, not %q", status)
	case utf8.RuneCountInString(note) > maxPlan:
		return FieldErrorf("note", EINVALID, "national's answer has at most %d characters", maxPlan)
	}
	return nil
}

// ElectionOutcome is the election's result for an endorsed candidate.
type ElectionOutcome struct {
	// Won says whether the candidate was elected; Percent is their share
	// of the vote, when known.
	Won        bool      `json:"won"`
	Percent    float64   `json:"percent,omitempty"`
	Note       string    `json:"note,omitempty"`
	RecordedAt time.Time `json:"recorded_at"`
}

// Validate checks an outcome before it is stored.
func (o *ElectionOutcome) Validate() error {
	o.Note = strings.TrimSpace(o.Note)
	switch {
	case o.Percent < 0 || o.Percent > 100:
		return FieldErrorf("percent", EINVALID, "a share of the vote is 0 to 100 percent")
	case utf8.RuneCountInString(o.Note) > maxCandidateText:
		return FieldErrorf("note", EINVALID, "a note on the result has at most %d characters", maxCandidateText)
	}
	return nil
}

// EndorsementReview is the chapter's accountability review of an endorsed
// candidate's record: what they did with the chapter's support.
type EndorsementReview struct {
	ID          int64     `json:"id"`
	CandidateID int64     `json:"candidate_id"`
	Text        string    `json:"text"`
	By          string    `json:"by"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks a review before it is stored.
func (r *EndorsementReview) Validate() error {
	r.Text = strings.TrimSpace(r.Text)
	if r.Text == "" || utf8.RuneCountInString(r.Text) > maxRecommendation {
		return FieldErrorf("text", EINVALID, "a review needs a text of at most %d characters", maxRecommendation)
	}
	return nil
}

// EndorsementDecisionService stores the body's recommendations, the
// petitions, national's requests, results and reviews. The chapter's decision itself is written with the
// petition's proposal step (the store records it, and starts the campaign
// CandidateCampaign says, in the step's transaction).
type EndorsementDecisionService interface {
	// SetRecommendation stores the body's recommendation in place of the
	// one before, refused once the candidate's petition is on an agenda.
	SetRecommendation(ctx context.Context, r *EndorsementRecommendation) error
	// Recommendation returns a candidate's recommendation, ENOTFOUND when
	// none is written.
	Recommendation(ctx context.Context, candidateID int64) (*EndorsementRecommendation, error)
	// StartPetition stores p, the proposal members sign for the
	// candidate's endorsement (see PetitionProposal), opens it for
	// signatures with the threshold until the deadline, and links it to
	// the candidate, in one transaction; refused (ECONFLICT) for a
	// candidate CheckPetitionable refuses.
	StartPetition(ctx context.Context, candidateID int64, p *Proposal, threshold int, deadline time.Time) error
	// SignedInRace returns the petition the member's signature holds them
	// to in the race of the petition with the id (see SignatureHolds), nil
	// for none or for that petition itself.
	SignedInRace(ctx context.Context, petitionID, memberID int64) (*Proposal, error)
	// RequestNational records the request sent to national.
	RequestNational(ctx context.Context, candidateID int64, plan string) error
	// AnswerNational records national's answer.
	AnswerNational(ctx context.Context, candidateID int64, status NationalStatus, note string) error
	// SetOutcome records the election's result for a candidate.
	SetOutcome(ctx context.Context, candidateID int64, o *ElectionOutcome) error
	// AddReview stores an accountability review.
	AddReview(ctx context.Context, r *EndorsementReview) error
	// Reviews returns a candidate's reviews, oldest first.
	Reviews(ctx context.Context, candidateID int64) ([]*EndorsementReview, error)
}

// CheckEndorsed refuses an election's result or a review of a candidate
// the chapter did not endorse: the accountability it keeps is of those it
// backed.
func (c *EndorsementCandidate) CheckEndorsed() error {
	if c.Decision != Endorsed {
		return Errorf(ECONFLICT, "the chapter did not endorse %s: results and reviews are kept for the candidates it endorsed", c.Name)
	}
	return nil
}

// SignatureHolds reports whether a member's signature on the petition p
// still holds them in its race at now, one petition a race: it
// does while p collects, waits for a meeting or was adopted, and no
// longer once p came to nothing (withdrawn, expired or rejected), so that
// the member may sign another candidate's petition in the race.
func SignatureHolds(p *Proposal, now time.Time) bool {
	switch p.StatusAt(now) {
	case ProposalWithdrawn, ProposalExpired, ProposalRejected:
		return false
	}
	return true
}

// electionDay says the cycle's election day as the texts it writes say it
// ("June 1, 2027"): they are stored, in English, as their authors wrote.
func (c *EndorsementCycle) electionDay() string {
	return c.ElectionDate.Time(time.UTC).Format("January 2, 2006")
}
