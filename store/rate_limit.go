package store

import (
	"context"
	"sync"
	"time"
)

// Rate limits (sign-in attempts, guest registrations, the API) must hold
// for a client however many servers behind a load balancer its requests
// reach. On PostgreSQL the servers count requests together in an unlogged
// table, by fixed windows of the limit's period, and weigh the window
// before by how much of it still lies within a period of now (a sliding
// window, to within the rounding of one request). SQLite is served by one
// server, which counts in memory (package http) and never calls this.

// rateLimitKeep is how long a window's count is kept: beyond the longest
// period a limit has (an hour), with room.
const rateLimitKeep = 24 * time.Hour

// rateSweepEvery is how often a server deletes the counts no longer kept.
const rateSweepEvery = 10 * time.Minute

// rateSweep remembers when this process last swept the counts.
type rateSweep struct {
	mu   sync.Mutex
	last time.Time
}

// Allow counts a request of client against the named limit of n requests
// a period, and reports whether it is within the limit. Refused requests
// count too: a client that keeps trying stays refused.
func (db *DB) Allow(ctx context.Context, name, client string, n int, per time.Duration) (bool, error) {
	now := time.Now()
	period := int64(per / time.Second)
	if period < 1 {
		period = 1
	}
	start := now.Unix() / period * period
	var cur, prev int
	err := db.write.QueryRowContext(ctx, `WITH counted AS (
			INSERT INTO rate_limits (name, client, window_start, n) VALUES ($1, $2, $3, 1)
			ON CONFLICT (name, client, window_start) DO UPDATE SET n = rate_limits.n + 1
			RETURNING n)
		SELECT counted.n, COALESCE((SELECT n FROM rate_limits WHERE name = $1 AND client = $2 AND window_start = $4), 0)
		FROM counted`, name, client, start, start-period).Scan(&cur, &prev)
	if err != nil {
		return false, err
	}
	db.sweepRateLimits(ctx, now)
	// The share of the window before that still lies within a period.
	before := 1 - float64(now.UnixNano()-start*int64(time.Second))/float64(period*int64(time.Second))
	return float64(cur)+float64(prev)*before <= float64(n), nil
}

// sweepRateLimits deletes the counts no longer kept, once every
// rateSweepEvery in a process.
func (db *DB) sweepRateLimits(ctx context.Context, now time.Time) {
	db.rateSweep.mu.Lock()
	due := now.Sub(db.rateSweep.last) >= rateSweepEvery
	if due {
		db.rateSweep.last = now
	}
	db.rateSweep.mu.Unlock()
	if due {
		// A failed sweep is tried again at the next; the counts left
		// behind are harmless.
		db.write.ExecContext(ctx, `DELETE FROM rate_limits WHERE window_start < $1`, now.Add(-rateLimitKeep).Unix())
	}
}
