package store

import (
	"context"
	"sync"
)

// groupCommit commits work that arrives at the same moment together: while
// one batch commits (waiting on the disk, or on the writer), what arrives
// queues up and goes in the next batch, up to limit at a time. One
// goroutine runs while there is work and none otherwise.
type groupCommit[T any] struct {
	limit  int
	commit func(batch []T)

	mu      sync.Mutex
	queue   []T
	running bool
}

// add queues an item; commit will be called with it in a batch.
func (g *groupCommit[T]) add(item T) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.queue = append(g.queue, item)
	if !g.running {
		g.running = true
		go g.run()
	}
}

// run commits batches until the queue is empty.
func (g *groupCommit[T]) run() {
	for {
		g.mu.Lock()
		n := min(len(g.queue), g.limit)
		batch := g.queue[:n:n]
		g.queue = g.queue[n:]
		if n == 0 {
			g.running = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		g.commit(batch)
	}
}

// commitEach writes a batch in one transaction, in which write records
// in refused why an item was refused (the others still go in), and gives
// each item its answer. When the transaction fails as a whole, each item
// is tried alone, so that one cannot fail the others.
func commitEach[T any](db *DB, ctx context.Context, batch []T, write func(tx *Tx, batch []T, refused []error) error, answer func(T, error)) {
	refused := make([]error, len(batch))
	err := db.inTx(ctx, func(tx *Tx) error { return write(tx, batch, refused) })
	if err != nil && len(batch) > 1 {
		for _, item := range batch {
			commitEach(db, ctx, []T{item}, write, answer)
		}
		return
	}
	for i, item := range batch {
		if err != nil {
			answer(item, err)
		} else {
			answer(item, refused[i])
		}
	}
}
