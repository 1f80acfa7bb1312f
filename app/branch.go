package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Branches: their boundaries, loaded by the data stewards and drawn for
// anyone, and the branch a member chooses instead of the one they live in.

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

// ChooseBranch puts the actor in a branch of their choice, "" for the one
// they live in.
func (a *App) ChooseBranch(ctx context.Context, actor *rankfile.Actor, slug string) error {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	return a.Members.ChooseBranch(as(ctx, actor), actor.ID(), slug, actor.Name())
}

// BranchList lists the branches a member may choose from.
func (a *App) BranchList(ctx context.Context) ([]*rankfile.Body, error) {
	return a.Bodies.FindBodies(ctx, rankfile.BodyFilter{Kind: rankfile.KindBranch})
}
