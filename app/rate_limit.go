package app

import (
	"context"
	"time"
)

// SharedLimits counts requests for rate limits together with the other
// servers sharing the database, so that a limit holds however many
// servers a client's requests reach (store.DB.Allow, on PostgreSQL).
type SharedLimits interface {
	// Allow counts a request of client against the named limit of n
	// requests a period, and reports whether it is within it.
	Allow(ctx context.Context, name, client string, n int, per time.Duration) (bool, error)
}

// SharedAllow counts a request against a shared limit and reports whether
// it may go on. When the count cannot be reached the request goes on: the
// database it failed on would fail the request anyway, and a limit must
// not shut members out on its own.
func SharedAllow(ctx context.Context, l SharedLimits, name, client string, n int, per time.Duration) bool {
	ok, err := l.Allow(ctx, name, client, n, per)
	return ok || err != nil
}
