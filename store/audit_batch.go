package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Views are audited as they happen: every roster search, every look at a
// member's contact details. Each entry is committed before the page is
// shown, and commits take turns, so entries recorded at the same moment are
// committed together: while one commit is under way, the entries that
// arrive queue up and go in the next, each still chained to the one before.
// An entry is never acknowledged before its commit.

// auditBatchLimit bounds the entries of one commit.
const auditBatchLimit = 256

// pendingAudit is an entry waiting to be committed, and where to answer.
type pendingAudit struct {
	entry *rankfile.AuditEntry
	done  chan error
}

// auditBatcher commits queued audit entries, one batch at a time.
type auditBatcher struct {
	db      *DB
	batches groupCommit[*pendingAudit]
}

// start readies the batcher of db.
func (b *auditBatcher) start(db *DB) {
	b.db = db
	b.batches = groupCommit[*pendingAudit]{limit: auditBatchLimit, commit: b.commit}
}

// record queues an entry and waits until it is committed or ctx ends; an
// entry whose caller stopped waiting may still be committed, which records
// more than happened rather than less.
func (b *auditBatcher) record(ctx context.Context, action string, subjectID int64, detail string) error {
	return b.queue(ctx, action, subjectID, detail)()
}

// queue queues an entry and returns a function that waits, as record does,
// until it is committed or ctx ends.
func (b *auditBatcher) queue(ctx context.Context, action string, subjectID int64, detail string) (committed func() error) {
	p := &pendingAudit{entry: newAuditEntry(rankfile.ActorFrom(ctx), b.db.Now(), action, subjectID, detail),
		done: make(chan error, 1)}
	b.batches.add(p)
	return func() error {
		select {
		case err := <-p.done:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// commit writes a batch in one transaction. When that fails, each entry
// is tried alone, so that one bad entry does not fail the others.
func (b *auditBatcher) commit(batch []*pendingAudit) {
	err := b.write(batch)
	if err != nil && len(batch) > 1 {
		for _, p := range batch {
			p.done <- b.write([]*pendingAudit{p})
		}
		return
	}
	for _, p := range batch {
		p.done <- err
	}
}

// write commits entries in the order they came: into SQLite's log of
// views, or else into the main log. It does not use a caller's context: an
// entry that was queued is written whoever stopped waiting.
func (b *auditBatcher) write(batch []*pendingAudit) error {
	ctx := context.Background()
	entries := make([]*rankfile.AuditEntry, len(batch))
	for i, p := range batch {
		entries[i] = p.entry
	}
	if b.db.views != nil {
		return b.db.views.append(ctx, entries)
	}
	return b.db.inTx(ctx, func(tx *Tx) error {
		for _, e := range entries {
			if err := tx.chainAudit(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
}
