package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Path is where a member stands on the chapter's ladder, and what the
// next stage asks of her that she has not yet done.
type Path struct {
	Stage  string                // her stage's key, "" before the first
	Next   *rankfile.LadderStage // the stage above hers; nil at the top
	Needs  []PathNeed            // the next stage's rules she does not yet meet
	Ladder rankfile.Ladder
}

// PathNeed is a rule of the next stage and how far the member is from it.
type PathNeed struct {
	Rule rankfile.LadderRule
	Have int
}

// MyPath returns the signed-in member's place on the ladder.
func (a *App) MyPath(ctx context.Context, actor *rankfile.Actor) (*Path, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	return a.pathOf(ctx, actor.Member.ID)
}

// pathOf computes a member's stage today from her records.
func (a *App) pathOf(ctx context.Context, memberID int64) (*Path, error) {
	ladder, err := a.Ladders.Ladder(ctx)
	if err != nil {
		return nil, err
	}
	today := a.Today()
	activity, err := a.Ladders.MemberActivity(ctx, memberID, today)
	if err != nil {
		return nil, err
	}
	p := &Path{Stage: ladder.StageOf(activity, today), Ladder: ladder}
	if rank := ladder.Rank(p.Stage); rank < len(ladder) {
		p.Next = &ladder[rank]
		for _, r := range p.Next.Rules {
			if have := activity.Count(r.Counter, r.Days, today); have < r.Min {
				p.Needs = append(p.Needs, PathNeed{Rule: r, Have: have})
			}
		}
	}
	return p, nil
}

// Ladder returns the chapter's ladder, for those who may write it.
func (a *App) Ladder(ctx context.Context, actor *rankfile.Actor) (rankfile.Ladder, error) {
	if err := actor.Require(actor.CanSetLadder()); err != nil {
		return nil, err
	}
	return a.Ladders.Ladder(ctx)
}

// SetLadder writes the chapter's ladder; EINVALID, naming the line, when
// it does not read, and nothing changes.
func (a *App) SetLadder(ctx context.Context, actor *rankfile.Actor, text string) error {
	if err := actor.Require(actor.CanSetLadder()); err != nil {
		return err
	}
	return a.Ladders.SetLadder(as(ctx, actor), text)
}
