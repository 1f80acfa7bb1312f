package store

import (
	"context"
	"sync"
)

// inBackground has b and its followers, as they are now, written in order
// on a goroutine of their own (see backgroundWrites), while the caller
// makes the next rows. The caller must wait before any other statement of
// the transaction, and flush or close b before it ends.
func (b *batchInsert) inBackground() {
	bg := startBackgroundWrites()
	b.bg = bg
	for _, f := range b.followers {
		f.bg = bg
	}
}

// wait returns once the rows handed to the background so far are written.
func (b *batchInsert) wait(ctx context.Context) error {
	if b.bg == nil {
		return nil
	}
	return b.bg.wait(ctx)
}

// backgroundWrites writes batches on a goroutine of its own, one at a
// time and in the order they were handed over, so that whoever makes the
// rows (the importer: ids, sealing, details) makes the next batch while
// the database writes the last one. On PostgreSQL the server's work on a
// COPY and the importer's work then overlap instead of taking turns.
//
// Nothing else may use the transaction's connection while a write is in
// flight: a query whose rows are being read would find the connection busy
// with a COPY. So whoever queues writes calls wait before any other
// statement (see idBlock), and close before the transaction ends.
type backgroundWrites struct {
	jobs chan backgroundJob
	done chan struct{}
	stop sync.Once

	mu  sync.Mutex
	err error // the first write that failed; the writes after it are skipped
}

// backgroundJob is a write, or a mark that closes written once every write
// before it is done.
type backgroundJob struct {
	write   func() error
	written chan struct{}
}

// startBackgroundWrites starts the goroutine. Two writes wait at most
// behind the one in flight, which bounds the rows held in memory.
func startBackgroundWrites() *backgroundWrites {
	w := &backgroundWrites{jobs: make(chan backgroundJob, 2), done: make(chan struct{})}
	go w.run()
	return w
}

func (w *backgroundWrites) run() {
	defer close(w.done)
	for job := range w.jobs {
		// After a failure the transaction is lost: writing more is of no use.
		if job.write != nil && w.failed() == nil {
			if err := job.write(); err != nil {
				w.mu.Lock()
				w.err = err
				w.mu.Unlock()
			}
		}
		if job.written != nil {
			close(job.written)
		}
	}
}

func (w *backgroundWrites) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// queue hands a write over, waiting while two are queued already. It
// returns the error of an earlier write, if one failed.
func (w *backgroundWrites) queue(ctx context.Context, write func() error) error {
	if err := w.failed(); err != nil {
		return err
	}
	return w.send(ctx, backgroundJob{write: write})
}

func (w *backgroundWrites) send(ctx context.Context, job backgroundJob) error {
	select {
	case w.jobs <- job:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// wait returns once every write handed over so far is done, with the
// first error any of them met.
func (w *backgroundWrites) wait(ctx context.Context) error {
	written := make(chan struct{})
	if err := w.send(ctx, backgroundJob{written: written}); err != nil {
		return err
	}
	<-written // a write in flight stops by itself if ctx ends
	return w.failed()
}

// close waits for the writes in flight and stops the goroutine. It may be
// called more than once.
func (w *backgroundWrites) close() {
	w.stop.Do(func() { close(w.jobs) })
	<-w.done
}
