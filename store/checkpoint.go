package store

import (
	"database/sql"
	"sync"
	"time"
)

// SQLite writes every commit to the write-ahead log, and copies the log
// back into the database file now and then: a checkpoint. Left to itself,
// it checkpoints inside whichever commit finds the log past 1,000 pages,
// and that commit (a page view's audit entry, with every request queued
// behind it) waits tens of milliseconds. So the writer never checkpoints;
// a connection of its own does, in the background, every
// checkpointInterval, beside the writer and the readers ("passive").

// checkpointInterval is how often the log is copied back.
const checkpointInterval = time.Second

// checkpointer runs passive checkpoints until stopped.
type checkpointer struct {
	conn    *sql.DB
	stop    chan struct{}
	done    chan struct{}
	stopped sync.Once
}

func startCheckpointer(conn *sql.DB) *checkpointer {
	c := &checkpointer{conn: conn, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer close(c.done)
	tick := time.NewTicker(checkpointInterval)
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
			// A checkpoint that cannot finish (a reader still needs old
			// pages) finishes at a later tick; there is nothing to report.
			c.conn.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
		}
	}
}

// close stops the checkpoints and closes the connection. SQLite itself
// checkpoints when the last connection to the database closes.
func (c *checkpointer) close() error {
	c.stopped.Do(func() { close(c.stop) })
	<-c.done
	return c.conn.Close()
}
