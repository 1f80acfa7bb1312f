package store

import (
	"context"
	"time"
)

// Reminders to those registered for an event about to start, queued in
// the outbox once an event.
//
// Reminders are the one notice the store still decides (everyone holding
// a seat, walk-ins aside, gets a reminder): it is a decision about a set,
// made in one INSERT ... SELECT for the thousands registered at each
// event due, where every other notice (store/event_notice.go) answers
// one change under one event's lock, a few rows at a time.

// QueueReminders queues a reminder to everyone registered at each event
// starting between now and before that has not had its reminders, and
// returns how many were queued. Moving an event to another time lets it
// have them again.
func (s *EventService) QueueReminders(ctx context.Context, before time.Time) (int, error) {
	queued := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM events WHERE NOT cancelled AND registration
			AND reminders_queued_at IS NULL AND starts_at > $1 AND starts_at <= $2`, tx.stamp, s.db.timeArg(before.UTC()))
		if err != nil {
			return err
		}
		ids, err := scanIDs(rows)
		if err != nil {
			return err
		}
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, event_id, registration_id, member_id, contact_id,
				state, next_at, created_at) SELECT 'reminder', event_id, id, member_id, contact_id, 'pending', $1, $1
				FROM event_registrations WHERE event_id = $2 AND status = 'registered' AND NOT walk_in ORDER BY id`, tx.stamp, id)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			queued += int(n)
			if _, err := tx.ExecContext(ctx, `UPDATE events SET reminders_queued_at = $1 WHERE id = $2`, tx.stamp, id); err != nil {
				return err
			}
		}
		return nil
	})
	return queued, err
}
