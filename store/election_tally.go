package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// The count's result, published once, which opens the box.

// PublishResult stores the count's result and marks the election counted,
// once, opening the box: its ballots are written again under new ids, in
// a random order (see openBox). On PostgreSQL, every row records the
// transaction that wrote it (xmin), and a voter's mark on the roll was
// written by the transaction that cast her ballot: the transaction that
// publishes the result writes every row of the roll again too, so that
// they all carry its id alike; then the tables are rewritten in the order
// of their keys, leaving neither the old rows nor the order in which
// ballots were cast.
func (s *ElectionService) PublishResult(ctx context.Context, electionID int64, result []byte) error {
	err := s.db.inTx(ctx, func(tx *Tx) error {
		e, err := tx.election(ctx, electionID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE elections SET result = $1, counted_at = $2
			WHERE id = $3 AND counted_at IS NULL`, string(result), tx.stamp, electionID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "the election was counted already")
		}
		if err := tx.openBox(ctx, electionID, rankfile.DateOf(e.VotingClose.In(tx.db.Zone))); err != nil {
			return err
		}
		if s.db.dialect == Postgres {
			if err := tx.rewriteRoll(ctx, electionID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditCountElection, 0, "counted election "+itoa(electionID))
	})
	if err != nil || s.db.dialect != Postgres {
		return err
	}
	return s.db.rewriteInKeyOrder(ctx)
}

// rewriteRoll writes every row of an election's roll again, in this one
// transaction.
func (tx *Tx) rewriteRoll(ctx context.Context, electionID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE election_roll SET voted = voted WHERE election_id = $1`, electionID)
	return err
}

// rewriteInKeyOrder rewrites PostgreSQL's tables of rolls and ballots in
// the order of their primary keys.
func (db *DB) rewriteInKeyOrder(ctx context.Context) error {
	return db.clusterTables(ctx, "ballots", "ballot_rankings", "election_roll")
}

// Result returns the stored result of a counted election.
func (s *ElectionService) Result(ctx context.Context, electionID int64) ([]byte, error) {
	var result sql.NullString
	err := s.db.read.QueryRowContext(ctx, `SELECT result FROM elections WHERE id = $1`, electionID).Scan(&result)
	if err == sql.ErrNoRows || (err == nil && !result.Valid) {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "the election has no result yet")
	}
	return []byte(result.String), s.db.translate(err)
}
