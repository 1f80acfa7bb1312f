package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Joining and leaving a body, and asking to join one whose leaders decide.

// Join makes the actor a member of an open body, from today.
func (a *App) Join(ctx context.Context, actor *rankfile.Actor, slug string) error {
	p, err := a.relation(ctx, actor, slug)
	if err != nil {
		return err
	}
	if err := p.Body.CheckActive(); err != nil {
		return err
	}
	if err := actor.Require(p.CanJoin); err != nil {
		return err
	}
	return a.Bodies.CreatePosition(as(ctx, actor), &rankfile.Position{MemberID: actor.ID(), BodyID: p.Body.ID, StartOn: a.Today()})
}

// Leave ends the actor's membership of a body they joined.
func (a *App) Leave(ctx context.Context, actor *rankfile.Actor, slug string) error {
	p, err := a.relation(ctx, actor, slug)
	if err != nil {
		return err
	}
	if err := actor.Require(p.CanLeave); err != nil {
		return err
	}
	return a.Bodies.LeaveBody(as(ctx, actor), actor.ID(), p.Body.ID)
}

// RequestToJoin asks the leaders of a body to let the actor in.
func (a *App) RequestToJoin(ctx context.Context, actor *rankfile.Actor, slug string) error {
	p, err := a.relation(ctx, actor, slug)
	if err != nil {
		return err
	}
	if err := p.Body.CheckActive(); err != nil {
		return err
	}
	if err := actor.Require(p.CanRequest); err != nil {
		return err
	}
	_, err = a.Bodies.RequestToJoin(as(ctx, actor), actor.ID(), p.Body.ID)
	return err
}

// DecideJoin lets a member in, or not, for a leader of the body.
func (a *App) DecideJoin(ctx context.Context, actor *rankfile.Actor, requestID int64, approve bool) error {
	reqs, err := a.Bodies.FindJoinRequests(ctx, rankfile.JoinRequestFilter{ID: requestID})
	if err != nil {
		return err
	} else if len(reqs) == 0 {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such request")
	}
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: reqs[0].BodyID})
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanDecideJoinRequests(b)); err != nil {
		return err
	}
	if approve {
		if err := b.CheckActive(); err != nil { // a request made before it was dissolved
			return err
		}
	}
	return a.Bodies.DecideJoinRequest(as(ctx, actor), requestID, approve)
}

// relation finds a body and what the actor may do about it, and nothing
// more: joining and leaving must not list anybody's details.
func (a *App) relation(ctx context.Context, actor *rankfile.Actor, slug string) (*BodyPage, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		return nil, err
	}
	p := &BodyPage{Body: b}
	return p, a.bodyRelation(ctx, actor, p)
}
