// Package icalendar writes rankfile's events as iCalendar (RFC 5545):
// the calendar feeds members subscribe to and the .ics files sent with
// registration emails. It wraps github.com/arran4/golang-ical.
package icalendar

import (
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/rankfile/rankfile"
)

// ContentType is the media type of what Write writes.
const ContentType = "text/calendar; charset=utf-8"

// Calendar is a feed or file of events.
type Calendar struct {
	// Name is what calendar programs call the calendar.
	Name string
	// Host names rankfile's site; it makes event UIDs unique worldwide.
	Host string
	// Events are written in order; cancelled ones as cancelled, so that
	// programs that copied them remove them.
	Events []*rankfile.Event
	// Link returns an event's page.
	Link func(*rankfile.Event) string
	// Stamp is when the calendar was made (DTSTAMP).
	Stamp time.Time
}

// HostOf returns the host name of the address people reach rankfile at,
// for Calendar.Host: feeds and emailed files name events alike.
func HostOf(base string) string {
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "rankfile.invalid"
}

// refresh is how often calendar programs are asked to fetch a feed again.
const refresh = "PT1H"

// Write writes c as an iCalendar object. Times are in UTC, which every
// program reads without a VTIMEZONE of its own.
func Write(w io.Writer, c *Calendar) error {
	cal := ics.NewCalendarFor("rankfile")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(c.Name)
	cal.SetXWRCalName(c.Name)
	cal.SetRefreshInterval(refresh)
	cal.SetXPublishedTTL(refresh)
	for _, e := range c.Events {
		writeEvent(cal.AddEvent(UID(e, c.Host)), e, c)
	}
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

// UID is an event's identity in calendars: the same in every feed and
// file, so that a program holds one copy of it.
func UID(e *rankfile.Event, host string) string {
	return "event-" + strconv.FormatInt(e.ID, 10) + "@" + host
}

func writeEvent(v *ics.VEvent, e *rankfile.Event, c *Calendar) {
	v.SetDtStampTime(c.Stamp)
	v.SetCreatedTime(e.CreatedAt)
	v.SetModifiedAt(e.UpdatedAt)
	v.SetSequence(e.Sequence)
	v.SetStartAt(e.StartsAt)
	v.SetEndAt(e.EndsAt)
	v.SetSummary(e.Title)
	v.AddCategory(strings.ToUpper(string(e.Kind)))
	if where := location(e); where != "" {
		v.SetLocation(where)
	}
	link := c.Link(e)
	v.SetURL(link)
	v.SetDescription(description(e, link))
	if e.Cancelled {
		v.SetStatus(ics.ObjectStatusCancelled)
	} else {
		v.SetStatus(ics.ObjectStatusConfirmed)
	}
}

// location is the event's address, or its call when it has no address and
// the viewer may see the call.
func location(e *rankfile.Event) string {
	if e.Address != "" {
		return e.Address
	}
	return e.OnlineURL
}

// description is the event's text with what a person needs at hand on the
// day: the call, the private details, the page.
func description(e *rankfile.Event, link string) string {
	parts := []string{strings.TrimSpace(e.Description)}
	for _, p := range []string{e.OnlineURL, e.PrivateDetails, e.Accessibility, e.Safety, link} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.TrimSpace(strings.Join(parts, "\n\n"))
}
