package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// QueueMailing records that an election's email of a kind is owed and, the
// first time only, queues one notice for each member on the roll (for the
// reminder, each who has not voted) in the same transaction: whichever
// server gets to it first queues it, and the outbox sends each notice
// once, whichever server sends it.
func (s *ElectionService) QueueMailing(ctx context.Context, electionID int64, kind string) (int, error) {
	queued := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO election_mailings (election_id, kind, sent_at) VALUES ($1, $2, $3)
			ON CONFLICT DO NOTHING`, electionID, kind, tx.stamp)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO outbox (kind, member_id, election_id, state, next_at, created_at)
			SELECT $1, member_id, election_id, 'pending', $2, $2 FROM election_roll
			WHERE election_id = $3 AND (NOT $4 OR voted = '') ORDER BY member_id`,
			string(rankfile.NoticeElection(kind)), tx.stamp, electionID, kind == rankfile.MailReminder)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		queued = int(n)
		return err
	})
	return queued, err
}
