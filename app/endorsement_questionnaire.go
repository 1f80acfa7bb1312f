package app

import (
	"context"
	"net/http"

	"github.com/rankfile/rankfile"
)

// The questionnaire as the cycle's body and the members see it: the
// body sets the questions; those who vet read a candidate's answers at
// any time, members once they are submitted and the cycle publishes them.
// (What the candidate does through their link is in
// endorsement_questionnaire_link.go.)

// EndorsementQuestionsView is the page of a cycle's questions.
type EndorsementQuestionsView struct {
	Cycle     *rankfile.EndorsementCycle
	Questions []*rankfile.EndorsementQuestion
	// Sent is whether a candidate holds a link to the current version,
	// which has questions: a change then makes a new version, and they
	// keep theirs.
	Sent bool
}

// EndorsementQuestions returns a cycle's current questions, for those who
// run it.
func (a *App) EndorsementQuestions(ctx context.Context, actor *rankfile.Actor, cycleID int64) (*EndorsementQuestionsView, error) {
	cycle, err := a.runCycle(ctx, actor, cycleID)
	if err != nil {
		return nil, err
	}
	qs, err := a.Endorsements.Questions(ctx, cycleID, 0)
	if err != nil {
		return nil, err
	}
	candidates, err := a.Endorsements.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{CycleID: cycleID})
	if err != nil {
		return nil, err
	}
	v := &EndorsementQuestionsView{Cycle: cycle, Questions: qs}
	for _, c := range candidates {
		v.Sent = v.Sent || (c.QuestionnaireVersion == cycle.QuestionnaireVersion && len(qs) > 0)
	}
	return v, nil
}

// SetEndorsementQuestions stores a cycle's questions, for those who run
// it, and reports whether they made a new version (a candidate held a
// link to the one before, and keeps it).
func (a *App) SetEndorsementQuestions(ctx context.Context, actor *rankfile.Actor, cycleID int64, qs []*rankfile.EndorsementQuestion) (bool, error) {
	cycle, err := a.runCycle(ctx, actor, cycleID)
	if err != nil {
		return false, err
	}
	if err := a.Endorsements.SetQuestions(as(ctx, actor), cycleID, qs); err != nil {
		return false, err
	}
	return len(qs) > 0 && qs[0].Version != cycle.QuestionnaireVersion, nil
}

// CandidateQuestionnaireView is a candidate's questionnaire as a member
// reads it.
type CandidateQuestionnaireView struct {
	*EndorsementCandidateView
	Questionnaire *rankfile.EndorsementQuestionnaire
}

// CandidateQuestionnaire returns a candidate's questionnaire: to those who
// vet at any time, to other members once submitted and published.
func (a *App) CandidateQuestionnaire(ctx context.Context, actor *rankfile.Actor, candidateID int64) (*CandidateQuestionnaireView, error) {
	v, err := a.readableQuestionnaire(ctx, actor, candidateID)
	if err != nil {
		return nil, err
	}
	q, err := a.Endorsements.Questionnaire(ctx, candidateID)
	if err != nil {
		return nil, err
	}
	return &CandidateQuestionnaireView{EndorsementCandidateView: v, Questionnaire: q}, nil
}

// CandidateDocument returns a document a candidate attached, with its
// data, to those who may read the candidate's questionnaire.
func (a *App) CandidateDocument(ctx context.Context, actor *rankfile.Actor, candidateID, documentID int64) (*rankfile.EndorsementDocument, error) {
	if _, err := a.readableQuestionnaire(ctx, actor, candidateID); err != nil {
		return nil, err
	}
	return a.Endorsements.Document(ctx, candidateID, documentID)
}

// readableQuestionnaire returns the candidate whose questionnaire the
// actor may read, or says why they may not yet.
func (a *App) readableQuestionnaire(ctx context.Context, actor *rankfile.Actor, candidateID int64) (*EndorsementCandidateView, error) {
	v, err := a.EndorsementCandidate(ctx, actor, candidateID)
	if err != nil {
		return nil, err
	}
	now := a.Now().In(a.Zone)
	switch {
	case v.CanVet:
		return v, nil
	case !v.Cycle.Published(now):
		return nil, rankfile.Errorf(rankfile.EFORBIDDEN, "members read the candidates' answers once they are published, on %s",
			rankfile.DateOf(v.Cycle.PublishAt.In(a.Zone)))
	case !v.Candidate.Submitted():
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "%s did not submit the questionnaire", v.Candidate.Name)
	}
	return v, nil
}

// sniffDocument names a document's kind from its first bytes, never from
// what the sender says it is: a page claiming to be a PDF stays a page.
func sniffDocument(data []byte) string { return http.DetectContentType(data) }
