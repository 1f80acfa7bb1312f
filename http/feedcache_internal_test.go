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
		feed, err := c.get(context.Background(), key, func(context.Context) (int64, error) { return version, nil },
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
