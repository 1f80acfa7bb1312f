package app

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/count"
)

// CreateElection calls an election and names its committee: admins only.
// Constraints are checked in the count's own terms before anything is
// stored.
func (a *App) CreateElection(ctx context.Context, actor *rankfile.Actor, e *rankfile.Election) error {
	if err := actor.Require(actor.CanCreateElection()); err != nil {
		return err
	}
	if err := checkConstraints(e); err != nil {
		return err
	}
	if err := e.Validate(a.Zone); err != nil {
		return err // said before the electorate is looked up: a set-up with no body is one to fix
	}
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: e.BodyID})
	if err != nil {
		return err
	}
	if err := body.CheckActive(); err != nil {
		return err
	}
	return a.Elections.CreateElection(as(ctx, actor), e)
}

// UpdateElection changes an election's set-up, by its committee or an
// admin, until nominations open. The committee stays as it was named.
func (a *App) UpdateElection(ctx context.Context, actor *rankfile.Actor, e *rankfile.Election) error {
	old, err := a.Elections.FindElection(ctx, e.ID)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanSetUpElection(old)); err != nil {
		return err
	}
	if err := checkConstraints(e); err != nil {
		return err
	}
	if err := a.checkActiveBodies(ctx, []int64{old.BodyID}, e.BodyID); err != nil {
		return err
	}
	e.AdminIDs, e.Seed = old.AdminIDs, old.Seed
	a.voting.forget(e.ID)
	return a.Elections.UpdateElection(as(ctx, actor), e)
}

// ExtendElection moves an election's deadlines later, by its committee:
// those that have not passed.
func (a *App) ExtendElection(ctx context.Context, actor *rankfile.Actor, electionID int64, t rankfile.Timeline) error {
	e, err := a.runningElection(ctx, actor, electionID)
	if err != nil {
		return err
	}
	a.voting.forget(e.ID)
	return a.Elections.ExtendElection(as(ctx, actor), e.ID, t)
}

// checkConstraints checks reserved seats in the count's own terms.
func checkConstraints(e *rankfile.Election) error {
	for _, c := range e.Contests {
		for _, s := range c.Constraints {
			if _, err := count.ParseConstraint(s); err != nil {
				return rankfile.Errorf(rankfile.EINVALID, "contest %q: %v", c.Title, err)
			}
		}
	}
	return nil
}

// Election returns an election, with its roll frozen once the cut-off has
// come and its result counted once voting has closed: whoever looks first
// after either moment does the work, the server's clock or a reader.
func (a *App) Election(ctx context.Context, id int64) (*rankfile.Election, error) {
	e, err := a.Elections.FindElection(ctx, id)
	if err != nil {
		return nil, err
	}
	changed, err := a.catchUp(ctx, e)
	if err != nil || !changed {
		return e, err
	}
	return a.Elections.FindElection(ctx, id)
}

// CatchUpElections freezes the rolls whose cut-off has come and counts the
// elections whose voting has closed. The server runs it every minute, and
// an import runs it first, so that a roll is made at its cut-off and not
// from a list imported after it.
func (a *App) CatchUpElections(ctx context.Context) error {
	_, err := a.ListElections(ctx, "")
	return err
}

// Turnout says how many on an election's roll have voted so far, to
// whoever may see it (rankfile.Actor.CanSeeTurnout); ok is false for the
// others.
func (a *App) Turnout(ctx context.Context, actor *rankfile.Actor, e *rankfile.Election) (t rankfile.Turnout, ok bool, err error) {
	if !actor.CanSeeTurnout(e, a.Now()) {
		return t, false, nil
	}
	t.Electorate = e.RollSize
	t.Voted, err = a.Elections.Voted(ctx, e.ID)
	return t, err == nil, err
}

// ListElections lists elections, with a status or all of them.
//
// Catching up can move an election only from closed to counted, so for
// any other status only the elections with that status now are read
// whole (a member's home asks for those open for voting on every view).
func (a *App) ListElections(ctx context.Context, status rankfile.ElectionStatus) ([]*rankfile.Election, error) {
	return a.listElections(ctx, status, false)
}

// listElections is ListElections, with the elections brief (without their
// committee, contests and candidates) when brief is true.
func (a *App) listElections(ctx context.Context, status rankfile.ElectionStatus, brief bool) ([]*rankfile.Election, error) {
	f := rankfile.ElectionFilter{Brief: brief}
	if status != "" && status != rankfile.ElectionCounted {
		f.Status, f.At = status, a.Now()
	}
	all, err := a.Elections.FindElections(ctx, f)
	if err != nil {
		return nil, err
	}
	out := []*rankfile.Election{}
	for _, e := range all {
		if changed, err := a.catchUp(ctx, e); err != nil {
			return nil, err
		} else if changed {
			if e, err = a.Elections.FindElection(ctx, e.ID); err != nil {
				return nil, err
			}
		}
		if status == "" || e.StatusAt(a.Now()) == status {
			out = append(out, e)
		}
	}
	return out, nil
}

// catchUp freezes the roll and counts the ballots of an election whose
// time for either has come, and says whether it did anything. The work
// runs one election at a time, so that the many requests that come at
// once when voting opens or closes do it once.
func (a *App) catchUp(ctx context.Context, e *rankfile.Election) (bool, error) {
	if !e.RollDue(a.Today()) && e.StatusAt(a.Now()) != rankfile.ElectionClosed {
		return false, nil
	}
	a.catchingUp.Lock()
	defer a.catchingUp.Unlock()
	e, err := a.Elections.FindElection(ctx, e.ID) // as it stands now that it is our turn
	if err != nil {
		return false, err
	}
	changed := false
	if e.RollDue(a.Today()) {
		if err := a.freezeRoll(ctx, e); err != nil {
			return false, err
		}
		changed = true
	}
	if e.StatusAt(a.Now()) == rankfile.ElectionClosed {
		if waits, err := a.countWaits(ctx, e); err != nil || waits {
			return changed, err
		}
		if err := a.countElection(ctx, e); err != nil {
			// A count that cannot run (reserved seats no result meets, say)
			// must not take the election's pages down with it: its
			// committee is told on the election's page (CountProblem).
			a.Logger.Error("counting an election", "election", e.ID, "err", err)
			return changed, nil
		}
		changed = true
	}
	return changed, nil
}

// freezeRoll puts on the roll the electorate's members in good standing
// on the cut-off. Later imports do not change it. Two requests freezing at
// once are fine: the second finds the roll frozen.
func (a *App) freezeRoll(ctx context.Context, e *rankfile.Election) error {
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: e.BodyID})
	if err != nil {
		return err
	}
	members, _, err := a.Members.FindMembers(ctx, rankfile.ElectorateFilter(body, e.Cutoff))
	if err != nil {
		return err
	}
	ids := make([]int64, len(members))
	for i, m := range members {
		ids[i] = m.ID
	}
	err = a.Elections.FreezeRoll(ctx, e.ID, ids)
	if rankfile.ErrorCode(err) == rankfile.ECONFLICT {
		return nil
	}
	return err
}

// CommitteeByEmail finds the members an admin names, by email address, to
// run an election.
func (a *App) CommitteeByEmail(ctx context.Context, actor *rankfile.Actor, emails []string) ([]int64, error) {
	if err := actor.Require(actor.CanCreateElection()); err != nil {
		return nil, err
	}
	var ids []int64
	for _, email := range emails {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: email})
		if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
			return nil, rankfile.Errorf(rankfile.EINVALID, "the committee: nobody on the roster has the address %s", email)
		} else if err != nil {
			return nil, err
		}
		ids = append(ids, m.ID)
	}
	return ids, nil
}
