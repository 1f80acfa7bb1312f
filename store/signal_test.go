package store_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// hearing is what a listening server has heard.
type hearing struct {
	mu    sync.Mutex
	heard map[string]int
	lost  int
}

func (h *hearing) count(what string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if what == "lost" {
		return h.lost
	}
	return h.heard[what]
}

// listen has db listen until the test ends.
func (h *hearing) listen(t *testing.T, db *store.DB) {
	h.heard = map[string]int{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		db.Listen(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), func(kind string, id int64) {
			h.mu.Lock()
			h.heard[kind+" "+string(rune('0'+id))]++
			h.mu.Unlock()
		}, func() {
			h.mu.Lock()
			h.lost++
			h.mu.Unlock()
		})
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// TestAServerHearsAnothersChanges has one server signal meetings' changes
// and another, on the same PostgreSQL, hear them; a storm of changes to
// one meeting arrives as a few signals; a rankfile in another schema hears
// nothing of it; and a listener whose connection is cut hears that it
// lost what was said meanwhile.
func TestAServerHearsAnothersChanges(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	a, b := storetest.Open(t, dsn), storetest.Open(t, dsn)
	var hb, other hearing
	hb.listen(t, b)
	other.listen(t, storetest.Open(t, storetest.PostgresDSN(t)))
	waitFor(t, "b to listen", func() bool { return hb.count("lost") == 1 })
	waitFor(t, "the other to listen", func() bool { return other.count("lost") == 1 })
	a.Signal("meeting", 5)
	waitFor(t, "b to hear of meeting 5", func() bool { return hb.count("meeting 5") == 1 })
	for range 1000 {
		a.Signal("meeting", 6)
	}
	a.Signal("meeting", 7)
	waitFor(t, "b to hear of meeting 7", func() bool { return hb.count("meeting 7") == 1 })
	if n := hb.count("meeting 6"); n < 1 || n > 100 {
		t.Errorf("a thousand changes to meeting 6 came as %d signals", n)
	}
	if n := other.count("meeting 5"); n != 0 {
		t.Errorf("a rankfile in another schema heard %d signals", n)
	}
	if _, err := a.QueryStrings(`SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
		WHERE query LIKE 'LISTEN "rankfile ' || current_schema() || '"'`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "b to listen again and say it lost signals", func() bool { return hb.count("lost") == 2 })
	a.Signal("meeting", 8)
	waitFor(t, "b to hear of meeting 8", func() bool { return hb.count("meeting 8") == 1 })
}

// TestSQLiteHasNoOneToSignal: on SQLite, Signal does nothing and Listen
// returns at once.
func TestSQLiteHasNoOneToSignal(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	db.Signal("meeting", 1)
	db.Listen(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), func(string, int64) { t.Error("heard") }, func() { t.Error("lost") })
}
