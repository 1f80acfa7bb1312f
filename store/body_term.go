package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Notices that a term in a seat ends soon, queued in the outbox once a
// position (migration 00021).

// QueueTermNotices queues a notice to the leaders of the body of every
// seat position ending between today and until that has not had one: the
// holders of the body's seats today, the one whose term ends among them,
// and the holders of the seat that appoints to it. It returns how many
// notices it queued. A position whose end moves keeps the notice it had.
func (s *BodyService) QueueTermNotices(ctx context.Context, until rankfile.Date) (int, error) {
	queued := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		today := tx.today()
		rows, err := tx.QueryContext(ctx, `SELECT p.id FROM positions p WHERE p.seat_id IS NOT NULL
			AND p.term_notice_at IS NULL AND p.end_on >= $1 AND p.end_on <= $2 ORDER BY p.id`, today, until)
		if err != nil {
			return err
		}
		ids, err := scanIDs(rows)
		if err != nil {
			return err
		}
		for _, id := range ids {
			n, err := tx.queueTermNotice(ctx, id, today)
			if err != nil {
				return err
			}
			queued += n
		}
		return nil
	})
	return queued, err
}

// queueTermNotice queues the notices of one position's term, one to each
// leader however many seats they hold, and marks it as having had them.
func (tx *Tx) queueTermNotice(ctx context.Context, id int64, today rankfile.Date) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT h.member_id
		FROM positions p JOIN seats s ON s.id = p.seat_id
		JOIN positions h ON h.seat_id IS NOT NULL AND h.start_on <= $1 AND (h.end_on IS NULL OR h.end_on >= $1)
			AND (h.body_id = p.body_id OR h.seat_id = s.appointing_seat_id)
		WHERE p.id = $2 ORDER BY h.member_id`, today, id)
	if err != nil {
		return 0, err
	}
	leaders, err := scanIDs(rows)
	if err != nil {
		return 0, err
	}
	for _, m := range leaders {
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, member_id, position_id, state, next_at, created_at)
			VALUES ('term_ending', $1, $2, 'pending', $3, $3)`, m, id, tx.stamp); err != nil {
			return 0, err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE positions SET term_notice_at = $1 WHERE id = $2`, tx.stamp, id)
	return len(leaders), err
}
