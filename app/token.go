package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// A member's own personal API tokens: listed, made and revoked. Only the
// member's own: someone else's token id is as unknown as one never made.

// MyAPITokens returns the actor's tokens, revoked and expired ones too,
// newest first.
func (a *App) MyAPITokens(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.APIToken, error) {
	if err := actor.Require(actor.CanManageOwnAPITokens()); err != nil {
		return nil, err
	}
	return a.Auth.FindAPITokens(ctx, rankfile.APITokenFilter{MemberID: actor.ID()})
}

// CreateMyAPIToken makes a token for the actor lasting days and returns its
// secret, to be shown this once. Making it is audited.
func (a *App) CreateMyAPIToken(ctx context.Context, actor *rankfile.Actor, name string, days int) (string, *rankfile.APIToken, error) {
	if err := actor.Require(actor.CanManageOwnAPITokens()); err != nil {
		return "", nil, err
	}
	return a.Auth.CreateAPIToken(as(ctx, actor), actor.ID(), name, days)
}

// RevokeMyAPIToken revokes one of the actor's tokens: ENOTFOUND for an id
// that is not theirs, ECONFLICT for one revoked already. Revoking is
// audited.
func (a *App) RevokeMyAPIToken(ctx context.Context, actor *rankfile.Actor, id int64) error {
	if err := actor.Require(actor.CanManageOwnAPITokens()); err != nil {
		return err
	}
	_, err := a.Auth.RevokeAPIToken(as(ctx, actor), id, actor.ID())
	return err
}
