package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// UpdateEvent stores an event's new details. A new time or place raises
// its sequence; more seats take people off the waitlist, in order. Both
// go to notices, with everyone registered or waitlisted when it moved.
func (s *EventService) UpdateEvent(ctx context.Context, e *rankfile.Event, notices rankfile.EventNotices) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		old, err := tx.lockEvent(ctx, e.ID)
		if err != nil {
			return err
		}
		if old.Cancelled {
			return rankfile.Errorf(rankfile.ECONFLICT, "the event is cancelled")
		}
		moved := e.MovedFrom(old)
		e.Sequence, e.CheckInCode, e.SeriesID, e.CreatedAt, e.UpdatedAt = old.Sequence, old.CheckInCode, old.SeriesID, old.CreatedAt, tx.now
		if moved {
			e.Sequence++
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET body_id = $1, kind = $2, title = $3, description = $4,
			starts_at = $5, ends_at = $6, zone = $7, address = $8, online_url = $9, private_details = $10,
			accessibility = $11, safety = $12, audience = $13, registration = $14, capacity = $15, sequence = $16,
			updated_at = $17, reminders_queued_at = CASE WHEN $18 THEN NULL ELSE reminders_queued_at END
			WHERE id = $19`, e.BodyID, string(e.Kind), e.Title, e.Description, tx.db.timeArg(e.StartsAt.UTC()),
			tx.db.timeArg(e.EndsAt.UTC()), e.Zone, e.Address, e.OnlineURL, e.PrivateDetails, e.Accessibility, e.Safety,
			string(e.Audience), e.Registration, e.Capacity, e.Sequence, tx.stamp, !old.StartsAt.Equal(e.StartsAt), e.ID); err != nil {
			return err
		}
		if err := tx.writeCohosts(ctx, e); err != nil {
			return err
		}
		if err := tx.touchCalendar(ctx); err != nil {
			return err
		}
		change := &rankfile.EventChange{EventID: e.ID, Moved: moved}
		if moved {
			if change.Registrants, err = tx.registrants(ctx, e.ID); err != nil {
				return err
			}
		}
		if err := tx.audit(ctx, rankfile.AuditChangeEvent, 0, sprintf("changed event %d: %s", e.ID, e.Title)); err != nil {
			return err
		}
		if err := tx.fillSeats(ctx, e, change); err != nil {
			return err
		}
		return tx.queueNotices(ctx, change, notices)
	})
}

// CancelEvent cancels an event; everyone registered or waitlisted goes to
// notices. Cancelling it again changes nothing.
func (s *EventService) CancelEvent(ctx context.Context, id int64, notices rankfile.EventNotices) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		e, err := tx.lockEvent(ctx, id)
		if err != nil || e.Cancelled {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET cancelled = TRUE, sequence = sequence + 1, updated_at = $1
			WHERE id = $2`, tx.stamp, id); err != nil {
			return err
		}
		if err := tx.touchCalendar(ctx); err != nil {
			return err
		}
		if err := tx.audit(ctx, rankfile.AuditChangeEvent, 0, sprintf("cancelled event %d: %s", id, e.Title)); err != nil {
			return err
		}
		change := &rankfile.EventChange{EventID: id, Cancelled: true}
		if change.Registrants, err = tx.registrants(ctx, id); err != nil {
			return err
		}
		return tx.queueNotices(ctx, change, notices)
	})
}
