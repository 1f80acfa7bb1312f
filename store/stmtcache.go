package store

import (
	"context"
	"database/sql"
	"sync"
)

// Preparing a statement costs SQLite as much as running a simple one:
// the query that reads a roster page takes half a millisecond to prepare.
// Reads therefore go through prepared statements kept by their text, which
// database/sql prepares once on each connection that runs them. The
// PostgreSQL driver keeps its own per connection, so there it is off.

// stmtCacheLimit bounds the statements kept. The queries rankfile reads
// with are a few dozen texts; past the limit, new ones run unprepared.
const stmtCacheLimit = 256

// reader runs read queries on a pool with cached prepared statements. It
// offers what *sql.DB does for reading, so it serves as a querier.
type reader struct {
	pool  *sql.DB
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt // nil: no cache
}

func newReader(pool *sql.DB, cache bool) *reader {
	r := &reader{pool: pool}
	if cache {
		r.stmts = map[string]*sql.Stmt{}
	}
	return r
}

// QueryContext runs a query that returns rows.
func (r *reader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.pool.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a query that returns at most one row.
func (r *reader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.pool.QueryRowContext(ctx, query, args...)
}

// stmt returns the prepared statement of query, preparing it the first
// time, or nil when it cannot be kept: the cache is full, or preparing
// failed, in which case running the query unprepared reports why.
func (r *reader) stmt(ctx context.Context, query string) *sql.Stmt {
	if r.stmts == nil {
		return nil
	}
	r.mu.RLock()
	st, ok := r.stmts[query]
	r.mu.RUnlock()
	if ok {
		return st
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if st, ok := r.stmts[query]; ok {
		return st
	}
	if len(r.stmts) >= stmtCacheLimit {
		return nil
	}
	st, err := r.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	r.stmts[query] = st
	return st
}

// PingContext checks that the database answers.
func (r *reader) PingContext(ctx context.Context) error { return r.pool.PingContext(ctx) }

// close closes the prepared statements; the pool is closed by its owner.
func (r *reader) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for q, st := range r.stmts {
		st.Close()
		delete(r.stmts, q)
	}
}
