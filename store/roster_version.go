package store

import (
	"context"
	"sync"
	"time"
)

// Counting members is the dearest part of a roster page: counting 80,000
// members in good standing reads 80,000 index entries, while the page
// itself reads 50. And every request needs to know who is asking: their
// member record, roles and positions. All of these change a few times a
// day (an import, an override, a new position or role) and are read all
// day, so they are kept until they change. Every transaction that changes
// members, their standing, branch, preferences, positions, roles or the
// bodies calls touchRoster, which moves the roster's version on; what is
// kept is kept for one version only. The version lives in the database,
// so that a change made by another process (an import from the command
// line while the server runs) is seen too: within versionRecheck, since
// the version is read at most that often. A change this process commits is
// seen at once.

// versionRecheck is how long a version read from the database is trusted.
const versionRecheck = 100 * time.Millisecond

// touchRoster moves the roster's version on, as part of the transaction.
func (tx *Tx) touchRoster(ctx context.Context) error {
	tx.touchedRoster = true
	_, err := tx.ExecContext(ctx, `UPDATE roster_version SET version = version + 1 WHERE id = 1`)
	return err
}

// rosterVersion returns the roster's version as last committed.
func (db *DB) rosterVersion(ctx context.Context) (int64, error) {
	return db.version.get(ctx, func() (int64, error) {
		var v int64
		err := db.read.QueryRowContext(ctx, `SELECT version FROM roster_version WHERE id = 1`).Scan(&v)
		return v, err
	})
}

// versionMemo remembers the roster's version for versionRecheck.
type versionMemo struct {
	mu      sync.Mutex
	version int64
	read    time.Time
}

func (m *versionMemo) get(ctx context.Context, load func() (int64, error)) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if time.Since(m.read) < versionRecheck {
		return m.version, nil
	}
	v, err := load()
	if err != nil {
		return 0, err
	}
	m.version, m.read = v, time.Now()
	return v, nil
}

// forget makes the next read go to the database: this process has just
// committed a change.
func (m *versionMemo) forget() {
	m.mu.Lock()
	m.read = time.Time{}
	m.mu.Unlock()
}

// keptLimit bounds how many things are kept: past it, the cache starts
// again, which costs some reads and never a wrong answer.
const keptLimit = 1000

// keptLifetime bounds how long anything is kept even when the version
// says nothing changed, as a second line of defence. Each value has its
// own lifetime, counted from when it was loaded.
const keptLifetime = time.Minute

// keptRenewAfter is the age from which a value asked for is loaded again
// in the background while it is still given out, so that a value in use
// is renewed before it expires rather than by the requests that find it
// gone. A value is never given out past keptLifetime or its version.
//
// Without it, everything loaded together expired together: a minute after
// a server started (every actor, count and list of bodies is first loaded
// within its first second), every request that came in found its count
// gone and counted again, each for itself: at 500 roster searches a
// second, a stall of a few hundred milliseconds every minute.
const keptRenewAfter = keptLifetime * 3 / 4

// keptCache keeps values of any type for one version of the roster. A
// value missing is loaded once however many ask for it at the same time:
// the others wait for that load (loading).
type keptCache struct {
	mu      sync.Mutex
	version int64
	values  map[string]keptValue
	loading map[string]*keptLoad
	// now is the cache's clock, time.Now unless a test sets it.
	now func() time.Time
}

// keptValue is a value kept, with when it was loaded.
type keptValue struct {
	v    any
	born time.Time
}

// keptLoad is a load under way: done closes when v and err are set.
type keptLoad struct {
	version int64
	done    chan struct{}
	v       any
	err     error
}

// kept returns the value for key at the roster's current version, from
// db's cache or else from load, which it then keeps. The version is read
// before loading, so a kept value can only be newer than its version, and
// a change committed meanwhile makes the next read load again. Values are
// shared by everyone who asks: callers must not change them. load runs
// with a context that is not canceled with the request's, as others may
// be waiting for it or it may renew a value in the background.
func kept[T any](ctx context.Context, db *DB, key string, load func(context.Context) (T, error)) (T, error) {
	var zero T
	version, err := db.rosterVersion(ctx)
	if err != nil {
		return zero, err
	}
	loadAny := func(ctx context.Context) (any, error) { return load(ctx) }
	v, err := db.kept.value(context.WithoutCancel(ctx), version, key, loadAny)
	if err != nil {
		return zero, err
	}
	return v.(T), nil
}

// value returns the value kept for key at version, loading it when there
// is none (once for all who ask at the same time) and renewing it in the
// background when it is old enough.
func (c *keptCache) value(ctx context.Context, version int64, key string, load func(context.Context) (any, error)) (any, error) {
	c.mu.Lock()
	c.restartFor(version)
	kv, ok := c.values[key]
	age := c.clock().Sub(kv.born)
	if version == c.version && ok && age < keptLifetime {
		if age >= keptRenewAfter && c.loading[key] == nil {
			go c.wait(c.start(ctx, version, key, load)) // renewed behind the requests
		}
		c.mu.Unlock()
		return kv.v, nil
	}
	l := c.loading[key]
	if l == nil || l.version != version { // never a value of another version
		l = c.start(ctx, version, key, load)
	}
	c.mu.Unlock()
	return c.wait(l)
}

// restartFor empties the cache for a newer version, or when it is full.
// It is called with c.mu held.
func (c *keptCache) restartFor(version int64) {
	if version > c.version || c.values == nil || len(c.values) >= keptLimit {
		c.version, c.values = max(version, c.version), map[string]keptValue{}
	}
	if c.loading == nil {
		c.loading = map[string]*keptLoad{}
	}
}

// start begins loading key at version and returns the load. It is called
// with c.mu held; the load itself runs without it.
func (c *keptCache) start(ctx context.Context, version int64, key string, load func(context.Context) (any, error)) *keptLoad {
	l := &keptLoad{version: version, done: make(chan struct{})}
	c.loading[key] = l
	go func() {
		born := c.clock()
		l.v, l.err = load(ctx)
		c.mu.Lock()
		if c.loading[key] == l {
			delete(c.loading, key)
		}
		if l.err == nil {
			c.put(version, key, keptValue{l.v, born})
		}
		c.mu.Unlock()
		close(l.done)
	}()
	return l
}

// wait waits for a load to finish.
func (c *keptCache) wait(l *keptLoad) (any, error) {
	<-l.done
	return l.v, l.err
}

// put keeps a value loaded at version; a value of an older version than
// the cache's (loaded while the roster changed) is dropped. It is called
// with c.mu held.
func (c *keptCache) put(version int64, key string, v keptValue) {
	c.restartFor(version)
	if version == c.version {
		c.values[key] = v
	}
}

func (c *keptCache) clock() time.Time {
	if c.now != nil {
		return c.now()
	}
	return time.Now()
}
