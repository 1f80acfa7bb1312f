package http

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestFeedCacheWritesAgainOnlyWhenItMust keeps a feed while the version
// and the feed's lifetime last, writes it again after either moves, and
// starts again when too many feeds are kept.
func TestFeedCacheWritesAgainOnlyWhenItMust(t *testing.T) {
	c := newFeedCache()
	version, now, writes := int64(1), time.Now(), 0
	get := func(key feedKey) string {
		feed, _, err := c.get(context.Background(), key, func(context.Context) (int64, error) { return version, nil },
			func() time.Time { return now }, func() ([]byte, error) {
				writes++
				return fmt.Appendf(nil, "feed %d of version %d", writes, version), nil
			})
		if err != nil {
			t.Fatal(err)
		}
		return string(feed)
	}
	key := feedKey{base: "https://members.example.org/"}
	steps := []struct {
		change func()
		want   string
	}{
		{func() {}, "feed 1 of version 1"},
		{func() { now = now.Add(feedLifetime - time.Second) }, "feed 1 of version 1"},
		{func() { version++ }, "feed 2 of version 2"},
		{func() { now = now.Add(feedLifetime) }, "feed 3 of version 2"},
	}
	for i, s := range steps {
		s.change()
		if got := get(key); got != s.want {
			t.Errorf("step %d: %q, want %q", i+1, got, s.want)
		}
	}
	for i := range 2 * maxKeptFeeds {
		get(feedKey{bodyID: int64(i), base: key.base})
	}
	if len(c.feeds) > maxKeptFeeds {
		t.Errorf("%d feeds kept, at most %d wanted", len(c.feeds), maxKeptFeeds)
	}
}

// TestFeedCacheWritesFeedsInUseAhead writes again, without a request, a
// feed in use whose version moved on or which is getting old, so that the
// next request finds it written; a feed nobody asked for lately is left.
func TestFeedCacheWritesFeedsInUseAhead(t *testing.T) {
	c := newFeedCache()
	version, now, writes := int64(1), time.Now(), map[feedKey]int{}
	versionOf := func(context.Context) (int64, error) { return version, nil }
	clock := func() time.Time { return now }
	write := func(key feedKey) ([]byte, error) {
		writes[key]++
		return fmt.Appendf(nil, "feed %d of version %d", writes[key], version), nil
	}
	get := func(key feedKey) string {
		feed, _, err := c.get(context.Background(), key, versionOf, clock, func() ([]byte, error) { return write(key) })
		if err != nil {
			t.Fatal(err)
		}
		return string(feed)
	}
	refresh := func() {
		if err := c.refresh(context.Background(), versionOf, clock, write); err != nil {
			t.Fatal(err)
		}
	}
	used, idle := feedKey{bodyID: 1}, feedKey{bodyID: 2}
	get(idle)
	now = now.Add(refreshWhileUsed)
	get(used)
	refresh()
	if writes[used] != 1 || writes[idle] != 1 {
		t.Fatalf("nothing changed, yet the refresh wrote: %v", writes)
	}
	version++
	refresh()
	if writes[used] != 2 || writes[idle] != 1 {
		t.Errorf("after a change the refresh wrote %v; want the feed in use only", writes)
	}
	if got := get(used); got != "feed 2 of version 2" {
		t.Errorf("the request after the refresh got %q, want the feed it wrote", got)
	}
	now = now.Add(feedLifetime/2 + time.Second)
	refresh()
	if got := get(used); got != "feed 3 of version 2" || writes[used] != 3 {
		t.Errorf("halfway through its lifetime the feed was not written ahead: %q, %v", got, writes)
	}
}
