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
// says nothing changed, as a second line of defence.
const keptLifetime = time.Minute

// keptCache keeps values of any type for one version of the roster.
type keptCache struct {
	mu      sync.Mutex
	version int64
	born    time.Time
	values  map[string]any
}

// kept returns the value for key at the roster's current version, from
// db's cache or else from load, which it then keeps. The version is read
// before loading, so a kept value can only be newer than its version, and
// a change committed meanwhile makes the next read load again. Values are
// shared by everyone who asks: callers must not change them.
func kept[T any](ctx context.Context, db *DB, key string, load func() (T, error)) (T, error) {
	var zero T
	version, err := db.rosterVersion(ctx)
	if err != nil {
		return zero, err
	}
	if v, ok := db.kept.get(version, key); ok {
		return v.(T), nil
	}
	v, err := load()
	if err != nil {
		return zero, err
	}
	db.kept.put(version, key, v)
	return v, nil
}

func (c *keptCache) get(version int64, key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || time.Since(c.born) > keptLifetime {
		return nil, false
	}
	v, ok := c.values[key]
	return v, ok
}

// put keeps a value loaded at version; a value of an older version than
// the cache's (loaded while the roster changed) is dropped.
func (c *keptCache) put(version int64, key string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case version > c.version || c.values == nil || len(c.values) >= keptLimit || time.Since(c.born) > keptLifetime:
		c.version, c.born, c.values = version, time.Now(), map[string]any{}
	}
	c.values[key] = v
}
