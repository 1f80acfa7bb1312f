package app

import "context"

// The link at the foot of every weekly email, which stops it.

// CheckUnsubscribe reports whether an unsubscribe link works, changing
// nothing.
func (a *App) CheckUnsubscribe(ctx context.Context, token string) error {
	return a.Weekly.CheckUnsubscribeToken(ctx, token)
}

// Unsubscribe takes the member whose link it is off the weekly email. The
// link is the permission: whoever got the email may stop it.
func (a *App) Unsubscribe(ctx context.Context, token string) error {
	return a.Weekly.Unsubscribe(ctx, token)
}
