package rankfile

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// RegistrationStatus is where a registration stands. Whether the person
// came is kept apart, in AttendedAt: a waitlisted person may walk in, and
// a registered one may not come.
type RegistrationStatus string

// Registration statuses. A guest's registration (someone not signed in)
// starts unconfirmed: anyone can type any address, so it holds nothing,
// neither a seat nor a place in line, and counts nowhere until the guest
// confirms it through the link emailed to them. Members are known, and
// register at once.
const (
	Unconfirmed RegistrationStatus = "unconfirmed"
	Registered  RegistrationStatus = "registered"
	Waitlisted  RegistrationStatus = "waitlisted"
	Cancelled   RegistrationStatus = "cancelled"
)

// Limits on guests, so that nobody can fill an event with made-up people
// or have rankfile email whomever they like.
const (
	// GuestConfirmWithin is how long a guest has to confirm, at most: an
	// unconfirmed registration lapses then, or when its event ends if
	// that is sooner.
	GuestConfirmWithin = 24 * time.Hour
	// GuestEmailsPerDay is how many emails asking to confirm one address
	// gets in GuestEmailDay, whatever the events. Past it, asking again
	// sends nothing, and the asker is not told.
	GuestEmailsPerDay = 3
	GuestEmailDay     = 24 * time.Hour
	// GuestEmailAgain is how long after asking a guest to confirm a
	// registration the same request sends the email again.
	GuestEmailAgain = time.Hour
)

// Registration is someone's place at an event: a member's, or a contact's
// (someone who is not a member and registered for a public event).
type Registration struct {
	ID        int64              `json:"id"`
	EventID   int64              `json:"event_id"`
	MemberID  int64              `json:"member_id,omitempty"`
	ContactID int64              `json:"contact_id,omitempty"`
	Name      string             `json:"name"`
	Status    RegistrationStatus `json:"status"`
	// Place is a waitlisted registration's place in line, from 1.
	Place        int       `json:"place,omitempty"`
	RegisteredAt time.Time `json:"registered_at"`
	// ExpiresAt is when an unconfirmed registration lapses; zero for the
	// others.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
	// AttendedAt is when they were checked in; zero if they were not.
	AttendedAt  time.Time `json:"attended_at,omitzero"`
	CheckedInBy string    `json:"checked_in_by,omitempty"`
	// WalkIn is set for someone checked in who had not registered.
	WalkIn bool `json:"walk_in,omitempty"`
	// Token opens a contact's registration through the link in their
	// email; members sign in instead.
	Token string `json:"-"`
}

// Attended reports whether they were checked in.
func (r *Registration) Attended() bool { return !r.AttendedAt.IsZero() }

// Holds reports whether the registration holds a seat: registered, not
// unconfirmed, waitlisted or cancelled. Holders see the event's private
// details.
func (r *Registration) Holds() bool { return r != nil && r.Status == Registered }

// Expired reports whether the registration is unconfirmed and lapsed at
// t: its link confirms nothing any more.
func (r *Registration) Expired(t time.Time) bool {
	return r != nil && r.Status == Unconfirmed && !t.Before(r.ExpiresAt)
}

// CheckConfirmable says why the guest may not confirm the registration at
// t, if they may not. Confirming one confirmed already changes nothing.
func (r *Registration) CheckConfirmable(t time.Time) error {
	switch {
	case r.Status == Cancelled:
		return Errorf(ECONFLICT, "this registration was cancelled: register again")
	case r.Expired(t):
		return Errorf(ECONFLICT, "this link has expired: register again")
	}
	return nil
}

// GuestExpiry is when a guest's registration for e, asked for at t,
// lapses unconfirmed: after GuestConfirmWithin, or when the event ends if
// that is sooner (the event takes registrations until then).
func GuestExpiry(e *Event, t time.Time) time.Time {
	if end := t.Add(GuestConfirmWithin); end.Before(e.EndsAt) {
		return end
	}
	return e.EndsAt
}

// GuestEmailDue reports whether a guest's request owes an email asking to
// confirm, given how many such emails their address had in the last
// GuestEmailDay and how many this registration had in the last
// GuestEmailAgain.
func GuestEmailDue(lastDay, lately int) bool { return lastDay < GuestEmailsPerDay && lately == 0 }

// Contact is someone who is not a member and registered for a public
// event. Contacts are kept for following up, never counted as members. A
// contact is made when an address is first typed, confirmed or not: the
// emails an address gets asking to confirm are counted against it. Only
// those with a registration confirmed (or checked in) are known to be
// real people.
type Contact struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
	Zip   string `json:"zip,omitempty"`
	// Language is the tag of the language their emails are in: the
	// page's where they registered, or one the API's caller names.
	Language  string    `json:"language,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks and tidies a contact before it is stored.
func (c *Contact) Validate() error {
	c.Name, c.Phone, c.Zip = strings.TrimSpace(c.Name), strings.TrimSpace(c.Phone), strings.TrimSpace(c.Zip)
	email, err := NormalizeEmail(c.Email)
	c.Email = email
	switch {
	case c.Name == "" || utf8.RuneCountInString(c.Name) > 200:
		return Errorf(EINVALID, "a name is needed, of at most 200 characters")
	case err != nil:
		return err
	case len(c.Phone) > 40:
		return Errorf(EINVALID, "a phone number has at most 40 characters")
	case !validZip(c.Zip):
		return Errorf(EINVALID, "a ZIP code is five digits")
	case c.Language != "" && !slices.Contains(LanguageTags, c.Language):
		return Errorf(EINVALID, "rankfile does not speak %q", c.Language)
	}
	return nil
}

// validZip accepts a five-digit ZIP code, ZIP+4, or none.
func validZip(z string) bool {
	if z == "" {
		return true
	}
	five, four, plus := strings.Cut(z, "-")
	if len(five) != 5 || (plus && len(four) != 4) {
		return false
	}
	return strings.Trim(five+four, "0123456789") == ""
}

// Registrant is who registers: a member, or a contact.
type Registrant struct {
	MemberID int64
	Contact  *Contact
}

// AttendedEvent is an event in a member's history.
type AttendedEvent struct {
	EventID    int64     `json:"event_id"`
	Title      string    `json:"title"`
	Kind       EventKind `json:"kind"`
	StartsAt   time.Time `json:"starts_at"`
	AttendedAt time.Time `json:"attended_at"`
}
