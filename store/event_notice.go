package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The notices an event's change owes are the app's to decide: a change
// gathers what it did under the event's lock in a rankfile.EventChange,
// then asks the app's rankfile.EventNotices and queues exactly what it
// returns, in the change's transaction.

// queueNotices asks notices what the change owes and queues it inside tx;
// its error undoes the change. Without notices, nothing may be dropped
// quietly: the change is refused.
func (tx *Tx) queueNotices(ctx context.Context, c *rankfile.EventChange, notices rankfile.EventNotices) error {
	if notices == nil {
		return rankfile.Errorf(rankfile.EINTERNAL, "a change to event %d was made without deciding its notices", c.EventID)
	}
	owed, err := notices(c)
	if err != nil {
		return err
	}
	if len(owed) <= fewNotices {
		for _, n := range owed {
			if err := tx.notify(ctx, n); err != nil {
				return err
			}
		}
		return nil
	}
	return tx.notifyMany(ctx, owed)
}

// fewNotices is how many notices are queued one statement each; more (an
// event moved, with thousands registered) go a batch at a time.
const fewNotices = 8

// notifyMany queues notices inside tx a batch at a time, to be sent now.
func (tx *Tx) notifyMany(ctx context.Context, owed []*rankfile.Notice) error {
	rows := newBatchInsert(tx, "outbox", []string{"kind", "event_id", "registration_id", "member_id", "contact_id",
		"weekly_id", "state", "next_at", "created_at"})
	for _, n := range owed {
		n.State, n.NextAt, n.CreatedAt = rankfile.NoticePending, tx.now, tx.now
		if err := rows.add(ctx, string(n.Kind), nullID(n.EventID), nullID(n.RegistrationID), nullID(n.MemberID),
			nullID(n.ContactID), nullID(n.WeeklyID), string(rankfile.NoticePending), tx.stamp, tx.stamp); err != nil {
			return err
		}
	}
	return rows.flush(ctx)
}

// registrants returns everyone registered or waitlisted at the event, in
// the order they registered, for the notices a change to it owes.
func (tx *Tx) registrants(ctx context.Context, eventID int64) ([]*rankfile.Registration, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(member_id, 0), COALESCE(contact_id, 0), status
		FROM event_registrations WHERE event_id = $1 AND status IN `+placed+` ORDER BY id`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*rankfile.Registration
	for rows.Next() {
		reg := &rankfile.Registration{EventID: eventID}
		if err := rows.Scan(&reg.ID, &reg.MemberID, &reg.ContactID, &reg.Status); err != nil {
			return nil, err
		}
		out = append(out, reg)
	}
	return out, rows.Err()
}
