package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// registrationColumns are the columns scanRegistration reads, from
// registrationFrom. A waitlisted registration's place counts those ahead.
const registrationColumns = `r.id, r.event_id, COALESCE(r.member_id, 0), COALESCE(r.contact_id, 0),
	COALESCE(m.first_name || ' ' || m.last_name, c.name, ''), r.status,
	CASE WHEN r.status = 'waitlisted' THEN (SELECT COUNT(*) FROM event_registrations w
		WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.line <= r.line) ELSE 0 END,
	r.registered_at, r.attended_at, r.checked_in_by, r.walk_in, COALESCE(r.token, ''), r.expires_at`

const registrationFrom = `FROM event_registrations r LEFT JOIN members m ON m.id = r.member_id
	LEFT JOIN contacts c ON c.id = r.contact_id`

func scanRegistration(row interface{ Scan(...any) error }) (*rankfile.Registration, error) {
	r := &rankfile.Registration{}
	var attended, expires sql.NullTime
	if err := row.Scan(&r.ID, &r.EventID, &r.MemberID, &r.ContactID, &r.Name, &r.Status, &r.Place,
		&r.RegisteredAt, &attended, &r.CheckedInBy, &r.WalkIn, &r.Token, &expires); err != nil {
		return nil, err
	}
	r.AttendedAt, r.ExpiresAt = attended.Time, expires.Time
	return r, nil
}

// readRegistration returns the registration cond selects, or nil when
// there is none, through a transaction or the read pool.
func readRegistration(ctx context.Context, q querier, cond string, args ...any) (*rankfile.Registration, error) {
	r, err := scanRegistration(q.QueryRowContext(ctx, `SELECT `+registrationColumns+` `+registrationFrom+`
		WHERE `+cond, args...))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return r, err
}

// noRegistration is what a missing registration is.
var noRegistration = rankfile.Errorf(rankfile.ENOTFOUND, "no such registration")

func (tx *Tx) registrationByID(ctx context.Context, id int64) (*rankfile.Registration, error) {
	r, err := readRegistration(ctx, tx, `r.id = $1`, id)
	if err == nil && r == nil {
		return nil, noRegistration
	}
	return r, err
}

// FindRegistration returns a registration by id.
func (s *EventService) FindRegistration(ctx context.Context, id int64) (*rankfile.Registration, error) {
	r, err := readRegistration(ctx, s.db.read, `r.id = $1`, id)
	if err == nil && r == nil {
		return nil, noRegistration
	}
	return r, s.db.translate(err)
}

// Registrations lists an event's registrations: seats in the order taken,
// the waitlist in order, those unconfirmed in the order asked for (the
// lapsed ones left out: they are nobody's), then those cancelled.
func (s *EventService) Registrations(ctx context.Context, eventID int64) ([]*rankfile.Registration, error) {
	return s.registrations(ctx, `r.event_id = $1 AND (r.status <> 'unconfirmed' OR r.expires_at > $2)
		ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'waitlisted' THEN 1 WHEN 'unconfirmed' THEN 2 ELSE 3 END,
		r.line`, eventID, s.db.timeArg(s.db.Now().UTC()))
}

// MemberRegistrations lists a member's registrations that hold a seat or
// a place in line, in one query: a private feed reads them on every
// fetch.
func (s *EventService) MemberRegistrations(ctx context.Context, memberID int64) ([]*rankfile.Registration, error) {
	return s.registrations(ctx, `r.member_id = $1 AND r.status IN `+placed+` ORDER BY r.id`, memberID)
}

func (s *EventService) registrations(ctx context.Context, cond string, args ...any) ([]*rankfile.Registration, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+registrationColumns+` `+registrationFrom+` WHERE `+cond, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Registration
	for rows.Next() {
		r, err := scanRegistration(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MemberRegistration returns a member's registration at an event, or nil.
func (s *EventService) MemberRegistration(ctx context.Context, eventID, memberID int64) (*rankfile.Registration, error) {
	r, err := readRegistration(ctx, s.db.read, `r.event_id = $1 AND r.member_id = $2`, eventID, memberID)
	return r, s.db.translate(err)
}

// RegistrationByToken returns the registration a contact's secret link
// names.
func (s *EventService) RegistrationByToken(ctx context.Context, token string) (*rankfile.Registration, error) {
	r, err := readRegistration(ctx, s.db.read, `r.token = $1`, token)
	if err == nil && (r == nil || token == "") {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "this link is not, or no longer, a registration's")
	}
	return r, s.db.translate(err)
}

// FindContact returns a contact by id.
func (s *EventService) FindContact(ctx context.Context, id int64) (*rankfile.Contact, error) {
	c := &rankfile.Contact{}
	err := s.db.read.QueryRowContext(ctx, `SELECT id, name, email, phone, zip, language, created_at FROM contacts WHERE id = $1`,
		id).Scan(&c.ID, &c.Name, &c.Email, &c.Phone, &c.Zip, &c.Language, &c.CreatedAt)
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such contact")
	}
	return c, s.db.translate(err)
}
