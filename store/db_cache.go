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
// those it needs; keeping them takes 5% off the import's time and about
// 110 MB of memory while it runs (BENCHMARKS.md, "Roster"). A larger
// import spills past this, as any transaction does past its cache.
const wideCacheKiB = 128 << 10

// widenCache gives a SQLite transaction's connection the wide cache until
// the transaction ends; PostgreSQL's server keeps its own buffers.
func (tx *Tx) widenCache(ctx context.Context) error {
	if tx.db.dialect != SQLite {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = "+strconv.Itoa(-wideCacheKiB)); err != nil {
		return err
	}
	tx.afterwards = append(tx.afterwards, "PRAGMA cache_size = "+strconv.Itoa(-cacheKiB))
	return nil
}

// restoreConn runs the transaction's afterwards statements on its
// connection once the transaction has ended, even when its context was
// cancelled, since the connection goes back to the pool for other work. A
// connection that cannot be put back as it was is discarded instead: the
// pool opens a new one with the usual settings.
func (tx *Tx) restoreConn() {
	if tx == nil {
		return
	}
	for _, q := range tx.afterwards {
		if _, err := tx.conn.ExecContext(context.Background(), q); err != nil {
			tx.conn.Raw(func(any) error { return driver.ErrBadConn })
			return
		}
	}
}
