package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// The emails asking attendees for feedback, queued once an event: the
// event's row in feedback_requests is inserted in the transaction that
// queues them, first, so that of two clocks queueing at the same moment
// one queues and the other finds the row and queues nothing, and a
// process that dies halfway queued nothing at all.

// QueueFeedbackRequests queues the feedback email to every member with an
// email checked in at each event that ended after from and at or before
// until and asks for feedback, once an event.
func (s *FeedbackService) QueueFeedbackRequests(ctx context.Context, from, until time.Time) (int, error) {
	queued := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		ids, err := tx.feedbackDue(ctx, from, until)
		if err != nil {
			return err
		}
		for _, id := range ids {
			n, err := tx.queueFeedbackRequests(ctx, id)
			if err != nil {
				return err
			}
			queued += n
		}
		return nil
	})
	return queued, err
}

// feedbackDue returns the events that ended between from and until, ask
// for feedback (rankfile.FeedbackAsked decides) and have not had their
// emails queued.
func (tx *Tx) feedbackDue(ctx context.Context, from, until time.Time) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.kind, f.asked FROM events e
		LEFT JOIN feedback_settings f ON f.event_id = e.id
		WHERE NOT e.cancelled AND e.ends_at > $1 AND e.ends_at <= $2
		AND NOT EXISTS (SELECT 1 FROM feedback_requests r WHERE r.event_id = e.id) ORDER BY e.id`,
		tx.db.timeArg(from.UTC()), tx.db.timeArg(until.UTC()))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		e, setting := &rankfile.Event{}, sql.NullBool{}
		if err := rows.Scan(&e.ID, &e.Kind, &setting); err != nil {
			return nil, err
		}
		var asked *bool
		if setting.Valid {
			asked = &setting.Bool
		}
		if rankfile.FeedbackAsked(e, asked) {
			ids = append(ids, e.ID)
		}
	}
	return ids, rows.Err()
}

// queueFeedbackRequests takes the event's row in feedback_requests and,
// when it was not taken already, queues the event's emails.
func (tx *Tx) queueFeedbackRequests(ctx context.Context, eventID int64) (int, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO feedback_requests (event_id, queued_at) VALUES ($1, $2)
		ON CONFLICT (event_id) DO NOTHING`, eventID, tx.stamp)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return 0, err
	}
	res, err = tx.ExecContext(ctx, `INSERT INTO outbox (kind, event_id, member_id, state, next_at, created_at)
		SELECT '`+string(rankfile.NoticeFeedback)+`', r.event_id, r.member_id, 'pending', $1, $1 FROM event_registrations r
		JOIN members m ON m.id = r.member_id
		WHERE r.event_id = $2 AND r.attended_at IS NOT NULL AND m.email <> '' ORDER BY r.member_id`,
		tx.stamp, eventID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
