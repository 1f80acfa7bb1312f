package store

import (
	"context"
	"errors"

	"github.com/rankfile/rankfile"
)

// Ballots cast at the same moment are committed together: one transaction,
// one wait for the disk, for every ballot that arrived while the last
// commit was under way. Each ballot goes in a savepoint of its own, so
// that one refused (a second ballot, a voter off the roll) changes nothing
// and refuses no other. A voter is answered only once the transaction that
// holds their ballot has committed.

// castBatchLimit bounds the ballots of one transaction.
const castBatchLimit = 500

// pendingCast is a ballot waiting to be committed, and where to answer.
type pendingCast struct {
	electionID, memberID int64
	ballot               *rankfile.Ballot
	receiptHash          string
	done                 chan error
}

// castBatcher commits ballots in batches.
type castBatcher struct {
	db      *DB
	batches groupCommit[*pendingCast]
}

func (b *castBatcher) start(db *DB) {
	b.db = db
	b.batches = groupCommit[*pendingCast]{limit: castBatchLimit, commit: b.commit}
}

// cast queues a ballot and waits for its transaction. It waits even when
// ctx ends: the ballot may be committed all the same, and the voter is
// then told, at their next try, that they have voted.
func (b *castBatcher) cast(p *pendingCast) error {
	p.done = make(chan error, 1)
	b.batches.add(p)
	return <-p.done
}

// commit casts a batch in one transaction and answers each voter.
func (b *castBatcher) commit(batch []*pendingCast) {
	refused := make([]error, len(batch))
	err := b.db.inTx(context.Background(), func(tx *Tx) error {
		open := map[int64]error{}
		for i, p := range batch {
			if _, checked := open[p.electionID]; !checked {
				open[p.electionID] = tx.checkVotingOpen(context.Background(), p.electionID)
			}
			if refused[i] = open[p.electionID]; refused[i] != nil {
				continue
			}
			if err := tx.castOne(p); err != nil {
				var domain *rankfile.Error
				if !errors.As(err, &domain) {
					return err // the database failed, not the ballot
				}
				refused[i] = err
			}
		}
		return nil
	})
	for i, p := range batch {
		if err != nil {
			p.done <- err
		} else {
			p.done <- refused[i]
		}
	}
}

// castOne marks one voter and boxes their ballot inside a savepoint, which
// is undone if the ballot is refused.
func (tx *Tx) castOne(p *pendingCast) error {
	ctx := context.Background()
	if _, err := tx.ExecContext(ctx, `SAVEPOINT one_ballot`); err != nil {
		return err
	}
	err := tx.markVoted(ctx, p.electionID, p.memberID, "online")
	if err == nil {
		err = tx.putInBox(ctx, p.electionID, p.ballot, p.receiptHash)
	}
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT one_ballot`); rerr != nil {
			return rerr
		}
		err = tx.db.translate(err)
	}
	if _, rerr := tx.ExecContext(ctx, `RELEASE SAVEPOINT one_ballot`); rerr != nil {
		return rerr
	}
	return err
}
