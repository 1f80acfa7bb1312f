// Package live keeps subscribers up to date with the state of topics (a
// meeting: who is present, the vote under way and how many have voted):
// what rankfile sends phones and projector screens as Server-Sent Events.
//
// A change marks a topic stale. One goroutine per topic with subscribers
// loads its state at most once an interval, however many changes came in
// it, and offers the same bytes to every subscriber. A subscriber holds
// only the newest state: one that falls behind skips to it rather than
// queueing, so that a slow phone never holds up the others or the hub.
package live

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Loader reads a topic's current state, ready to send.
type Loader func(ctx context.Context, topic int64) ([]byte, error)

// Hub fans topics' states out to their subscribers.
type Hub struct {
	load   Loader
	every  time.Duration
	logger *slog.Logger

	mu     sync.Mutex
	topics map[int64]*topic
}

type topic struct {
	subs    map[*Sub]struct{}
	stale   bool
	running bool
	last    []byte
}

// New returns a hub that loads each topic's state with load, at most once
// every interval.
func New(load Loader, every time.Duration, logger *slog.Logger) *Hub {
	return &Hub{load: load, every: every, logger: logger, topics: map[int64]*topic{}}
}

// Sub is a subscription to a topic. C gives the newest state each time it
// changes, the current one first.
type Sub struct {
	C     <-chan []byte
	c     chan []byte
	hub   *Hub
	topic int64
}

// Subscribe starts a subscription to a topic; Close ends it.
func (h *Hub) Subscribe(id int64) *Sub {
	c := make(chan []byte, 1)
	s := &Sub{C: c, c: c, hub: h, topic: id}
	h.mu.Lock()
	defer h.mu.Unlock()
	t := h.topics[id]
	if t == nil {
		t = &topic{subs: map[*Sub]struct{}{}}
		h.topics[id] = t
	}
	t.subs[s] = struct{}{}
	if t.last != nil {
		s.offer(t.last)
	} else {
		h.markStale(id, t)
	}
	return s
}

// Close ends the subscription.
func (s *Sub) Close() {
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.topics[s.topic]; t != nil {
		delete(t.subs, s)
		if len(t.subs) == 0 {
			delete(h.topics, s.topic)
		}
	}
}

// offer gives the subscriber a state, replacing one it has not taken.
// It is called with the hub locked, so offers do not interleave.
func (s *Sub) offer(state []byte) {
	select {
	case s.c <- state:
		return
	default:
	}
	select {
	case <-s.c:
	default:
	}
	s.c <- state
}

// Changed marks a topic's state stale: its subscribers get the new one
// within an interval. A topic no one follows is not loaded.
func (h *Hub) Changed(id int64) {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.topics[id]; t != nil {
		h.markStale(id, t)
	}
}

// ChangedAll marks every followed topic's state stale, when changes may
// have gone unheard.
func (h *Hub) ChangedAll() {
	if h == nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for id, t := range h.topics {
		h.markStale(id, t)
	}
}

func (h *Hub) markStale(id int64, t *topic) {
	t.stale = true
	if !t.running {
		t.running = true
		go h.run(id, t)
	}
}

// run loads and sends a topic's state while it is stale and followed,
// waiting an interval after each load so that a burst of changes costs
// one load.
func (h *Hub) run(id int64, t *topic) {
	for {
		h.mu.Lock()
		if !t.stale || len(t.subs) == 0 {
			t.running = false
			h.mu.Unlock()
			return
		}
		t.stale = false
		h.mu.Unlock()

		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		state, err := h.load(ctx, id)
		cancel()
		h.mu.Lock()
		if err != nil {
			h.logger.Error("loading live state", "topic", id, "err", err)
			t.stale = true // try again after the interval
		} else {
			t.last = state
			for s := range t.subs {
				s.offer(state)
			}
		}
		h.mu.Unlock()
		time.Sleep(h.every)
	}
}
