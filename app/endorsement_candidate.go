package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// EndorsementCandidateView is a candidate with their race and cycle, as
// the reader may see them.
type EndorsementCandidateView struct {
	Candidate *rankfile.EndorsementCandidate
	Race      *rankfile.EndorsementRace
	Cycle     *rankfile.EndorsementCycle
	// CanRun is whether the reader runs the cycle; CanVet whether they
	// take part in vetting.
	CanRun, CanVet bool
}

// EndorsementCandidate returns a candidate with their race and cycle, for
// members signed in; their address only to those who vet.
func (a *App) EndorsementCandidate(ctx context.Context, actor *rankfile.Actor, id int64) (*EndorsementCandidateView, error) {
	if err := actor.Require(actor.CanSeeEndorsements()); err != nil {
		return nil, err
	}
	found, err := a.Endorsements.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ID: id})
	if err != nil {
		return nil, err
	}
	cycle, err := a.cycleHead(ctx, actor, found[0].CycleID)
	if err != nil {
		return nil, err
	}
	race, err := a.Endorsements.FindRace(ctx, found[0].RaceID)
	if err != nil {
		return nil, err
	}
	return &EndorsementCandidateView{Candidate: cycle.redact(found[0]), Race: race,
		Cycle: cycle.Cycle, CanRun: cycle.CanRun, CanVet: cycle.CanVet}, nil
}

// runCandidate returns a candidate of a cycle the actor runs.
func (a *App) runCandidate(ctx context.Context, actor *rankfile.Actor, id int64) (*EndorsementCandidateView, error) {
	v, err := a.EndorsementCandidate(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(v.CanRun); err != nil {
		return nil, err
	}
	return v, nil
}

// SaveEndorsementCandidate adds a candidate to a race of a cycle the actor
// runs, or changes a candidate's details.
func (a *App) SaveEndorsementCandidate(ctx context.Context, actor *rankfile.Actor, c *rankfile.EndorsementCandidate) error {
	if c.ID != 0 {
		v, err := a.runCandidate(ctx, actor, c.ID)
		if err != nil {
			return err
		}
		c.RaceID = v.Candidate.RaceID
		return a.Endorsements.SaveCandidate(ctx, c)
	}
	cycle, err := a.raceCycle(ctx, actor, c.RaceID)
	if err != nil {
		return err
	}
	if err := actor.Require(cycle.CanRun); err != nil {
		return err
	}
	return a.Endorsements.SaveCandidate(ctx, c)
}

// raceCycle returns the cycle of the race with the id, as the actor sees
// it; ENOTFOUND for no such race.
func (a *App) raceCycle(ctx context.Context, actor *rankfile.Actor, raceID int64) (*EndorsementCycleView, error) {
	if err := actor.Require(actor.CanSeeEndorsements()); err != nil {
		return nil, err
	}
	r, err := a.Endorsements.FindRace(ctx, raceID)
	if err != nil {
		return nil, err
	}
	return a.EndorsementCycle(ctx, actor, r.CycleID)
}

// WithdrawEndorsementCandidate takes a candidate of a cycle the actor runs
// out of the race.
func (a *App) WithdrawEndorsementCandidate(ctx context.Context, actor *rankfile.Actor, id int64) error {
	if _, err := a.runCandidate(ctx, actor, id); err != nil {
		return err
	}
	return a.Endorsements.WithdrawCandidate(ctx, id)
}
