package store

import "context"

// ClaimMailing records that an election's email of a kind is being sent,
// and reports false when it was already: each goes once, whichever server
// process gets to it first.
func (s *ElectionService) ClaimMailing(ctx context.Context, electionID int64, kind string) (bool, error) {
	claimed := false
	err := s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO election_mailings (election_id, kind, sent_at) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, electionID, kind, tx.stamp)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}

// RollMembers returns the ids of the members on an election's roll, or of
// those who have not voted.
func (s *ElectionService) RollMembers(ctx context.Context, electionID int64, notVoted bool) ([]int64, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT member_id FROM election_roll
		WHERE election_id = $1 AND (NOT $2 OR voted = '') ORDER BY member_id`, electionID, notVoted)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanIDs(rows)
}
