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

// A passive checkpoint copies back what the log holds and leaves the log
// as it is: SQLite writes the log again from its start only when a commit
// finds everything in it copied back. Under commits that never pause (the
// log of views takes hundreds a second while a steward's roster is
// searched), every commit finds the latest ones not yet copied, so the
// log never starts again and grows by megabytes a second: 650 MB in a
// minute of 500 roster searches a second, every search slower as it grew
// (BENCHMARKS.md, "The web app"). So a checkpointer given restartAfter
// restarts a log that holds more frames than that after a passive
// checkpoint: it waits (busy_timeout) for the transaction being written
// and the log's readers, copies back the rest, and the next commit writes
// the log from its start. The log of views restarts after
// viewLogRestartFrames; the database's own log does not, since a restart
// makes its writer wait, and its writes (an import, a casting storm) come
// in bursts after which the log starts again by itself.
const viewLogRestartFrames = 1000

// checkpointer runs passive checkpoints until stopped.
type checkpointer struct {
	conn *sql.DB
	// restartAfter is how many frames a log may hold after a passive
	// checkpoint before it is restarted; 0 for never.
	restartAfter int
	stop         chan struct{}
	done         chan struct{}
	stopped      sync.Once
}

func startCheckpointer(conn *sql.DB, restartAfter int) *checkpointer {
	c := &checkpointer{conn: conn, restartAfter: restartAfter, stop: make(chan struct{}), done: make(chan struct{})}
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
			c.checkpoint()
		}
	}
}

// checkpoint copies the log back, and restarts it when it holds more than
// restartAfter frames. A checkpoint that cannot finish (a reader still needs old
// pages) finishes at a later tick; there is nothing to report.
func (c *checkpointer) checkpoint() {
	var busy, frames, copied int
	err := c.conn.QueryRow(`PRAGMA wal_checkpoint(PASSIVE)`).Scan(&busy, &frames, &copied)
	if err == nil && c.restartAfter > 0 && frames > c.restartAfter {
		c.conn.Exec(`PRAGMA wal_checkpoint(RESTART)`)
	}
}

// close stops the checkpoints and closes the connection. SQLite itself
// checkpoints when the last connection to the database closes.
func (c *checkpointer) close() error {
	c.stopped.Do(func() { close(c.stop) })
	<-c.done
	return c.conn.Close()
}
