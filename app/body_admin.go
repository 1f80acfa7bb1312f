package app

import (
	"context"
	"strings"

	"github.com/rankfile/rankfile"
)

// Bodies, their seats and who holds them, set up by the admins.

// CreateBody adds a body, for the admins.
func (a *App) CreateBody(ctx context.Context, actor *rankfile.Actor, b *rankfile.Body) error {
	if err := actor.Require(actor.CanManageBodies()); err != nil {
		return err
	}
	return a.Bodies.CreateBody(as(ctx, actor), b)
}

// UpdateBody changes a body's description, contact and joining, for the admins.
func (a *App) UpdateBody(ctx context.Context, actor *rankfile.Actor, id int64, upd rankfile.BodyUpdate) (*rankfile.Body, error) {
	if err := actor.Require(actor.CanManageBodies()); err != nil {
		return nil, err
	}
	return a.Bodies.UpdateBody(as(ctx, actor), id, upd)
}

// CreateSeat adds a seat to a body, for the admins.
func (a *App) CreateSeat(ctx context.Context, actor *rankfile.Actor, s *rankfile.Seat) error {
	if err := actor.Require(actor.CanManageBodies()); err != nil {
		return err
	}
	return a.Bodies.CreateSeat(as(ctx, actor), s)
}

// CreatePosition puts a member in a seat or a body, for the admins.
func (a *App) CreatePosition(ctx context.Context, actor *rankfile.Actor, p *rankfile.Position) error {
	if err := actor.Require(actor.CanManageBodies()); err != nil {
		return err
	}
	return a.Bodies.CreatePosition(as(ctx, actor), p)
}

// EndPosition records the last day of a position, for the admins.
func (a *App) EndPosition(ctx context.Context, actor *rankfile.Actor, id int64, last rankfile.Date) error {
	if err := actor.Require(actor.CanManageBodies()); err != nil {
		return err
	}
	return a.Bodies.EndPosition(as(ctx, actor), id, last)
}

// BodyAdminView is a body with its seats and everyone in it, for the admins.
func (a *App) BodyAdminView(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.BodyView, error) {
	if err := actor.Require(actor.CanManageBodies()); err != nil {
		return nil, err
	}
	v, err := rankfile.LoadBodyView(ctx, a.Bodies, a.Members, id, a.Today())
	if err != nil {
		return nil, err
	}
	redactHolders(v, a.Today())
	return v, nil
}

// FindMemberForAdmin finds the member an admin names by national id or
// email address, to give them a position. Only their name comes back.
func (a *App) FindMemberForAdmin(ctx context.Context, actor *rankfile.Actor, ref string) (*rankfile.Member, error) {
	if err := actor.Require(actor.CanManageBodies()); err != nil {
		return nil, err
	}
	return a.memberByRef(ctx, ref)
}

// memberByRef finds the member named by national id or email address, for
// a form that names one (an appointment, a trainer). Only the name comes
// back.
func (a *App) memberByRef(ctx context.Context, ref string) (*rankfile.Member, error) {
	f := rankfile.MemberFilter{NationalID: ref, Limit: 2}
	if strings.Contains(ref, "@") {
		f = rankfile.MemberFilter{Email: ref, Limit: 2}
	}
	members, _, err := a.Members.FindMembers(ctx, f)
	switch {
	case err != nil:
		return nil, err
	case len(members) == 0 || ref == "":
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no member with national id or email %q", ref)
	case len(members) > 1:
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "several members share %s: name one by national id", ref)
	}
	return rankfile.Redact(members[0], rankfile.SeeNothing, a.Today()), nil
}
