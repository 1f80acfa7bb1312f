package store

import (
	"context"
	"errors"

	"github.com/rankfile/rankfile"
)

// Ballots cast at the same moment are committed together: one transaction,
// one wait for the disk, for every ballot that arrived while the last
// commit was under way, through statements prepared once for the batch. A
// ballot refused (a second ballot, a voter off the roll) is refused before
// it writes anything, and refuses no other. Should the database fail
// a batch, each of its ballots is tried again alone, so that one cannot
// fail the others. A voter is answered only once the transaction that
// holds their ballot has committed.

// castBatchLimit bounds the ballots of one transaction.
const castBatchLimit = 500

// pendingCast is a ballot waiting to be committed (DB.casts).
type pendingCast struct {
	electionID, memberID int64
	ballot               *rankfile.Ballot
	receiptHash          string
}

// castBatch casts each ballot, recording in refused why one was refused.
// It returns an error only when the database fails.
func (tx *Tx) castBatch(batch []*pendingCast, refused []error) error {
	ctx := context.Background()
	w, err := tx.newBallotWriter(ctx)
	if err != nil {
		return err
	}
	defer w.close()
	open := map[int64]error{}
	for i, p := range batch {
		if _, checked := open[p.electionID]; !checked {
			open[p.electionID] = tx.checkVotingOpen(ctx, p.electionID)
		}
		if refused[i] = open[p.electionID]; refused[i] != nil {
			continue
		}
		err := w.markVoted(ctx, p.electionID, p.memberID, "online")
		var domain *rankfile.Error
		if errors.As(err, &domain) {
			refused[i] = err
			continue
		} else if err != nil {
			return err
		}
		if err := w.putInBox(ctx, p.electionID, p.ballot, p.receiptHash); err != nil {
			return err
		}
	}
	return nil
}
