package rankfile

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Events: the chapter's calendar. Branch meetings, trainings, orientations
// for new members, rallies, canvasses, phonebanks and socials, each hosted
// by a body, some open to the public, some needing registration.

// EventKind is what sort of event an event is.
type EventKind string

// Event kinds.
const (
	EventMeeting     EventKind = "meeting"
	EventTraining    EventKind = "training"
	EventOrientation EventKind = "orientation" // for new members
	EventAction      EventKind = "action"      // an action or a rally
	EventCanvass     EventKind = "canvass"
	EventPhonebank   EventKind = "phonebank"
	EventSocial      EventKind = "social"
	EventOther       EventKind = "other"
)

// EventKinds lists the kinds in the order forms and filters offer them.
var EventKinds = []EventKind{EventMeeting, EventTraining, EventOrientation, EventAction, EventCanvass,
	EventPhonebank, EventSocial, EventOther}

// Audience is who may see an event.
type Audience string

// Audiences, from the widest.
const (
	AudiencePublic  Audience = "public"  // anyone, signed in or not, and the public feed
	AudienceMembers Audience = "members" // members signed in
	AudienceBody    Audience = "body"    // the members of the host body and its co-hosts
)

// Audiences lists the audiences in the order forms offer them.
var Audiences = []Audience{AudiencePublic, AudienceMembers, AudienceBody}

// Event is one event on the calendar. A recurring series is stored as its
// occurrences, each an Event with the series' id, so that each has its own
// registrations and can be moved or cancelled alone.
type Event struct {
	ID       int64 `json:"id"`
	SeriesID int64 `json:"series_id,omitempty"`
	// BodyID is the host body; CohostIDs are the bodies hosting with it,
	// whose leaders manage the event too.
	BodyID    int64     `json:"body_id"`
	CohostIDs []int64   `json:"cohost_ids,omitempty"`
	Kind      EventKind `json:"kind"`
	Title     string    `json:"title"`
	// Description is markdown, rendered sanitized.
	Description string    `json:"description,omitempty"`
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	// Zone is the IANA name of the time zone the event is held in.
	Zone    string `json:"zone"`
	Address string `json:"address,omitempty"`
	// OnlineURL is the video call's address. When the event needs
	// registration, only those registered (and its hosts) see it.
	OnlineURL string `json:"online_url,omitempty"`
	// OnlineHidden says that the event has an online link the viewer
	// sees once registered (ForViewer), so that pages say so, and only
	// for events that are online.
	OnlineHidden bool `json:"-"`
	// PrivateDetails are what only registrants see: a call's passcode, the
	// door to knock on.
	PrivateDetails string   `json:"private_details,omitempty"`
	Accessibility  string   `json:"accessibility,omitempty"`
	Safety         string   `json:"safety,omitempty"`
	Audience       Audience `json:"audience"`
	// Registration says whether people register to come.
	Registration bool `json:"registration"`
	// Capacity is how many may be registered; 0 is no limit. Beyond it,
	// people join the waitlist.
	Capacity  int  `json:"capacity,omitempty"`
	Cancelled bool `json:"cancelled,omitempty"`
	// Sequence counts the changes registrants were told of: calendar
	// programs replace an event's copy when it grows (RFC 5545 SEQUENCE).
	Sequence int `json:"sequence"`
	// CheckInCode is what attendees type to check themselves in; only
	// hosts see it.
	CheckInCode string    `json:"check_in_code,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// Registered and Waitlisted count the registrations.
	Registered int `json:"registered"`
	Waitlisted int `json:"waitlisted"`
}

// Limits on what an event holds.
const (
	maxEventTitle       = 200
	maxEventDescription = 20_000
	maxEventNote        = 2_000
	maxEventCapacity    = 100_000
	maxEventLength      = 14 * 24 * time.Hour
	maxEventCohosts     = 10
)

// Validate checks an event before it is stored, and tidies its text.
func (e *Event) Validate() error {
	e.Title = strings.TrimSpace(e.Title)
	e.Address, e.OnlineURL = strings.TrimSpace(e.Address), strings.TrimSpace(e.OnlineURL)
	switch {
	case e.BodyID == 0:
		return Errorf(EINVALID, "an event is hosted by a body")
	case !slices.Contains(EventKinds, e.Kind):
		return Errorf(EINVALID, "unknown kind of event %q", e.Kind)
	case !slices.Contains(Audiences, e.Audience):
		return Errorf(EINVALID, "an event is for the public, members or a body's members, not %q", e.Audience)
	case e.Title == "" || utf8.RuneCountInString(e.Title) > maxEventTitle:
		return Errorf(EINVALID, "an event needs a title of at most %d characters", maxEventTitle)
	case len(e.Description) > maxEventDescription:
		return Errorf(EINVALID, "a description has at most %d characters", maxEventDescription)
	case len(e.PrivateDetails) > maxEventNote || len(e.Accessibility) > maxEventNote || len(e.Safety) > maxEventNote:
		return Errorf(EINVALID, "private details, accessibility and safety notes have at most %d characters each", maxEventNote)
	case e.Address == "" && e.OnlineURL == "":
		return Errorf(EINVALID, "an event needs a place, an online link, or both")
	case len(e.CohostIDs) > maxEventCohosts || slices.Contains(e.CohostIDs, e.BodyID):
		return Errorf(EINVALID, "an event has at most %d co-hosts, other than its host", maxEventCohosts)
	case e.Capacity < 0 || e.Capacity > maxEventCapacity:
		return Errorf(EINVALID, "a capacity is a number of people from 0 (no limit) to %d", maxEventCapacity)
	case e.Capacity > 0 && !e.Registration:
		return Errorf(EINVALID, "only an event that takes registrations has a capacity")
	}
	if err := e.validateLink(); err != nil {
		return err
	}
	return e.validateTimes()
}

// validateLink accepts only web addresses, so that a page never links to
// a script.
func (e *Event) validateLink() error {
	if e.OnlineURL == "" {
		return nil
	}
	u, err := url.Parse(e.OnlineURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return Errorf(EINVALID, "the online link must be a web address (https://...)")
	}
	return nil
}

func (e *Event) validateTimes() error {
	loc, err := loadZone(e.Zone)
	if err != nil || e.Zone == "" {
		return Errorf(EINVALID, "unknown time zone %q", e.Zone)
	}
	switch {
	case e.StartsAt.IsZero():
		return Errorf(EINVALID, "an event needs a start")
	case !e.EndsAt.After(e.StartsAt) || e.EndsAt.Sub(e.StartsAt) > maxEventLength:
		return Errorf(EINVALID, "an event ends after it starts, and within %d days", maxEventLength/(24*time.Hour))
	}
	if err := CheckTimes("an event's start and end", e.StartsAt, e.EndsAt); err != nil {
		return err
	}
	e.StartsAt, e.EndsAt = e.StartsAt.In(loc), e.EndsAt.In(loc)
	return nil
}

// Location returns the event's time zone (UTC for an unknown one, which
// Validate refuses).
func (e *Event) Location() *time.Location {
	loc, err := loadZone(e.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Full reports whether the event has no seat left: new registrations go
// on the waitlist.
func (e *Event) Full() bool { return e.Capacity > 0 && e.Registered >= e.Capacity }

// Hosts returns the host body and the co-hosts.
func (e *Event) Hosts() []int64 { return append([]int64{e.BodyID}, e.CohostIDs...) }

// Past reports whether the event has ended at t.
func (e *Event) Past(t time.Time) bool { return !t.Before(e.EndsAt) }

// CheckRegistrable says why the event takes no registration at t, if it
// does not.
func (e *Event) CheckRegistrable(t time.Time) error {
	switch {
	case !e.Registration:
		return Errorf(ECONFLICT, "this event takes no registrations: just come")
	case e.Cancelled:
		return Errorf(ECONFLICT, "this event is cancelled")
	case e.Past(t):
		return Errorf(ECONFLICT, "this event is over")
	}
	return nil
}

// checkInEarly is how long before an event people may check themselves in.
const checkInEarly = time.Hour

// CheckSelfCheckIn says why someone may not check themselves in at t
// with the code they typed, if they may not: from an hour before the
// event until it ends, with its code.
func (e *Event) CheckSelfCheckIn(t time.Time, typed string) error {
	switch {
	case e.Cancelled:
		return Errorf(ECONFLICT, "this event is cancelled")
	case !e.SelfCheckInOpen(t):
		return Errorf(ECONFLICT, "check-in opens an hour before the event and closes when it ends")
	case NormalizeCode(typed) != e.CheckInCode:
		return Errorf(EINVALID, "that is not this event's code")
	}
	return nil
}

// SelfCheckInOpen reports whether people may check themselves in at t:
// from an hour before the event until it ends.
func (e *Event) SelfCheckInOpen(t time.Time) bool {
	return !e.Cancelled && !t.Before(e.StartsAt.Add(-checkInEarly)) && !e.Past(t)
}

// MovedFrom reports whether e, changed from old, is at another time or
// place: what registrants are told of.
func (e *Event) MovedFrom(old *Event) bool {
	return !old.StartsAt.Equal(e.StartsAt) || !old.EndsAt.Equal(e.EndsAt) || old.Address != e.Address ||
		old.OnlineURL != e.OnlineURL
}

// ForViewer returns the event as someone sees it: the online link and the
// private details only when mayJoin (registered, a host, or the event
// needs no registration and so has nothing to hold back but the private
// details), and the check-in code only for hosts.
func (e *Event) ForViewer(registered, host bool) *Event {
	c := *e
	if !host {
		c.CheckInCode = ""
		if !registered {
			c.PrivateDetails = ""
			if e.Registration && e.OnlineURL != "" {
				c.OnlineURL, c.OnlineHidden = "", true
			}
		}
	}
	return &c
}

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	ID int64
	// IDs selects these events; nil does not filter.
	IDs []int64
	// BodyID selects events the body hosts or co-hosts.
	BodyID int64
	Kinds  []EventKind
	// From and To select events that end after From and start before To.
	From, To time.Time
	// Audiences selects events for these audiences; nil is any.
	Audiences []Audience
	// RegisteredMember selects the events a member is registered for or
	// waitlisted on.
	RegisteredMember int64
	// Scheduled leaves out cancelled events.
	Scheduled bool
	Limit     int
}

// EventService stores events, registrations and attendance. A change that
// may owe someone an email reports what it did to the app's notices (see
// EventChange) under the event's lock, and queues the notices it returns
// in the same transaction.
type EventService interface {
	// CreateEvents stores events, each with its own check-in code: one
	// event, or with a recurrence the occurrences of a series under one
	// series id.
	CreateEvents(ctx context.Context, events []*Event, r *Recurrence) error
	// FindEvents returns events in the order they start, with counts of
	// registrations.
	FindEvents(ctx context.Context, f EventFilter) ([]*Event, error)
	// EventLeads lists the members who run an event, in the order named.
	EventLeads(ctx context.Context, eventID int64) ([]*EventLead, error)
	// SetEventLeads names the members who run an event in place of those
	// named before: ECONFLICT naming the course and the member when the
	// event's kind requires a course one of them does not hold valid on
	// the event's day (see CourseRequirement), and nothing is stored.
	SetEventLeads(ctx context.Context, eventID int64, memberIDs []int64) error
	// CalendarVersion returns the calendar's version, which every
	// committed change to an event or its co-hosts, by any process, moves
	// on: a feed written at one version may be served again while the
	// version is the same.
	CalendarVersion(ctx context.Context) (int64, error)
	// UpdateEvent stores an event's new details. Whether its time or
	// place changed, with everyone registered or waitlisted, and who more
	// seats took off the waitlist go to notices.
	UpdateEvent(ctx context.Context, e *Event, notices EventNotices) error
	// CancelEvent cancels an event; everyone registered or waitlisted
	// goes to notices. Cancelling it again changes nothing.
	CancelEvent(ctx context.Context, id int64, notices EventNotices) error
	// Register registers a member or contact. A member takes a seat
	// while there is one, else the waitlist, in the order registrations
	// arrive. A contact's registration is unconfirmed until
	// ConfirmRegistration, lapsing at GuestExpiry. The registration
	// placed, or the guest's asked for with the count of their address's
	// emails, goes to notices. Registering again returns
	// the registration there is (a lapsed or cancelled one is asked for
	// anew). ECONFLICT for an event that takes no registrations, is
	// cancelled or is over.
	Register(ctx context.Context, eventID int64, who Registrant, notices EventNotices) (*Registration, error)
	// ConfirmRegistration confirms a contact's unconfirmed registration:
	// a seat while there is one, else the waitlist, in the order of
	// confirmation, reported to notices. The details the
	// contact typed are put on their contact. Confirming again returns
	// the registration as it is; ECONFLICT for a lapsed or cancelled one,
	// or an event that takes no registrations now.
	ConfirmRegistration(ctx context.Context, registrationID int64, notices EventNotices) (*Registration, error)
	// CancelRegistration cancels a registration; the first on the
	// waitlist takes the seat it frees, reported to notices.
	CancelRegistration(ctx context.Context, registrationID int64, notices EventNotices) error
	// Registrations lists an event's registrations: seats in the order
	// taken, then the waitlist in order, then those unconfirmed (not the
	// lapsed ones), then cancelled ones.
	Registrations(ctx context.Context, eventID int64) ([]*Registration, error)
	// FindRegistration returns a registration by id, ENOTFOUND if none.
	FindRegistration(ctx context.Context, id int64) (*Registration, error)
	// MemberRegistration returns a member's registration at an event, or
	// nil when they have none.
	MemberRegistration(ctx context.Context, eventID, memberID int64) (*Registration, error)
	// MemberRegistrations lists a member's registrations that hold a seat
	// or a place on a waitlist.
	MemberRegistrations(ctx context.Context, memberID int64) ([]*Registration, error)
	// RegistrationByToken returns the registration a contact's secret link
	// names, ENOTFOUND if none.
	RegistrationByToken(ctx context.Context, token string) (*Registration, error)
	// CheckIn records that someone came: a registrant, or (with a zero
	// registration and a Registrant) a walk-in, registered on the spot.
	CheckIn(ctx context.Context, eventID int64, registrationID int64, walkIn *Registrant) (*Registration, error)
	// MemberEvents lists the events a member attended, latest first.
	MemberEvents(ctx context.Context, memberID int64) ([]*AttendedEvent, error)
	// FindContact returns a contact, ENOTFOUND if none.
	FindContact(ctx context.Context, id int64) (*Contact, error)
	// CalendarToken returns the secret of a member's private calendar
	// feed, making one the first time, and a new one (the old one stops
	// working) when reset.
	CalendarToken(ctx context.Context, memberID int64, reset bool) (string, error)
	// CalendarMember returns the member whose feed a secret opens,
	// ENOTFOUND if none.
	CalendarMember(ctx context.Context, token string) (int64, error)
	// QueueReminders queues the day-before reminders of events starting
	// before the time given, once per event.
	QueueReminders(ctx context.Context, before time.Time) (int, error)
}
