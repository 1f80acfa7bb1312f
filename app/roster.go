package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The national member list, imported by the data stewards.

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
