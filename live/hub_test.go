package live

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

// counter is a topic whose state is how many times it changed, and which
// counts its loads.
type counter struct {
	changes, loads atomic.Int64
}

func (c *counter) load(context.Context, int64) ([]byte, error) {
	c.loads.Add(1)
	return fmt.Appendf(nil, "%d", c.changes.Load()), nil
}

func newHub(c *counter) *Hub {
	return New(c.load, 20*time.Millisecond, slog.New(slog.NewTextHandler(io.Discard, nil)))
}

// next waits for the subscriber's next state.
func next(t *testing.T, s *Sub) string {
	t.Helper()
	select {
	case b := <-s.C:
		return string(b)
	case <-time.After(5 * time.Second):
		t.Fatal("no state came")
		return ""
	}
}

func TestSubscriberGetsTheCurrentStateThenEachChange(t *testing.T) {
	c := &counter{}
	h := newHub(c)
	s := h.Subscribe(1)
	defer s.Close()
	if got := next(t, s); got != "0" {
		t.Fatalf("first state %q, want 0", got)
	}
	c.changes.Add(1)
	h.Changed(1)
	if got := next(t, s); got != "1" {
		t.Fatalf("after a change %q, want 1", got)
	}
	late := h.Subscribe(1)
	defer late.Close()
	if got := next(t, late); got != "1" {
		t.Fatalf("a late subscriber got %q, want the current 1", got)
	}
}

func TestABurstOfChangesCostsFewLoadsAndEndsOnTheLast(t *testing.T) {
	c := &counter{}
	h := newHub(c)
	s := h.Subscribe(1)
	defer s.Close()
	next(t, s)
	for range 1000 {
		c.changes.Add(1)
		h.Changed(1)
	}
	deadline := time.After(5 * time.Second)
	for {
		select {
		case b := <-s.C:
			if string(b) == "1000" {
				if loads := c.loads.Load(); loads > 50 {
					t.Fatalf("1000 changes took %d loads", loads)
				}
				return
			}
		case <-deadline:
			t.Fatal("the last state never came")
		}
	}
}

func TestASlowSubscriberSkipsToTheNewest(t *testing.T) {
	c := &counter{}
	h := newHub(c)
	slow, quick := h.Subscribe(1), h.Subscribe(1)
	defer slow.Close()
	defer quick.Close()
	for i := 1; i <= 5; i++ {
		c.changes.Add(1)
		h.Changed(1)
		for next(t, quick) != fmt.Sprint(i) {
		}
	}
	if got := next(t, slow); got != "5" {
		t.Fatalf("a subscriber that took nothing got %q, want the newest, 5", got)
	}
}

func TestAnUnfollowedTopicIsNotLoaded(t *testing.T) {
	c := &counter{}
	h := newHub(c)
	s := h.Subscribe(1)
	next(t, s)
	s.Close()
	before := c.loads.Load()
	h.Changed(1)
	h.Changed(2)
	time.Sleep(100 * time.Millisecond)
	if c.loads.Load() != before {
		t.Fatal("a topic no one follows was loaded")
	}
}

// TestChangedAllReloadsEveryFollowedTopic: when changes may have gone
// unheard, every topic followed is loaded again, and only those.
func TestChangedAllReloadsEveryFollowedTopic(t *testing.T) {
	c := &counter{}
	h := newHub(c)
	a, b := h.Subscribe(1), h.Subscribe(2)
	defer a.Close()
	defer b.Close()
	next(t, a)
	next(t, b)
	c.changes.Add(1)
	h.ChangedAll()
	if got := next(t, a); got != "1" {
		t.Errorf("topic 1 after ChangedAll: %q, want 1", got)
	}
	if got := next(t, b); got != "1" {
		t.Errorf("topic 2 after ChangedAll: %q, want 1", got)
	}
	if _, followed := h.topics[3]; followed {
		t.Error("ChangedAll made a topic no one follows")
	}
	var none *Hub
	none.ChangedAll() // a server without live pages
}
