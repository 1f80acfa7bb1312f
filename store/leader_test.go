package store_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// leader is one process's turn at leading, as a test sees it.
type leader struct {
	leading atomic.Int32
	turns   atomic.Int32
}

// lead runs db.Lead in the background until the test ends or stop is called.
func (l *leader) lead(t *testing.T, db *store.DB) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		db.Lead(ctx, "clock", slog.New(slog.NewTextHandler(io.Discard, nil)), func(ctx context.Context) {
			l.turns.Add(1)
			l.leading.Store(1)
			<-ctx.Done()
			l.leading.Store(0)
		})
	}()
	stop = func() { cancel(); <-done }
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds, failing the test after a minute:
// a guard against a hang, not a measure (BENCHMARKS.md has the failover's).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("still waiting for %s", what)
		}
	}
}

// TestOneProcessLeadsAndAnotherTakesOver has two servers' databases on one
// PostgreSQL want the same work: one leads, the other waits; when the
// leader stops, the other takes over; when the leader's session is killed
// (as its process dying would end it), its work stops and the other takes
// over. A rankfile in another schema of the same database leads its own.
func TestOneProcessLeadsAndAnotherTakesOver(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	a, b := storetest.Open(t, dsn), storetest.Open(t, dsn)
	var la, lb leader
	stopA := la.lead(t, a)
	waitFor(t, "a to lead", func() bool { return la.leading.Load() == 1 })
	lb.lead(t, b)
	var other leader
	stopOther := other.lead(t, storetest.Open(t, storetest.PostgresDSN(t)))
	waitFor(t, "the other schema's rankfile to lead", func() bool { return other.leading.Load() == 1 })
	time.Sleep(3 * time.Second) // b tries three times meanwhile
	if lb.turns.Load() != 0 {
		t.Fatal("b leads while a does")
	}
	stopA()
	stopOther()
	waitFor(t, "b to take over from a, stopped", func() bool { return lb.leading.Load() == 1 })

	stopA = la.lead(t, a)
	time.Sleep(2 * time.Second)
	if la.turns.Load() != 1 {
		t.Fatal("a leads again while b does")
	}
	terminate(t, a, "rankfile lead: clock")
	waitFor(t, "b's work to stop when its session ends", func() bool { return lb.leading.Load() == 0 })
	waitFor(t, "a to take over from b, killed", func() bool { return la.leading.Load() == 1 })
	if lb.leading.Load() == 1 {
		t.Fatal("both lead")
	}
}

// terminate ends the session of the given application name that holds
// an advisory lock, as PostgreSQL does when its process dies.
func terminate(t *testing.T, db *store.DB, application string) {
	t.Helper()
	ended, err := db.QueryStrings(`SELECT pg_terminate_backend(pid)::text FROM pg_locks l
		JOIN pg_stat_activity s USING (pid) WHERE l.locktype = 'advisory' AND l.granted AND s.application_name = $1`, application)
	if err != nil || len(ended) != 1 {
		t.Fatalf("ending the leader's session: %v, %v", ended, err)
	}
}

// TestSQLiteLeadsAtOnce: one server serves a SQLite file, so it leads.
func TestSQLiteLeadsAtOnce(t *testing.T) {
	var l leader
	l.lead(t, storetest.Open(t, storetest.SQLiteDSN(t)))
	waitFor(t, "the SQLite server to lead", func() bool { return l.leading.Load() == 1 })
}
