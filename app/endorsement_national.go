package app

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// After the chapter's decision: the request for national's endorsement
// and its answer, the election's result and the accountability reviews,
// each written by those who run the cycle.

// RequestNationalEndorsement records the request for national's
// endorsement of a candidate the chapter endorsed, with the campaign plan
// sent, by those who run the cycle.
func (a *App) RequestNationalEndorsement(ctx context.Context, actor *rankfile.Actor, candidateID int64, plan string) error {
	if _, err := a.runCandidate(ctx, actor, candidateID); err != nil {
		return err
	}
	return a.Endorsements.RequestNational(as(ctx, actor), candidateID, plan)
}

// AnswerNationalEndorsement records national's answer, endorsed or
// declined with its note, by those who run the cycle.
func (a *App) AnswerNationalEndorsement(ctx context.Context, actor *rankfile.Actor, candidateID int64, status rankfile.NationalStatus, note string) error {
	if _, err := a.runCandidate(ctx, actor, candidateID); err != nil {
		return err
	}
	return a.Endorsements.AnswerNational(as(ctx, actor), candidateID, status, note)
}

// SetEndorsementOutcome records the election's result for a candidate the
// chapter endorsed, by those who run the cycle.
func (a *App) SetEndorsementOutcome(ctx context.Context, actor *rankfile.Actor, candidateID int64, o *rankfile.ElectionOutcome) error {
	if _, err := a.runCandidate(ctx, actor, candidateID); err != nil {
		return err
	}
	return a.Endorsements.SetOutcome(as(ctx, actor), candidateID, o)
}

// AddEndorsementReview stores an accountability review of a candidate the
// chapter endorsed, by those who run the cycle.
func (a *App) AddEndorsementReview(ctx context.Context, actor *rankfile.Actor, r *rankfile.EndorsementReview) error {
	if _, err := a.runCandidate(ctx, actor, r.CandidateID); err != nil {
		return err
	}
	return a.Endorsements.AddReview(as(ctx, actor), r)
}

// EndorsementReviews returns a candidate's reviews, oldest first, for
// members signed in.
func (a *App) EndorsementReviews(ctx context.Context, actor *rankfile.Actor, candidateID int64) ([]*rankfile.EndorsementReview, error) {
	if _, err := a.EndorsementCandidate(ctx, actor, candidateID); err != nil {
		return nil, err
	}
	return a.Endorsements.Reviews(ctx, candidateID)
}

// EndorsementPacket is the request sent to national for its endorsement
// of a candidate the chapter endorsed: who and what for, the candidate's
// questionnaire as submitted, the body's recommendation with its vote,
// the chapter's vote session by session, and the campaign plan.
type EndorsementPacket struct {
	Candidate *PacketCandidate `json:"candidate"`
	Race      *PacketRace      `json:"race"`
	Cycle     *PacketCycle     `json:"cycle"`
	// Questionnaire is the candidate's, as submitted; nil while it is not.
	Questionnaire  *PacketQuestionnaire                `json:"questionnaire,omitempty"`
	Recommendation *rankfile.EndorsementRecommendation `json:"recommendation,omitempty"`
	// Vote is the general meeting's vote that endorsed the candidate, nil
	// when the petition was decided some other way.
	Vote *PacketVote `json:"vote,omitempty"`
	// National is the request as recorded, with its plan, nil before it
	// is sent.
	National *rankfile.NationalRequest `json:"national,omitempty"`
}

// PacketCandidate is the candidate as the packet names them.
type PacketCandidate struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email,omitempty"`
	Party    string `json:"party,omitempty"`
	Website  string `json:"website,omitempty"`
	Decision string `json:"decision,omitempty"`
	// Submitted is when the candidate confirmed their questionnaire.
	Submitted time.Time `json:"submitted_at,omitzero"`
}

// PacketRace is the office sought.
type PacketRace struct {
	Office   string `json:"office"`
	District string `json:"district,omitempty"`
	Seats    int    `json:"seats"`
}

// PacketCycle is the election and the chapter's rule for endorsing.
type PacketCycle struct {
	Name         string             `json:"name"`
	ElectionDate rankfile.Date      `json:"election_date"`
	Threshold    rankfile.Threshold `json:"threshold"`
}

// PacketVote is the meeting's vote on the petition: its result per
// session and combined.
type PacketVote struct {
	Meeting   string                `json:"meeting"`
	Held      time.Time             `json:"held"`
	Question  string                `json:"question"`
	Threshold rankfile.Threshold    `json:"threshold"`
	Carried   bool                  `json:"carried"`
	Sessions  []*rankfile.VoteTally `json:"sessions"`
	Combined  *rankfile.VoteTally   `json:"combined"`
}

// EndorsementPacket returns the packet for national on a candidate, for
// those who vet the cycle's candidates (who read the answers before they
// are published, too).
func (a *App) EndorsementPacket(ctx context.Context, actor *rankfile.Actor, candidateID int64) (*EndorsementPacket, error) {
	v, err := a.EndorsementCandidate(ctx, actor, candidateID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(v.CanVet); err != nil {
		return nil, err
	}
	c := v.Candidate
	p := &EndorsementPacket{National: c.National,
		Candidate: &PacketCandidate{ID: c.ID, Name: c.Name, Email: c.Email, Party: c.Party, Website: c.Website,
			Decision: c.Decision, Submitted: c.SubmittedAt},
		Race:  &PacketRace{Office: v.Race.Office, District: v.Race.District, Seats: v.Race.Seats},
		Cycle: &PacketCycle{Name: v.Cycle.Name, ElectionDate: v.Cycle.ElectionDate, Threshold: v.Cycle.Threshold}}
	if p.Recommendation, err = a.Endorsements.Recommendation(ctx, candidateID); rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	if p.Questionnaire, err = a.packetQuestionnaire(ctx, candidateID); err != nil {
		return nil, err
	}
	if c.ProposalID != 0 {
		p.Vote, err = a.petitionVote(ctx, c.ProposalID)
	}
	return p, err
}

// petitionVote finds the closed meeting vote that decided the proposal,
// the latest if several voted on it; nil for none.
func (a *App) petitionVote(ctx context.Context, proposalID int64) (*PacketVote, error) {
	meetings, err := a.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{ProposalID: proposalID})
	if err != nil {
		return nil, err
	}
	for i := len(meetings) - 1; i >= 0; i-- {
		votes, err := a.Votes.FindVotes(ctx, meetings[i].ID)
		if err != nil {
			return nil, err
		}
		for j := len(votes) - 1; j >= 0; j-- {
			if v := votes[j]; v.ProposalID == proposalID && v.Status == rankfile.VoteClosed && v.Result != nil {
				return &PacketVote{Meeting: meetings[i].Title, Held: meetings[i].StartsAt, Question: v.Question,
					Threshold: v.Threshold, Carried: v.Result.Carried, Sessions: v.Result.Sessions, Combined: v.Result.Combined}, nil
			}
		}
	}
	return nil, nil
}

// PacketQuestionnaire is the candidate's questionnaire as they submitted
// it: each question of their version with its answer, and the names of
// the documents attached.
type PacketQuestionnaire struct {
	Version     int            `json:"version"`
	SubmittedAt time.Time      `json:"submitted_at"`
	Answers     []PacketAnswer `json:"answers"`
	Documents   []string       `json:"documents"`
}

// PacketAnswer is a question, in English and Spanish when it has both,
// and the candidate's answer, "" for one left blank.
type PacketAnswer struct {
	Question   string `json:"question"`
	QuestionES string `json:"question_es,omitempty"`
	Answer     string `json:"answer"`
}

// packetQuestionnaire reads the candidate's questionnaire as submitted;
// nil while they have not submitted it, since only the confirmed answers
// are the candidate's word.
func (a *App) packetQuestionnaire(ctx context.Context, candidateID int64) (*PacketQuestionnaire, error) {
	q, err := a.Endorsements.Questionnaire(ctx, candidateID)
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return nil, nil
	} else if err != nil || q.SubmittedAt.IsZero() {
		return nil, err
	}
	out := &PacketQuestionnaire{Version: q.Version, SubmittedAt: q.SubmittedAt, Answers: []PacketAnswer{}, Documents: []string{}}
	for _, question := range q.Questions {
		out.Answers = append(out.Answers, PacketAnswer{Question: question.Text, QuestionES: question.TextES, Answer: q.Answers[question.ID]})
	}
	for _, d := range q.Documents {
		out.Documents = append(out.Documents, d.Name)
	}
	return out, nil
}
