package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// CheckIn records that a registrant came, or registers a walk-in on the
// spot and records that they came. Someone already checked in keeps the
// time they first were.
func (s *EventService) CheckIn(ctx context.Context, eventID, registrationID int64, walkIn *rankfile.Registrant) (*rankfile.Registration, error) {
	if walkIn != nil && walkIn.Contact != nil {
		if err := walkIn.Contact.Validate(); err != nil {
			return nil, err
		}
	}
	var id int64
	err := s.db.inTx(ctx, func(tx *Tx) error {
		e, err := tx.lockEvent(ctx, eventID)
		if err != nil {
			return err
		}
		if e.Cancelled {
			return rankfile.Errorf(rankfile.ECONFLICT, "this event is cancelled")
		}
		if id, err = tx.attendee(ctx, e, registrationID, walkIn); err != nil {
			return err
		}
		by := ""
		if actor := rankfile.ActorFrom(ctx); actor.SignedIn() && actor.ID() != walkInMember(walkIn) {
			by = actor.Name()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_registrations SET attended_at = $1, checked_in_by = $2
			WHERE id = $3 AND attended_at IS NULL`, tx.stamp, by, id); err != nil {
			return err
		}
		return tx.walkedIn(ctx, id)
	})
	if err != nil {
		return nil, err
	}
	return s.FindRegistration(ctx, id)
}

// walkedIn makes an unconfirmed registration, lapsed or not, a walk-in's:
// the guest never confirmed, but came, and is known now. Like any
// walk-in, they take no seat.
func (tx *Tx) walkedIn(ctx context.Context, id int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE event_registrations SET status = 'registered', walk_in = TRUE,
		expires_at = NULL, typed_contact = NULL WHERE id = $1 AND status = 'unconfirmed'`, id)
	return err
}

func walkInMember(w *rankfile.Registrant) int64 {
	if w == nil {
		return 0
	}
	return w.MemberID
}

// attendee returns the id of the registration to check in: the one named,
// the walk-in's own, or a new walk-in registration.
func (tx *Tx) attendee(ctx context.Context, e *rankfile.Event, registrationID int64, walkIn *rankfile.Registrant) (int64, error) {
	if walkIn == nil {
		reg, err := tx.registrationByID(ctx, registrationID)
		if err != nil || reg.EventID != e.ID {
			return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such registration at this event")
		}
		return reg.ID, nil
	}
	contactID, err := tx.contactOf(ctx, *walkIn)
	if err != nil {
		return 0, err
	}
	reg, err := tx.registrationOf(ctx, e.ID, walkIn.MemberID, contactID)
	if err != nil || reg != nil {
		return regID(reg), err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO event_registrations (event_id, member_id, contact_id, status, line,
		registered_at, walk_in) VALUES ($1, $2, $3, 'registered', `+nextLine+`, $4, TRUE) RETURNING id`, e.ID,
		nullID(walkIn.MemberID), nullID(contactID), tx.stamp).Scan(&id)
	return id, err
}

func regID(r *rankfile.Registration) int64 {
	if r == nil {
		return 0
	}
	return r.ID
}

// MemberEvents lists the events a member was checked in at, latest first.
func (s *EventService) MemberEvents(ctx context.Context, memberID int64) ([]*rankfile.AttendedEvent, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT e.id, e.title, e.kind, e.starts_at, r.attended_at
		FROM event_registrations r JOIN events e ON e.id = r.event_id
		WHERE r.member_id = $1 AND r.attended_at IS NOT NULL ORDER BY e.starts_at DESC, e.id DESC`, memberID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.AttendedEvent
	for rows.Next() {
		a := &rankfile.AttendedEvent{}
		if err := rows.Scan(&a.EventID, &a.Title, &a.Kind, &a.StartsAt, &a.AttendedAt); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
