package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The decision and after: the body's recommendation, members' petition
// (a proposal like any other, started here for a candidate), the meeting's
// vote at the cycle's threshold, national's endorsement, the election's
// result and the chapter's reviews.

// EndorsementDecisionView is a candidate's decision page: what the body
// recommends, the petition, national, the result and reviews, and what
// the reader may do.
type EndorsementDecisionView struct {
	*EndorsementCandidateView
	// Recommendation is the body's, nil while none is written.
	Recommendation *rankfile.EndorsementRecommendation
	// Petition is members' petition for the endorsement, nil before one
	// is started.
	Petition *rankfile.Proposal
	Reviews  []*rankfile.EndorsementReview
	// CanPetition is whether the reader may start the petition now;
	// CanRecommend whether they may write the recommendation now.
	CanPetition, CanRecommend bool
}

// EndorsementDecision returns a candidate's decision page, for members
// signed in; the campaign plan sent to national only to those who vet
// (see EndorsementCycleView.redact).
func (a *App) EndorsementDecision(ctx context.Context, actor *rankfile.Actor, id int64) (*EndorsementDecisionView, error) {
	cv, err := a.EndorsementCandidate(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	v := &EndorsementDecisionView{EndorsementCandidateView: cv}
	c := cv.Candidate
	if v.Recommendation, err = a.Endorsements.Recommendation(ctx, id); rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	var status rankfile.ProposalStatus
	if c.ProposalID != 0 {
		list, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: c.ProposalID})
		if err != nil {
			return nil, err
		}
		if len(list) > 0 {
			v.Petition, status = list[0], list[0].StatusAt(a.Now())
		}
	}
	if v.Reviews, err = a.Endorsements.Reviews(ctx, id); err != nil {
		return nil, err
	}
	v.CanPetition = actor.CanWriteProposal(a.Today()) && c.CheckPetitionable() == nil
	v.CanRecommend = cv.CanRun && c.CheckRecommendable(status, v.Recommendation != nil) == nil
	return v, nil
}

// SetEndorsementRecommendation writes the body's recommendation on a
// candidate of a cycle the actor runs, in place of the one before, until
// the candidate's petition is on an agenda.
func (a *App) SetEndorsementRecommendation(ctx context.Context, actor *rankfile.Actor, r *rankfile.EndorsementRecommendation) error {
	if _, err := a.runCandidate(ctx, actor, r.CandidateID); err != nil {
		return err
	}
	return a.Endorsements.SetRecommendation(as(ctx, actor), r)
}

// EndorsementRecommendation returns the body's recommendation on a
// candidate, for members signed in; ENOTFOUND while none is written.
func (a *App) EndorsementRecommendation(ctx context.Context, actor *rankfile.Actor, candidateID int64) (*rankfile.EndorsementRecommendation, error) {
	if _, err := a.EndorsementCandidate(ctx, actor, candidateID); err != nil {
		return nil, err
	}
	return a.Endorsements.Recommendation(ctx, candidateID)
}

// StartEndorsementPetition starts members' petition for a candidate's
// endorsement, by a member in good standing, its first author: a proposal
// of kind endorsement before the cycle's deciding body, open for
// signatures at once with the threshold the settings give and until the
// cycle's day of decision (see rankfile.PetitionDeadline), linked to the
// candidate in the same transaction.
func (a *App) StartEndorsementPetition(ctx context.Context, actor *rankfile.Actor, candidateID int64) (*rankfile.Proposal, error) {
	if err := actor.Require(actor.CanWriteProposal(a.Today())); err != nil {
		return nil, err
	}
	v, err := a.EndorsementCandidate(ctx, actor, candidateID)
	if err != nil {
		return nil, err
	}
	if err := v.Candidate.CheckPetitionable(); err != nil {
		return nil, err
	}
	p := rankfile.PetitionProposal(v.Candidate, v.Race, v.Cycle)
	p.Authors = []rankfile.ProposalAuthor{{MemberID: actor.ID(), Name: actor.Name()}}
	if err := a.checkActiveBodies(ctx, nil, p.BodyID); err != nil {
		return nil, err
	}
	if err := a.checkConvention(ctx, p.BodyID, p.Kind); err != nil {
		return nil, err
	}
	threshold, err := a.signatureThreshold(ctx, p)
	if err != nil {
		return nil, err
	}
	deadline := rankfile.PetitionDeadline(v.Cycle, a.Now(), a.Zone)
	if err := a.Endorsements.StartPetition(as(ctx, actor), candidateID, p, threshold, deadline); err != nil {
		return nil, err
	}
	return p, nil
}

// endorsementVote fills in and checks a meeting's vote on the proposal p
// when p is a candidate's petition: the cycle's threshold unless the
// chair set one, none below it, and no vote before the body's
// recommendation (see rankfile.CheckVoteThreshold).
func (a *App) endorsementVote(ctx context.Context, v *rankfile.MeetingVote, p *rankfile.Proposal) error {
	if p.Kind != rankfile.ProposalEndorsement {
		return nil
	}
	found, err := a.Endorsements.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ProposalID: p.ID})
	if err != nil || len(found) == 0 {
		return err
	}
	c := found[0]
	cycles, err := a.Endorsements.FindCycles(ctx, rankfile.EndorsementCycleFilter{ID: c.CycleID})
	if err != nil {
		return err
	}
	race, err := a.Endorsements.FindRace(ctx, c.RaceID)
	if err != nil {
		return err
	}
	if v.Threshold == "" {
		v.Threshold = cycles[0].Threshold
	}
	_, err = a.Endorsements.Recommendation(ctx, c.ID)
	if err != nil && rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
		return err
	}
	return rankfile.CheckVoteThreshold(v, cycles[0], c, race, err == nil)
}

// PetitionFor is what a petition's page says of the candidate it is
// for: the candidate with their race, and the other petition of the race
// the reader signed, if any, which keeps them from signing this one.
type PetitionFor struct {
	*EndorsementCandidateView
	SignedInRace *rankfile.Proposal
}

// PetitionCandidate returns the candidate whose petition the proposal p
// is, as the actor may see them; nil for any other proposal, or for an
// actor who may not see endorsements.
func (a *App) PetitionCandidate(ctx context.Context, actor *rankfile.Actor, p *rankfile.Proposal) (*PetitionFor, error) {
	if p.Kind != rankfile.ProposalEndorsement || !actor.CanSeeEndorsements() {
		return nil, nil
	}
	found, err := a.Endorsements.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ProposalID: p.ID})
	if err != nil || len(found) == 0 {
		return nil, err
	}
	v, err := a.EndorsementCandidate(ctx, actor, found[0].ID)
	if err != nil {
		return nil, err
	}
	out := &PetitionFor{EndorsementCandidateView: v}
	out.SignedInRace, err = a.Endorsements.SignedInRace(ctx, p.ID, actor.ID())
	return out, err
}

// freeInRace is canSign, but false for a candidate's petition when the
// actor's signature on another petition of the race holds them (a member
// signs one petition a race), so that the page and the API offer no
// signature the store would refuse.
func (a *App) freeInRace(ctx context.Context, actor *rankfile.Actor, p *rankfile.Proposal, canSign bool) (bool, error) {
	if !canSign || p.Kind != rankfile.ProposalEndorsement {
		return canSign, nil
	}
	other, err := a.Endorsements.SignedInRace(ctx, p.ID, actor.ID())
	return other == nil, err
}

// AgendaEndorsement is what a meeting's agenda says of a candidate's
// petition on it: the body's recommendation, and the share of the votes
// the bylaws ask.
type AgendaEndorsement struct {
	CandidateID    int64
	Body           string
	Recommendation *rankfile.EndorsementRecommendation // nil while none is written
	Threshold      rankfile.Threshold
}

// AgendaEndorsements returns, by proposal id, what the meeting's agenda
// says of the candidates' petitions on it, for members who may see
// endorsements: those who vote see the recommendation beside the item.
func (a *App) AgendaEndorsements(ctx context.Context, actor *rankfile.Actor, m *rankfile.Meeting) (map[int64]*AgendaEndorsement, error) {
	out := map[int64]*AgendaEndorsement{}
	if !actor.CanSeeEndorsements() {
		return out, nil
	}
	for _, item := range m.Agenda {
		if item.ProposalID == 0 {
			continue
		}
		found, err := a.Endorsements.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ProposalID: item.ProposalID})
		if err != nil || len(found) == 0 {
			if err != nil {
				return nil, err
			}
			continue
		}
		if out[item.ProposalID], err = a.agendaEndorsement(ctx, actor, found[0]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// agendaEndorsement is what the agenda says of the candidate's petition.
func (a *App) agendaEndorsement(ctx context.Context, actor *rankfile.Actor, c *rankfile.EndorsementCandidate) (*AgendaEndorsement, error) {
	cycle, err := a.cycleHead(ctx, actor, c.CycleID)
	if err != nil {
		return nil, err
	}
	e := &AgendaEndorsement{CandidateID: c.ID, Body: cycle.Body.Name, Threshold: cycle.Cycle.Threshold}
	e.Recommendation, err = a.Endorsements.Recommendation(ctx, c.ID)
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return e, nil
	}
	return e, err
}
