package store

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// Register gives a member a seat while there is one, else a place on the
// waitlist; a contact's registration waits for them to confirm it
// (registerGuest). What happened goes to notices, whose notices are
// queued with it. The event's lock makes registrations take turns, so
// seats are never over-given and the waitlist is in the order
// registrations arrived.
func (s *EventService) Register(ctx context.Context, eventID int64, who rankfile.Registrant, notices rankfile.EventNotices) (*rankfile.Registration, error) {
	if who.Contact != nil {
		if err := who.Contact.Validate(); err != nil {
			return nil, err
		}
	} else if who.MemberID == 0 {
		return nil, rankfile.Errorf(rankfile.EINVALID, "a registration is a member's or a contact's")
	}
	var reg *rankfile.Registration
	err := s.db.inTx(ctx, func(tx *Tx) error {
		e, err := tx.lockEvent(ctx, eventID)
		if err != nil {
			return err
		}
		if err := e.CheckRegistrable(tx.now); err != nil {
			return err
		}
		change := &rankfile.EventChange{EventID: e.ID}
		if who.Contact != nil {
			reg, err = tx.registerGuest(ctx, e, who.Contact, change)
		} else {
			reg, err = tx.register(ctx, e, who.MemberID, change)
		}
		if err != nil {
			return err
		}
		return tx.queueNotices(ctx, change, notices)
	})
	if err != nil {
		return nil, err
	}
	return s.FindRegistration(ctx, reg.ID)
}

// register gives a member a seat or a place in line, recorded in change;
// registering again changes nothing.
func (tx *Tx) register(ctx context.Context, e *rankfile.Event, memberID int64, change *rankfile.EventChange) (*rankfile.Registration, error) {
	reg, err := tx.registrationOf(ctx, e.ID, memberID, 0)
	if err != nil || (reg != nil && reg.Status != rankfile.Cancelled) {
		return reg, err // registering again changes nothing
	}
	if reg == nil {
		reg = &rankfile.Registration{EventID: e.ID, MemberID: memberID}
	}
	return reg, tx.seat(ctx, e, reg, change)
}

// seat gives a registration, new (no id yet) or not, a seat while there
// is one, else the next place in line, and records it in change as
// placed.
func (tx *Tx) seat(ctx context.Context, e *rankfile.Event, reg *rankfile.Registration, change *rankfile.EventChange) error {
	status, err := tx.nextStatus(ctx, e)
	if err != nil {
		return err
	}
	reg.Status, reg.ExpiresAt = status, time.Time{}
	if reg.ID == 0 {
		err = tx.insertRegistration(ctx, reg, nil, nil)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE event_registrations SET status = $2, line = `+nextLine+`,
			registered_at = $3, cancelled_at = NULL, expires_at = NULL, typed_contact = NULL WHERE id = $4`,
			e.ID, string(status), tx.stamp, reg.ID)
	}
	if err != nil {
		return err
	}
	change.Placed = append(change.Placed, reg)
	return nil
}

// insertRegistration stores a new registration at the end of its event's
// line, with a contact's secret link and what they typed.
func (tx *Tx) insertRegistration(ctx context.Context, reg *rankfile.Registration, token, typed any) error {
	var expires any
	if !reg.ExpiresAt.IsZero() {
		expires = tx.db.timeArg(reg.ExpiresAt.UTC())
	}
	return tx.QueryRowContext(ctx, `INSERT INTO event_registrations (event_id, member_id, contact_id, status, line,
		registered_at, token, expires_at, typed_contact) VALUES ($1, $2, $3, $4, `+nextLine+`, $5, $6, $7, $8)
		RETURNING id`, reg.EventID, nullID(reg.MemberID), nullID(reg.ContactID), string(reg.Status), tx.stamp, token,
		expires, typed).Scan(&reg.ID)
}

// nextLine is the registration's place in the order of arrival: after
// every other at the event (parameter $1 is the event).
const nextLine = `(SELECT COALESCE(MAX(line), 0) + 1 FROM event_registrations WHERE event_id = $1)`

// placed are the statuses of registrations that hold something: a seat
// or a place in line. Unconfirmed and cancelled ones hold nothing, and
// every query that counts registrations, lists a member's or tells
// registrants of a change reads only these.
const placed = `('registered', 'waitlisted')`

// nextStatus is what a new registration gets: a seat while any is free.
func (tx *Tx) nextStatus(ctx context.Context, e *rankfile.Event) (rankfile.RegistrationStatus, error) {
	if e.Capacity == 0 {
		return rankfile.Registered, nil
	}
	taken, err := tx.seatsTaken(ctx, e.ID)
	if err != nil || taken < e.Capacity {
		return rankfile.Registered, err
	}
	return rankfile.Waitlisted, nil
}

// seatsTaken counts the seats registrations hold; walk-ins came without
// taking one.
func (tx *Tx) seatsTaken(ctx context.Context, eventID int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM event_registrations
		WHERE event_id = $1 AND status = 'registered' AND NOT walk_in`, eventID).Scan(&n)
	return n, err
}

// contactOf returns the id of the registrant's contact record, made or
// brought up to date from what they typed, or 0 for a member. Only what
// someone vouches for comes here: a host checking a walk-in in, or a
// guest confirming through their email.
func (tx *Tx) contactOf(ctx context.Context, who rankfile.Registrant) (int64, error) {
	c := who.Contact
	if c == nil {
		if who.MemberID == 0 {
			return 0, rankfile.Errorf(rankfile.EINVALID, "a registration is a member's or a contact's")
		}
		return 0, nil
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO contacts (name, email, phone, zip, language, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (email) DO UPDATE SET name = excluded.name,
		language = CASE WHEN excluded.language = '' THEN contacts.language ELSE excluded.language END,
		phone = CASE WHEN excluded.phone = '' THEN contacts.phone ELSE excluded.phone END,
		zip = CASE WHEN excluded.zip = '' THEN contacts.zip ELSE excluded.zip END, updated_at = excluded.updated_at
		RETURNING id`, c.Name, c.Email, c.Phone, c.Zip, c.Language, tx.stamp).Scan(&c.ID)
	return c.ID, err
}

// registrationOf returns the registration of a member or contact at an
// event, or nil.
func (tx *Tx) registrationOf(ctx context.Context, eventID, memberID, contactID int64) (*rankfile.Registration, error) {
	return readRegistration(ctx, tx, `r.event_id = $1 AND (r.member_id = $2 OR r.contact_id = $3)`, eventID, memberID, contactID)
}

// CancelRegistration cancels a registration and gives the seat it held to
// the first on the waitlist, whom notices are asked about. Cancelling
// again changes nothing.
func (s *EventService) CancelRegistration(ctx context.Context, id int64, notices rankfile.EventNotices) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		_, e, err := tx.lockedRegistration(ctx, id)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE event_registrations SET status = 'cancelled', cancelled_at = $1,
			expires_at = NULL WHERE id = $2 AND status <> 'cancelled'`, tx.stamp, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		change := &rankfile.EventChange{EventID: e.ID}
		if err := tx.fillSeats(ctx, e, change); err != nil {
			return err
		}
		return tx.queueNotices(ctx, change, notices)
	})
}

// lockedRegistration takes the lock of a registration's event and returns
// the registration as it stands under the lock, with its event.
func (tx *Tx) lockedRegistration(ctx context.Context, id int64) (*rankfile.Registration, *rankfile.Event, error) {
	reg, err := tx.registrationByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	e, err := tx.lockEvent(ctx, reg.EventID)
	if err != nil {
		return nil, nil, err
	}
	reg, err = tx.registrationByID(ctx, id)
	return reg, e, err
}

// fillSeats takes people off the waitlist, first come first served, while
// seats are free, and records them in change as promoted. An event over
// or cancelled moves nobody.
func (tx *Tx) fillSeats(ctx context.Context, e *rankfile.Event, change *rankfile.EventChange) error {
	if e.Cancelled || e.Past(tx.now) || !e.Registration {
		return nil
	}
	taken, err := tx.seatsTaken(ctx, e.ID)
	if err != nil {
		return err
	}
	free := e.Capacity - taken
	if e.Capacity == 0 {
		free = maxPromotions
	}
	if free <= 0 {
		return nil
	}
	waiting, err := tx.firstWaiting(ctx, e.ID, free)
	if err != nil {
		return err
	}
	ids := make([]int64, len(waiting))
	for i, reg := range waiting {
		ids[i] = reg.ID
	}
	if err := tx.updateIDs(ctx, ids, `UPDATE event_registrations SET status = 'registered' WHERE id IN (%s)`); err != nil {
		return err
	}
	for _, reg := range waiting {
		reg.Status = rankfile.Registered
	}
	change.Promoted = append(change.Promoted, waiting...)
	return nil
}

// maxPromotions bounds the people taken off a waitlist at once when its
// event's limit is lifted.
const maxPromotions = 100_000

// firstWaiting returns the first n on the event's waitlist, in line, with
// what their notices need.
func (tx *Tx) firstWaiting(ctx context.Context, eventID int64, n int) ([]*rankfile.Registration, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, COALESCE(member_id, 0), COALESCE(contact_id, 0) FROM event_registrations
		WHERE event_id = $1 AND status = 'waitlisted' ORDER BY line LIMIT $2`, eventID, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*rankfile.Registration
	for rows.Next() {
		reg := &rankfile.Registration{EventID: eventID}
		if err := rows.Scan(&reg.ID, &reg.MemberID, &reg.ContactID); err != nil {
			return nil, err
		}
		out = append(out, reg)
	}
	return out, rows.Err()
}
