package store

import (
	"context"
	"database/sql/driver"
	"strconv"
)

// cacheKiB is the page cache of each SQLite connection, in KiB: enough for
// the pages a chapter's requests touch, and few enough that the writer,
// the readers and the checkpointer together stay small.
const cacheKiB = 16 << 10

// wideCacheKiB is the writer's page cache while a transaction writes a
// large part of the database at once: a first import of the roster, where
// 100,000 members are some 80 MB of tables and indexes. With the usual
// cache, SQLite makes room by writing pages to the log before the
// transaction ends, writes again those that change after, and reads back
// those it needs; keeping them takes 5% off the import's time
// (BENCHMARKS.md, "Roster"). A larger import spills past this, as any
// transaction does past its cache.
const wideCacheKiB = 128 << 10

// widenCache gives a SQLite transaction's connection the wide cache, and
// has the connection closed once the transaction ends (see releaseConn);
// PostgreSQL's server keeps its own buffers.
func (tx *Tx) widenCache(ctx context.Context) error {
	if tx.db.dialect != SQLite {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = "+strconv.Itoa(-wideCacheKiB)); err != nil {
		return err
	}
	tx.closeConn = true
	return nil
}

// releaseConn closes the transaction's connection once the transaction
// has ended, however it ended, when the transaction made it larger than
// the others: the pool opens a new one with the usual settings for the
// next. Narrowing the cache instead would keep the memory: SQLite would
// free the pages, but the C allocator keeps any block of memory that one
// surviving page still holds, and that was most of them (after a first
// import of 100,000 members, 142 MB resident against 37 MB when the
// connection is closed).
func (tx *Tx) releaseConn() {
	if tx != nil && tx.closeConn {
		tx.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
}
