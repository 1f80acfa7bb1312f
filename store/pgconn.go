package store

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Leading once-only work (leader.go) and listening for other servers'
// news (signal.go) each hold a PostgreSQL connection of their own for as
// long as the server runs, outside the pool: a session-level lock and a
// LISTEN belong to one session.

// ownConn opens a connection of its own, named for what it holds so that
// an operator sees it in pg_stat_activity, and returns it with the
// schema it works in.
func (db *DB) ownConn(ctx context.Context, name string) (*pgx.Conn, string, error) {
	cfg, err := pgx.ParseConfig(db.dsn)
	if err != nil {
		return nil, "", err
	}
	cfg.RuntimeParams["application_name"] = name
	// A process that dies ends its session at once (the system closes its
	// socket); one cut off by the network would keep its session (and a
	// lead's lock) until PostgreSQL notices, after two hours of silence by
	// default: these keepalives make that about 11 seconds.
	cfg.RuntimeParams["tcp_keepalives_idle"] = "5"
	cfg.RuntimeParams["tcp_keepalives_interval"] = "2"
	cfg.RuntimeParams["tcp_keepalives_count"] = "3"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, "", err
	}
	var schema string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		conn.Close(context.WithoutCancel(ctx))
		return nil, "", err
	}
	return conn, schema, nil
}

// keepTrying runs once until ctx ends, again leadRetry after each return,
// logging what failed as what.
func keepTrying(ctx context.Context, logger *slog.Logger, what string, once func() error) {
	for ctx.Err() == nil {
		if err := once(); err != nil && ctx.Err() == nil {
			logger.Warn(what, "err", err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(leadRetry):
		}
	}
}
