package store

import (
	"context"
	"errors"
	"hash/fnv"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// Work that must run once however many servers share a database (the
// clock that closes elections and counts them, the outbox's sender) is led
// by one process at a time. On PostgreSQL the leader holds a session-level
// advisory lock on a connection of its own: when the process dies, however
// it dies, PostgreSQL ends the session and frees the lock, and a waiting
// process takes it within leadRetry. On SQLite only one server may serve a
// file (ClaimServing), so it always leads.

// leadRetry is how often a process that does not lead tries to take the
// lead, and how often a leader checks that it still holds it: together
// they bound how long work goes unled after its leader dies.
const leadRetry = time.Second

// leadPatience is how long a leader waits for its connection to answer
// before it stops leading: a database slow under load is not a lost lead.
const leadPatience = 5 * time.Second

// Lead runs work, with a context that ends when this process stops
// leading, each time this process takes the lead of the named work, until
// ctx ends. A leader that loses its connection to the database stops
// (work's context ends) before another can have taken the lead for long:
// another process takes it only after PostgreSQL has ended the session.
func (db *DB) Lead(ctx context.Context, name string, logger *slog.Logger, work func(ctx context.Context)) {
	if db.dialect != Postgres {
		work(ctx)
		return
	}
	keepTrying(ctx, logger.With("work", name), "taking the lead", func() error { return db.leadOnce(ctx, name, logger, work) })
}

// leadOnce connects, waits for the lead, and runs work while it holds it.
func (db *DB) leadOnce(ctx context.Context, name string, logger *slog.Logger, work func(ctx context.Context)) error {
	conn, schema, err := db.ownConn(ctx, "rankfile lead: "+name)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	key := leadKey(schema, name)
	for {
		var got bool
		if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, key).Scan(&got); err != nil {
			return err
		}
		if got {
			break
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(leadRetry):
		}
	}
	logger.Info("leading", "work", name)
	defer logger.Info("no longer leading", "work", name)
	return holdLead(ctx, conn, work)
}

// holdLead runs work while conn, which holds the lead, answers; it
// returns when work does, or when the connection fails.
func holdLead(ctx context.Context, conn *pgx.Conn, work func(ctx context.Context)) error {
	leading, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		work(leading)
	}()
	tick := time.NewTicker(leadRetry)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return nil
		case <-tick.C:
		}
		check, cancel := context.WithTimeout(ctx, leadPatience)
		err := conn.Ping(check)
		cancel()
		if err != nil {
			stop()
			<-done
			if ctx.Err() != nil {
				return nil
			}
			return errors.Join(errors.New("the connection holding the lead failed"), err)
		}
	}
}

// leadKey is the advisory lock's key for a named work in the connection's
// schema. Advisory locks belong to the whole database: the schema is in
// the key so that rankfiles in schemas of one database (tests among them)
// each have their own leaders.
func leadKey(schema, name string) int64 {
	h := fnv.New64a()
	h.Write([]byte("rankfile lead\x00" + schema + "\x00" + name))
	return int64(h.Sum64())
}
