package http

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"sync"
	"time"
)

// feedCache keeps the public feeds as written, each for one version of
// the calendar (store.EventService.CalendarVersion), which every change
// to an event moves on in the same transaction. The version is read at
// every request, under the feed's own lock and before the events are, so
// a kept feed is never older than its version and a feed is never served
// after a change it lacks. One request writes a feed at a time; the
// others wait for it rather than writing it too.
type feedCache struct {
	mu    sync.Mutex
	feeds map[feedKey]*keptFeed
	// size is the bytes of the feeds kept, near enough: a feed written
	// while the cache started again counts in the new one.
	size int
}

// feedKey is what a public feed's bytes depend on besides the calendar:
// the body (0 for every body's), the calendar's name (a body's feed is
// named after the body, which may be renamed) and the address links
// start with, taken from the request when no base URL is set.
type feedKey struct {
	bodyID int64
	name   string
	base   string
}

// keptFeed is one feed as last written.
type keptFeed struct {
	mu      sync.Mutex
	version int64
	made    time.Time
	feed    []byte
	// tag is the feed's entity tag, for requests that ask whether their
	// copy is still current.
	tag string
	// used is when a request last asked for the feed: only feeds in use
	// are written ahead of requests.
	used time.Time
}

// Bounds on what is kept. A feed is written again after feedLifetime
// even when nothing changed, so that events drop out of the feed's window
// of the past on time (and its DTSTAMP, when the feed was written, stays
// recent). Past maxKeptFeeds or maxKeptBytes (a year's feed is 3 MB, and
// Host headers are the client's to choose when no base URL is set), the
// cache starts again.
const (
	feedLifetime = time.Minute
	maxKeptFeeds = 256
	maxKeptBytes = 32 << 20
	// refreshWhileUsed is how long after its last request a feed is still
	// written ahead of requests: a calendar program fetching it every few
	// minutes keeps it fresh, while one asked for once under a made-up
	// Host header costs nothing more.
	refreshWhileUsed = 15 * time.Minute
)

func newFeedCache() *feedCache { return &feedCache{feeds: map[feedKey]*keptFeed{}} }

// get returns the feed of key at the calendar's current version and its
// entity tag, from the cache, or else from write, which it then keeps.
func (c *feedCache) get(ctx context.Context, key feedKey, version func(context.Context) (int64, error),
	now func() time.Time, write func() ([]byte, error)) ([]byte, string, error) {
	k := c.entry(key)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.used = now()
	return c.keep(ctx, k, feedLifetime, version, now, write)
}

// refresh writes again every kept feed whose version has moved on or
// that is halfway through its lifetime, ahead of the requests for it:
// calendar programs then find each feed written, and only a request that
// comes within a moment of a change waits for its feed to be written.
func (c *feedCache) refresh(ctx context.Context, version func(context.Context) (int64, error),
	now func() time.Time, write func(feedKey) ([]byte, error)) error {
	for key, k := range c.kept() {
		k.mu.Lock()
		var err error
		if now().Sub(k.used) < refreshWhileUsed {
			_, _, err = c.keep(ctx, k, feedLifetime/2, version, now, func() ([]byte, error) { return write(key) })
		}
		k.mu.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}

// keep returns k's feed when it is of the calendar's current version and
// younger than fresh, or else writes it again. The caller holds k's lock;
// the version is read before write reads the events, so that a kept feed
// is never older than its version.
func (c *feedCache) keep(ctx context.Context, k *keptFeed, fresh time.Duration, version func(context.Context) (int64, error),
	now func() time.Time, write func() ([]byte, error)) ([]byte, string, error) {
	v, err := version(ctx)
	if err != nil {
		return nil, "", err
	}
	if k.feed != nil && k.version == v && now().Sub(k.made) < fresh {
		return k.feed, k.tag, nil
	}
	made := now()
	feed, err := write()
	if err != nil {
		return nil, "", err
	}
	c.grew(len(feed) - len(k.feed))
	k.version, k.made, k.feed, k.tag = v, made, feed, entityTag(feed)
	return feed, k.tag, nil
}

// entityTag names a feed's content: a calendar program whose copy is
// current is told so in a few bytes rather than sent megabytes again. The
// feed is written again every minute with a new DTSTAMP (when the feed was
// made) on each event, so the tag leaves those lines out and is weak: the
// same events, written at another time, are the same feed to a calendar.
func entityTag(feed []byte) string {
	h := sha256.New()
	for line := range bytes.Lines(feed) {
		if !bytes.HasPrefix(line, []byte("DTSTAMP:")) {
			h.Write(line)
		}
	}
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:12]) + `"`
}

// kept returns the feeds the cache holds now.
func (c *feedCache) kept() map[feedKey]*keptFeed {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.feeds)
}

// grew counts bytes more (or fewer) kept.
func (c *feedCache) grew(bytes int) {
	c.mu.Lock()
	c.size += bytes
	c.mu.Unlock()
}

// entry returns the cache's place for key, made empty the first time.
func (c *feedCache) entry(key feedKey) *keptFeed {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.feeds[key]
	if k == nil {
		if len(c.feeds) >= maxKeptFeeds || c.size > maxKeptBytes {
			c.feeds, c.size = map[feedKey]*keptFeed{}, 0
		}
		k = &keptFeed{}
		c.feeds[key] = k
	}
	return k
}
