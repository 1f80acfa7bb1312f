package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/rankfile/rankfile"
)

// A guest (someone not signed in) may type anyone's address, so their
// registration holds nothing until they confirm it through the link
// emailed to them, and that email goes out only so often.

// registerGuest asks a contact to confirm a registration: a new one, or
// one lapsed, cancelled or still unconfirmed asked for anew, unconfirmed
// until rankfile.GuestExpiry, recorded in change as asked. One that holds
// a seat or a place in line is left as it is.
func (tx *Tx) registerGuest(ctx context.Context, e *rankfile.Event, c *rankfile.Contact, change *rankfile.EventChange) (*rankfile.Registration, error) {
	contactID, err := tx.guestContact(ctx, c)
	if err != nil {
		return nil, err
	}
	reg, err := tx.registrationOf(ctx, e.ID, 0, contactID)
	if err != nil || (reg != nil && (reg.Status == rankfile.Registered || reg.Status == rankfile.Waitlisted)) {
		return reg, err
	}
	typed, expires := mustJSON(c), rankfile.GuestExpiry(e, tx.now)
	if reg == nil {
		reg = &rankfile.Registration{EventID: e.ID, ContactID: contactID, Status: rankfile.Unconfirmed, ExpiresAt: expires}
		err = tx.insertRegistration(ctx, reg, randomHex(16), typed)
	} else {
		reg.Status, reg.ExpiresAt = rankfile.Unconfirmed, expires
		_, err = tx.ExecContext(ctx, `UPDATE event_registrations SET status = 'unconfirmed', expires_at = $1,
			registered_at = $2, cancelled_at = NULL, typed_contact = $3, token = COALESCE(token, $4) WHERE id = $5`,
			tx.db.timeArg(expires.UTC()), tx.stamp, typed, randomHex(16), reg.ID)
	}
	if err != nil {
		return nil, err
	}
	return reg, tx.askToConfirm(ctx, reg, change)
}

// guestContact returns the id of the contact with the guest's address,
// made from what they typed when there is none. An existing contact's
// details change only when the guest confirms (confirmContact). On
// PostgreSQL the contact's row stays locked until the transaction ends,
// so that requests for one address count its emails in turn.
func (tx *Tx) guestContact(ctx context.Context, c *rankfile.Contact) (int64, error) {
	err := tx.QueryRowContext(ctx, `INSERT INTO contacts (name, email, phone, zip, language, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (email) DO UPDATE SET
		language = CASE WHEN contacts.language = '' THEN excluded.language ELSE contacts.language END
		RETURNING id`, c.Name, c.Email, c.Phone, c.Zip, c.Language, tx.stamp).Scan(&c.ID)
	return c.ID, err
}

// askToConfirm records in change the guest's registration asked for,
// with the counts rankfile.GuestEmailDue weighs: their address's emails
// asking to confirm of the last day, across events, and this
// registration's of late.
func (tx *Tx) askToConfirm(ctx context.Context, reg *rankfile.Registration, change *rankfile.EventChange) error {
	change.Asked = reg
	return tx.QueryRowContext(ctx, `SELECT COUNT(*), COUNT(CASE WHEN registration_id = $2 AND created_at > $4 THEN 1 END)
		FROM outbox WHERE contact_id = $1 AND kind = 'confirm' AND created_at > $3`, reg.ContactID, reg.ID,
		tx.db.timeArg(tx.now.Add(-rankfile.GuestEmailDay)), tx.db.timeArg(tx.now.Add(-rankfile.GuestEmailAgain))).Scan(
		&change.AskedLastDay, &change.AskedLately)
}

// ConfirmRegistration confirms a guest's registration under its event's
// lock, as members register: a seat while there is one, else the next
// place in line, reported to notices.
func (s *EventService) ConfirmRegistration(ctx context.Context, id int64, notices rankfile.EventNotices) (*rankfile.Registration, error) {
	err := s.db.inTx(ctx, func(tx *Tx) error {
		reg, e, err := tx.lockedRegistration(ctx, id)
		if err != nil {
			return err
		}
		if err := reg.CheckConfirmable(tx.now); err != nil || reg.Status != rankfile.Unconfirmed {
			return err // confirming again changes nothing
		}
		if err := e.CheckRegistrable(tx.now); err != nil {
			return err
		}
		if err := tx.confirmContact(ctx, reg.ID); err != nil {
			return err
		}
		change := &rankfile.EventChange{EventID: e.ID}
		if err := tx.seat(ctx, e, reg, change); err != nil {
			return err
		}
		return tx.queueNotices(ctx, change, notices)
	})
	if err != nil {
		return nil, err
	}
	return s.FindRegistration(ctx, id)
}

// confirmContact puts on the guest's contact the details they typed when
// they asked to register, now that their address vouched for them.
func (tx *Tx) confirmContact(ctx context.Context, registrationID int64) error {
	var typed sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT typed_contact FROM event_registrations WHERE id = $1`,
		registrationID).Scan(&typed); err != nil || !typed.Valid {
		return err
	}
	c := &rankfile.Contact{}
	if err := json.Unmarshal([]byte(typed.String), c); err != nil {
		return err
	}
	_, err := tx.contactOf(ctx, rankfile.Registrant{Contact: c})
	return err
}
