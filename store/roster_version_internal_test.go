package store

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestKeptLoadsOnceForMany asks twenty times at once for a value that is
// not kept: one load serves them all, where each used to load it (count
// 100,000 members) for itself.
func TestKeptLoadsOnceForMany(t *testing.T) {
	var c keptCache
	var loads atomic.Int32
	release := make(chan struct{})
	load := func(context.Context) (any, error) {
		loads.Add(1)
		<-release
		return 42, nil
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := c.value(context.Background(), 1, "count", load); v != 42 || err != nil {
				t.Errorf("value: %v, %v", v, err)
			}
		}()
	}
	time.Sleep(50 * time.Millisecond) // let them all ask before the load ends
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("twenty requests at once loaded the value %d times, want once", n)
	}
}

// TestKeptRenewsValuesInUse has a value asked for through its life: late
// in it, the value is loaded again behind the requests, which get the kept
// value at once, so that it never expires under them; unused, or of
// another version, a value is loaded again by whoever asks.
func TestKeptRenewsValuesInUse(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	c := keptCache{now: func() time.Time { return now }}
	var loads atomic.Int32
	gate := make(chan struct{}, 10)
	load := func(context.Context) (any, error) {
		<-gate
		return int(loads.Add(1)), nil
	}
	ask := func(version int64, want int) {
		t.Helper()
		if v, err := c.value(context.Background(), version, "count", load); v != want || err != nil {
			t.Errorf("after %v: value %v, %v, want %d", now.Sub(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)), v, err, want)
		}
	}
	gate <- struct{}{}
	ask(1, 1)
	now = now.Add(30 * time.Second)
	ask(1, 1)
	now = now.Add(20 * time.Second) // past keptRenewAfter: renewed in the background
	for range 5 {
		ask(1, 1) // at once, while the renewal waits at the gate
	}
	gate <- struct{}{}
	waitLoads(t, &c)
	if n := loads.Load(); n != 2 {
		t.Errorf("%d loads before the value expired, want 2: the value in use was not renewed", n)
	}
	now = now.Add(20 * time.Second) // past the first value's lifetime, not the second's
	ask(1, 2)
	if n := loads.Load(); n != 2 {
		t.Errorf("%d loads, want 2 (one renewal)", n)
	}
	gate <- struct{}{}
	now = now.Add(2 * time.Minute) // unused past its lifetime
	ask(1, 3)
	gate <- struct{}{}
	ask(2, 4) // a new version of the roster
}

// waitLoads waits until no load is under way.
func waitLoads(t *testing.T, c *keptCache) {
	for range 1000 {
		c.mu.Lock()
		n := len(c.loading)
		c.mu.Unlock()
		if n == 0 {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("a load never ended")
}
