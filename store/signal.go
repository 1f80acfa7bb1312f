package store

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Servers sharing a PostgreSQL database tell each other of changes whose
// news cannot wait for a cache to expire (a vote cast on one server is
// shown at once on the phones following the meeting through another)
// with PostgreSQL's NOTIFY, on a channel of the rankfile's schema. Signals
// are news, not data: a receiver reads the state from the database, and
// one that may have missed some (its connection broke) hears that it
// lost them and reads everything again. On SQLite there is one server and
// nothing to tell.

// signalEvery bounds how often one server sends signals: changes within
// it go out together, one per kind and id, so that a storm of votes costs
// the database one notification an interval, not one a vote.
const signalEvery = 20 * time.Millisecond

// signaler gathers the signals due, for sending together.
type signaler struct {
	mu      sync.Mutex
	pending map[string]struct{}
	sending bool
}

// Signal tells the other servers sharing the database that the thing of
// kind and id changed. It returns at once; the signal goes within
// signalEvery, with those others raised meanwhile.
func (db *DB) Signal(kind string, id int64) {
	if db.dialect != Postgres {
		return
	}
	s := &db.signals
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending == nil {
		s.pending = map[string]struct{}{}
	}
	s.pending[kind+":"+strconv.FormatInt(id, 10)] = struct{}{}
	if !s.sending {
		s.sending = true
		go db.sendSignals()
	}
}

// sendSignals sends the signals pending after signalEvery, then those
// raised while it sent, until none are left.
func (db *DB) sendSignals() {
	s := &db.signals
	for {
		time.Sleep(signalEvery)
		s.mu.Lock()
		due := make([]string, 0, len(s.pending))
		for p := range s.pending {
			due = append(due, p)
		}
		clear(s.pending)
		if len(due) == 0 {
			s.sending = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		// A notification's payload holds under 8,000 bytes: a storm's
		// changes go as several.
		for _, payload := range chunks(due, 7000) {
			// A lost signal leaves another server's followers a change
			// behind until the next; the database's own errors are logged
			// where they are felt, by the requests.
			db.write.ExecContext(ctx, `SELECT pg_notify('rankfile ' || current_schema(), $1)`, payload)
		}
		cancel()
	}
}

// chunks joins items with spaces into strings of at most max bytes.
func chunks(items []string, max int) []string {
	var out []string
	var b strings.Builder
	for _, it := range items {
		if b.Len() > 0 && b.Len()+1+len(it) > max {
			out = append(out, b.String())
			b.Reset()
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(it)
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// Listen calls heard with each signal other servers (and this one) send,
// until ctx ends, and lost each time it connects to listen, first time
// included: signals sent while it was not listening are lost, and lost
// must read again whatever they might have told. On SQLite it returns at
// once.
func (db *DB) Listen(ctx context.Context, logger *slog.Logger, heard func(kind string, id int64), lost func()) {
	if db.dialect != Postgres {
		return
	}
	keepTrying(ctx, logger, "listening for other servers' changes", func() error { return db.listenOnce(ctx, heard, lost) })
}

// listenOnce connects, listens and passes on signals until the
// connection fails or ctx ends.
func (db *DB) listenOnce(ctx context.Context, heard func(kind string, id int64), lost func()) error {
	conn, schema, err := db.ownConn(ctx, "rankfile signals")
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{"rankfile " + schema}.Sanitize()); err != nil {
		return err
	}
	lost()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		for _, s := range strings.Fields(n.Payload) {
			kind, id, err := parseSignal(s)
			if err != nil {
				return err
			}
			heard(kind, id)
		}
	}
}

// parseSignal reads a signal, kind:id.
func parseSignal(s string) (kind string, id int64, err error) {
	kind, num, ok := strings.Cut(s, ":")
	if ok {
		id, err = strconv.ParseInt(num, 10, 64)
	}
	if !ok || err != nil {
		return "", 0, fmt.Errorf("a signal %q that is not kind:id", s)
	}
	return kind, id, nil
}
