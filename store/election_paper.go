package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"math/big"

	"github.com/rankfile/rankfile"
)

// PaperBatches in the database: see migration 00008. The ballots of a
// pending batch are stored shuffled, so that their order says nothing of
// the order its voters were entered in.

var _ rankfile.PaperService = (*ElectionService)(nil)

// EnterPaperBatch stores a pending batch, its ballots in a random order
// and sealed (see election_seal.go).
func (s *ElectionService) EnterPaperBatch(ctx context.Context, b *rankfile.PaperBatch) error {
	if len(b.VoterIDs) == 0 || len(b.VoterIDs) != len(b.Ballots) {
		return rankfile.Errorf(rankfile.EINVALID, "a batch has as many ballots as voters, at least one: %d voters, %d ballots",
			len(b.VoterIDs), len(b.Ballots))
	}
	shuffle(b.Ballots)
	pad, err := paperPad(ctx, s.db.read, b.ElectionID, len(b.Ballots))
	if err != nil {
		return s.db.translate(err)
	}
	sealed, err := s.db.sealPaper(b.ElectionID, b.Ballots, pad)
	if err != nil {
		return err
	}
	b.Size, b.Status = len(b.Ballots), rankfile.PaperPending
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkPaperOpen(ctx, b.ElectionID); err != nil {
			return err
		}
		b.EnteredAt = tx.now
		return tx.QueryRowContext(ctx, `INSERT INTO paper_batches (election_id, entered_by, entered_at, voters, ballots, size)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, b.ElectionID, b.EnteredBy, tx.stamp,
			mustJSON(b.VoterIDs), sealed, b.Size).Scan(&b.ID)
	})
}

// shuffle puts ballots in a random order (Fisher-Yates, with
// crypto/rand: the order must not be guessable from the entry's).
func shuffle[T any](ballots []T) {
	for i := len(ballots) - 1; i > 0; i-- {
		j, _ := rand.Int(rand.Reader, big.NewInt(int64(i+1)))
		ballots[i], ballots[j.Int64()] = ballots[j.Int64()], ballots[i]
	}
}

// checkPaperOpen refuses paper ballots before voting opens and once the
// election is counted: paper ballots of the last day may be entered and
// confirmed after the close, and the count waits for them.
func (tx *Tx) checkPaperOpen(ctx context.Context, electionID int64) error {
	e, err := tx.election(ctx, electionID)
	if err != nil {
		return err
	}
	switch e.StatusAt(tx.now) {
	case rankfile.ElectionVoting, rankfile.ElectionClosed:
		return nil
	case rankfile.ElectionCounted:
		return rankfile.Errorf(rankfile.ECONFLICT, "%s is counted: no more ballots", e.Title)
	}
	return rankfile.Errorf(rankfile.ECONFLICT, "voting in %s has not opened yet", e.Title)
}

// PaperBatches returns an election's batches, oldest first.
func (s *ElectionService) PaperBatches(ctx context.Context, electionID int64) ([]*rankfile.PaperBatch, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, election_id, entered_by, entered_at, voters, size, status,
		COALESCE(decided_by, 0), decided_at FROM paper_batches WHERE election_id = $1 ORDER BY id`, electionID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.PaperBatch
	for rows.Next() {
		b := &rankfile.PaperBatch{}
		var voters string
		var decided sql.NullTime
		if err := rows.Scan(&b.ID, &b.ElectionID, &b.EnteredBy, &b.EnteredAt, &voters, &b.Size, &b.Status,
			&b.DecidedBy, &decided); err != nil {
			return nil, err
		}
		b.DecidedAt = decided.Time
		if err := json.Unmarshal([]byte(voters), &b.VoterIDs); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// pendingBatch reads a pending batch of the election with its ballots,
// inside tx, and checks that by is not the member who entered it.
func (tx *Tx) pendingBatch(ctx context.Context, electionID, batchID, by int64) (*rankfile.PaperBatch, error) {
	b := &rankfile.PaperBatch{ID: batchID}
	var voters string
	var ballots sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT election_id, entered_by, voters, ballots, status FROM paper_batches WHERE id = $1`,
		batchID).Scan(&b.ElectionID, &b.EnteredBy, &voters, &ballots, &b.Status)
	switch {
	case err == sql.ErrNoRows || (err == nil && b.ElectionID != electionID):
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such batch")
	case err != nil:
		return nil, err
	case b.Status != rankfile.PaperPending:
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the batch was %s already", b.Status)
	case b.EnteredBy == by:
		return nil, rankfile.Errorf(rankfile.EFORBIDDEN, "another member of the committee confirms a batch, not the one who entered it")
	}
	if err := json.Unmarshal([]byte(voters), &b.VoterIDs); err != nil {
		return nil, err
	}
	b.Ballots, err = tx.db.openPaper(electionID, ballots.String)
	return b, err
}

// ConfirmPaperBatch marks the voters and boxes the ballots of a batch.
func (s *ElectionService) ConfirmPaperBatch(ctx context.Context, electionID, batchID, by int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		b, err := tx.pendingBatch(ctx, electionID, batchID, by)
		if err != nil {
			return err
		}
		if err := tx.checkPaperOpen(ctx, b.ElectionID); err != nil {
			return err
		}
		w, err := tx.newBallotWriter(ctx)
		if err != nil {
			return err
		}
		defer w.close()
		for _, id := range b.VoterIDs {
			if err := w.markVoted(ctx, b.ElectionID, id, "paper"); err != nil {
				return refuseVoter(err, id)
			}
		}
		for _, ballot := range b.Ballots {
			if err := w.putInBox(ctx, b.ElectionID, ballot, ""); err != nil {
				return err
			}
		}
		return tx.decideBatch(ctx, batchID, by, rankfile.PaperConfirmed)
	})
}

// refuseVoter explains why a batch cannot be confirmed: one of its voters
// is off the roll or has voted (online, or in another batch).
func refuseVoter(err error, memberID int64) error {
	var domain *rankfile.Error
	if !errors.As(err, &domain) {
		return err
	}
	why := "has voted already"
	if domain.Code == rankfile.EFORBIDDEN {
		why = "is not on the roll"
	}
	return rankfile.Errorf(rankfile.EINVALID, "a voter of the batch (member %d) %s; nothing of the batch was counted",
		memberID, why)
}

// RejectPaperBatch sets a pending batch aside.
func (s *ElectionService) RejectPaperBatch(ctx context.Context, electionID, batchID, by int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.pendingBatch(ctx, electionID, batchID, by); err != nil {
			return err
		}
		return tx.decideBatch(ctx, batchID, by, rankfile.PaperRejected)
	})
}

// decideBatch records the decision and clears the batch's ballots.
func (tx *Tx) decideBatch(ctx context.Context, batchID, by int64, status string) error {
	_, err := tx.ExecContext(ctx, `UPDATE paper_batches SET status = $1, decided_by = $2, decided_at = $3, ballots = NULL
		WHERE id = $4`, status, by, tx.stamp, batchID)
	return err
}

// PendingPaper returns how many batches wait for a decision.
func (s *ElectionService) PendingPaper(ctx context.Context, electionID int64) (int, error) {
	var n int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM paper_batches WHERE election_id = $1 AND status = 'pending'`,
		electionID).Scan(&n)
	return n, s.db.translate(err)
}
