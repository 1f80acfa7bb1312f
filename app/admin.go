package app

import (
	"context"
	"strings"

	"github.com/rankfile/rankfile"
)

// Import applies a national list, for the data stewards.
func (a *App) Import(ctx context.Context, actor *rankfile.Actor, src rankfile.RosterSource, opts rankfile.ImportOptions) (*rankfile.ImportReport, error) {
	if err := actor.Require(actor.CanImport()); err != nil {
		return nil, err
	}
	opts.Actor = actor.Name()
	if err := a.CatchUpElections(ctx); err != nil { // rolls due are frozen before the list changes standing
		return nil, err
	}
	return a.Roster.ImportRoster(as(ctx, actor), src, opts)
}

// Imports returns the import log, for the data stewards.
func (a *App) Imports(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.ImportReport, error) {
	if err := actor.Require(actor.CanImport()); err != nil {
		return nil, err
	}
	return a.Roster.FindImports(ctx, 20)
}

// LoadBranches replaces the branch boundaries, for the data stewards.
func (a *App) LoadBranches(ctx context.Context, actor *rankfile.Actor, js []rankfile.Jurisdiction) (*rankfile.BranchReport, error) {
	if err := actor.Require(actor.CanImport()); err != nil {
		return nil, err
	}
	if err := a.CatchUpElections(ctx); err != nil { // rolls due are frozen before members change branches
		return nil, err
	}
	return a.Branches.LoadBranches(as(ctx, actor), js, rankfile.BranchOptions{Actor: actor.Name()})
}

// Jurisdictions returns the branch boundaries, for the map anyone may see:
// they show areas, never people.
func (a *App) Jurisdictions(ctx context.Context) ([]rankfile.Jurisdiction, error) {
	return a.Branches.FindJurisdictions(ctx)
}

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
