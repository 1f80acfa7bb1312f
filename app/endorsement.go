package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// CreateEndorsementCycle starts a cycle run by an active body, deciding
// at another's meetings (or its own), for the running body's leaders and
// admins.
func (a *App) CreateEndorsementCycle(ctx context.Context, actor *rankfile.Actor, c *rankfile.EndorsementCycle, races []*rankfile.EndorsementRace) error {
	if err := actor.Require(actor.CanRunEndorsements(c.BodyID)); err != nil {
		return err
	}
	if err := a.checkActiveBodies(ctx, nil, c.BodyID, c.DecidingBodyID); err != nil {
		return err
	}
	return a.Endorsements.CreateCycle(ctx, c, races)
}

// UpdateEndorsementCycle changes a cycle's name, dates and threshold; its
// bodies stay.
func (a *App) UpdateEndorsementCycle(ctx context.Context, actor *rankfile.Actor, c *rankfile.EndorsementCycle) error {
	found, err := a.runCycle(ctx, actor, c.ID)
	if err != nil {
		return err
	}
	c.BodyID, c.DecidingBodyID = found.BodyID, found.DecidingBodyID
	return a.Endorsements.UpdateCycle(ctx, c)
}

// FindEndorsementCycles lists the cycles, the latest election first, or
// the one with id, for members signed in.
func (a *App) FindEndorsementCycles(ctx context.Context, actor *rankfile.Actor, id int64) ([]*rankfile.EndorsementCycle, error) {
	if err := actor.Require(actor.CanSeeEndorsements()); err != nil {
		return nil, err
	}
	return a.Endorsements.FindCycles(ctx, rankfile.EndorsementCycleFilter{ID: id})
}

// runCycle returns a cycle the actor runs.
func (a *App) runCycle(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.EndorsementCycle, error) {
	found, err := a.FindEndorsementCycles(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanRunEndorsements(found[0].BodyID)); err != nil {
		return nil, err
	}
	return found[0], nil
}

// SaveEndorsementRace adds a race to a cycle the actor runs, or changes
// one of its races.
func (a *App) SaveEndorsementRace(ctx context.Context, actor *rankfile.Actor, r *rankfile.EndorsementRace) error {
	if _, err := a.runCycle(ctx, actor, r.CycleID); err != nil {
		return err
	}
	return a.Endorsements.SaveRace(ctx, r)
}

// EndorsementCycleView is a cycle's page: its races with their
// candidates, and what the reader may do.
type EndorsementCycleView struct {
	Cycle *rankfile.EndorsementCycle
	// Body runs the cycle; DecidingBody decides at its meetings.
	Body, DecidingBody *rankfile.Body
	Races              []*EndorsementRaceView
	// CanRun is whether the reader runs the cycle; CanVet whether they
	// take part in vetting.
	CanRun, CanVet bool
}

// EndorsementRaceView is a race with its candidates.
type EndorsementRaceView struct {
	Race       *rankfile.EndorsementRace
	Candidates []*rankfile.EndorsementCandidate
}

// EndorsementCycle returns a cycle with its races and candidates, for
// members signed in; candidates' addresses only to those who vet.
func (a *App) EndorsementCycle(ctx context.Context, actor *rankfile.Actor, id int64) (*EndorsementCycleView, error) {
	v, err := a.cycleHead(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	races, err := a.Endorsements.Races(ctx, id)
	if err != nil {
		return nil, err
	}
	candidates, err := a.Endorsements.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{CycleID: id})
	if err != nil {
		return nil, err
	}
	for _, r := range races {
		rv := &EndorsementRaceView{Race: r}
		for _, c := range candidates {
			if c.RaceID == r.ID {
				rv.Candidates = append(rv.Candidates, v.redact(c))
			}
		}
		v.Races = append(v.Races, rv)
	}
	return v, nil
}

// cycleHead returns a cycle with its bodies and what the reader may do,
// without its races: what a page of one candidate or one agenda item
// needs of it.
func (a *App) cycleHead(ctx context.Context, actor *rankfile.Actor, id int64) (*EndorsementCycleView, error) {
	found, err := a.FindEndorsementCycles(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	v := &EndorsementCycleView{Cycle: found[0], CanRun: actor.CanRunEndorsements(found[0].BodyID), CanVet: actor.CanVet(found[0].BodyID)}
	if v.Body, err = a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: v.Cycle.BodyID}); err != nil {
		return nil, err
	}
	if v.DecidingBody, err = a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: v.Cycle.DecidingBodyID}); err != nil {
		return nil, err
	}
	return v, nil
}

// redact leaves out of a candidate what only those who vet see: their
// address and the campaign plan sent to national.
func (v *EndorsementCycleView) redact(c *rankfile.EndorsementCandidate) *rankfile.EndorsementCandidate {
	if v.CanVet {
		return c
	}
	c.Email = ""
	if c.National != nil {
		national := *c.National
		national.Plan = ""
		c.National = &national
	}
	return c
}

// EndorsementBodies returns the active bodies whose cycles the actor may
// run, for the form that starts one, and every active body, among which
// the form picks the one that decides.
func (a *App) EndorsementBodies(ctx context.Context, actor *rankfile.Actor) (runs, all []*rankfile.Body, err error) {
	if err := actor.Require(actor.CanStartEndorsementCycles()); err != nil {
		return nil, nil, err
	}
	if all, err = a.ActiveBodyList(ctx); err != nil {
		return nil, nil, err
	}
	for _, b := range all {
		if actor.CanRunEndorsements(b.ID) {
			runs = append(runs, b)
		}
	}
	return runs, all, nil
}

// EndorsementRace returns the cycle of the race with the id, holding that
// race alone, with its candidates, for members signed in.
func (a *App) EndorsementRace(ctx context.Context, actor *rankfile.Actor, raceID int64) (*EndorsementCycleView, error) {
	v, err := a.raceCycle(ctx, actor, raceID)
	if err != nil {
		return nil, err
	}
	v.Races = slices.DeleteFunc(v.Races, func(r *EndorsementRaceView) bool { return r.Race.ID != raceID })
	return v, nil
}

// RunEndorsementRace returns the race with the id, as EndorsementRace
// does, to those who run its cycle.
func (a *App) RunEndorsementRace(ctx context.Context, actor *rankfile.Actor, raceID int64) (*EndorsementCycleView, error) {
	v, err := a.EndorsementRace(ctx, actor, raceID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(v.CanRun); err != nil {
		return nil, err
	}
	return v, nil
}
