package app

import (
	"context"

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
