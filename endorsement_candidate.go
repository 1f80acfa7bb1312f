package rankfile

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// EndorsementCandidate is a candidate for a race of an endorsement cycle:
// someone outside the roster, usually, who answers the chapter's
// questionnaire through a secret link.
type EndorsementCandidate struct {
	ID      int64  `json:"id"`
	RaceID  int64  `json:"race_id"`
	CycleID int64  `json:"cycle_id"`
	Name    string `json:"name"`
	// Email is where the questionnaire's link is sent; only the cycle's
	// body sees it.
	Email   string `json:"email,omitempty"`
	Party   string `json:"party,omitempty"`
	Website string `json:"website,omitempty"`
	// MemberID is the member the candidate is, if they are one.
	MemberID int64 `json:"member_id,omitempty"`
	// QuestionnaireVersion is the version of the questions the candidate
	// answers, fixed when their link is first made.
	QuestionnaireVersion int `json:"questionnaire_version"`
	// LinkSentAt is when the latest link was made; each new link ends
	// the one before it.
	LinkSentAt time.Time `json:"link_sent_at,omitzero"`
	// SubmittedAt is when the candidate confirmed the answers: from then
	// on they are kept exactly as submitted.
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	// WithdrawnAt is when the candidate left the race or the body dropped
	// them; a withdrawn candidate's link takes nothing more.
	WithdrawnAt time.Time `json:"withdrawn_at,omitzero"`
	// ProposalID is the members' petition for the candidate's endorsement
	// (a proposal of kind endorsement), once one is started.
	ProposalID int64 `json:"proposal_id,omitempty"`
	// Decision is the chapter's: "" until its vote, then endorsed or
	// declined (the petition's proposal adopted or rejected).
	Decision string `json:"decision,omitempty"`
	// Recommended is whether the cycle's body wrote its recommendation on
	// the candidate (see EndorsementRecommendation).
	Recommended bool `json:"recommended"`
	// CampaignID is the field campaign started when the chapter endorsed.
	CampaignID int64 `json:"campaign_id,omitempty"`
	// Outcome is the election's result for the candidate, once known.
	Outcome *ElectionOutcome `json:"outcome,omitempty"`
	// National is the request for national's endorsement, once sent.
	National  *NationalRequest `json:"national,omitempty"`
	CreatedAt time.Time        `json:"created_at"`
}

// The chapter's decisions on a candidate.
const (
	Endorsed = "endorsed"
	Declined = "declined"
)

// Limits on a candidate's details.
const (
	maxCandidateName = 200
	maxCandidateText = 500
)

// Validate checks the details the cycle's body enters.
func (c *EndorsementCandidate) Validate() error {
	c.Name, c.Email = strings.TrimSpace(c.Name), strings.TrimSpace(c.Email)
	c.Party, c.Website = strings.TrimSpace(c.Party), strings.TrimSpace(c.Website)
	switch {
	case c.RaceID == 0:
		return FieldErrorf("race", EINVALID, "a candidate stands in a race")
	case c.Name == "" || utf8.RuneCountInString(c.Name) > maxCandidateName:
		return FieldErrorf("name", EINVALID, "a candidate needs a name of at most %d characters", maxCandidateName)
	case utf8.RuneCountInString(c.Party) > maxCandidateText:
		return FieldErrorf("party", EINVALID, "a party's name has at most %d characters", maxCandidateText)
	}
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			return FieldErrorf("email", EINVALID, "%q is not an email address", c.Email)
		}
	}
	if c.Website != "" {
		if err := validateLinks([]string{c.Website}); err != nil {
			return FieldErrorf("website", EINVALID, "the website is not a web address (https://...)")
		}
	}
	return nil
}

// Withdrawn reports whether the candidate left the race.
func (c *EndorsementCandidate) Withdrawn() bool { return !c.WithdrawnAt.IsZero() }

// Submitted reports whether the candidate confirmed their answers.
func (c *EndorsementCandidate) Submitted() bool { return !c.SubmittedAt.IsZero() }

// CandidateStage is where a candidate stands in the cycle, for lists and
// pages: each stage follows from the facts kept, never stored itself.
type CandidateStage string

// Candidate stages, in the order a candidate passes through them.
const (
	StageInvited     CandidateStage = "invited"     // entered, link not yet sent or not answered
	StageAnswered    CandidateStage = "answered"    // questionnaire submitted
	StageRecommended CandidateStage = "recommended" // the body wrote its recommendation
	StagePetitioned  CandidateStage = "petitioned"  // members petition for the endorsement
	StageEndorsed    CandidateStage = "endorsed"
	StageDeclined    CandidateStage = "declined"
	StageWithdrawn   CandidateStage = "withdrawn"
)

// Stage is where the candidate stands.
func (c *EndorsementCandidate) Stage() CandidateStage {
	switch {
	case c.Decision == Endorsed:
		return StageEndorsed
	case c.Decision == Declined:
		return StageDeclined
	case c.Withdrawn():
		return StageWithdrawn
	case c.ProposalID != 0:
		return StagePetitioned
	case c.Recommended:
		return StageRecommended
	case c.Submitted():
		return StageAnswered
	}
	return StageInvited
}

// CheckAnswerable refuses answers through the candidate's link at now:
// after the cycle's deadline, once submitted, or once withdrawn. Dates are
// told in now's location: give it in the chapter's.
func (c *EndorsementCandidate) CheckAnswerable(cycle *EndorsementCycle, now time.Time) error {
	switch {
	case c.Withdrawn():
		return Errorf(ECONFLICT, "this questionnaire was withdrawn and takes no more answers")
	case c.Submitted():
		return Errorf(ECONFLICT, "this questionnaire was submitted on %s and is kept as it was submitted",
			DateOf(c.SubmittedAt.In(now.Location())))
	case !now.Before(cycle.QuestionnaireDue):
		return Errorf(ECONFLICT, "this questionnaire closed on %s",
			DateOf(cycle.QuestionnaireDue.In(now.Location())))
	}
	return nil
}

// EndorsementCandidateFilter selects candidates. Zero fields do not
// filter.
type EndorsementCandidateFilter struct {
	ID         int64
	CycleID    int64
	RaceID     int64
	ProposalID int64
}

// EndorsementCandidateService stores a cycle's candidates and their
// questionnaire links.
type EndorsementCandidateService interface {
	// SaveCandidate adds a candidate to a race (no id) or changes their
	// details.
	SaveCandidate(ctx context.Context, c *EndorsementCandidate) error
	// FindCandidates returns candidates by race and name.
	FindCandidates(ctx context.Context, f EndorsementCandidateFilter) ([]*EndorsementCandidate, error)
	// WithdrawCandidate takes a candidate out of the race.
	WithdrawCandidate(ctx context.Context, id int64) error
	// NewQuestionnaireLink makes a new secret for the candidate's link,
	// ending the one before, and fixes the questionnaire's version the
	// first time.
	NewQuestionnaireLink(ctx context.Context, candidateID int64) (string, error)
	// FindQuestionnaireLink returns the candidate whose current link the
	// secret is; ENOTFOUND for any other secret.
	FindQuestionnaireLink(ctx context.Context, secret string) (*EndorsementCandidate, error)
}
