package http

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// The form that puts an event, or a series of them, on the calendar, and
// the one that changes an event. Times are typed in the event's own time
// zone.

// eventForm is the new event and edit event page.
type eventForm struct {
	E *rankfile.Event
	// Hosts are the bodies the reader may put events on the calendar for;
	// Bodies are all active ones, the co-hosts' choices.
	Hosts, Bodies []*rankfile.Body
	Kinds         []rankfile.EventKind
	Audiences     []rankfile.Audience
	// Repeat, Until and Except are the series' recurrence as typed.
	Repeat, Until, Except string
	Problem               string
	// Zones are the time zones the form offers.
	Zones []zoneChoice
}

// zoneChoice is a time zone the event form offers: its name, and how the
// form shows it, with its abbreviation now ("America/Chicago (CST)").
type zoneChoice struct {
	Name, Label string
}

// eventZones are the zones the event form offers beyond the chapter's own
// and the event's: the zones of the United States, where a chapter's
// events are, online ones too.
var eventZones = []string{"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
	"America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico"}

// zoneChoices lists the chapter's zone first, then the event's own when
// it is another, then the others, each once.
func zoneChoices(chapter *time.Location, event string, now time.Time) []zoneChoice {
	var out []zoneChoice
	seen := map[string]bool{}
	for _, name := range append([]string{chapter.String(), event}, eventZones...) {
		loc, err := time.LoadLocation(name)
		if name == "" || seen[name] || err != nil {
			continue
		}
		seen[name] = true
		out = append(out, zoneChoice{Name: name, Label: name + " (" + now.In(loc).Format("MST") + ")"})
	}
	return out
}

// Cohost reports whether the event has the body as a co-host.
func (f *eventForm) Cohost(id int64) bool {
	for _, c := range f.E.CohostIDs {
		if c == id {
			return true
		}
	}
	return false
}

// Starts and Ends write the event's times as the form's inputs take them.
func (f *eventForm) Starts() string { return timeField(f.E.StartsAt, f.E.Location()) }

// Ends writes the event's end as the form's input takes it.
func (f *eventForm) Ends() string { return timeField(f.E.EndsAt, f.E.Location()) }

func timeField(t time.Time, zone *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(zone).Format(timeFieldLayout)
}

// timeFieldLayout is how a datetime-local input sends a time.
const timeFieldLayout = "2006-01-02T15:04"

func (s *Server) eventFormPage(w http.ResponseWriter, r *http.Request, status int, f *eventForm) error {
	ctx, actor := r.Context(), req(r).actor
	all, err := s.app.ActiveBodyList(ctx, keptBodies(f.E.ID, append([]int64{f.E.BodyID}, f.E.CohostIDs...)...)...)
	if err != nil {
		return err
	}
	f.Bodies, f.Kinds, f.Audiences = all, rankfile.EventKinds, rankfile.Audiences
	f.Zones = zoneChoices(s.app.Zone, f.E.Zone, s.app.Now())
	f.Hosts = nil
	for _, b := range all {
		if actor.CanCreateEvent(b.ID) {
			f.Hosts = append(f.Hosts, b)
		}
	}
	if len(f.Hosts) == 0 {
		return actor.Require(false)
	}
	return s.renderStatus(w, r, status, "event_form.html", f)
}

// newEventPage offers the form for a new event, for a body given by
// ?body= or the reader's first.
func (s *Server) newEventPage(w http.ResponseWriter, r *http.Request) error {
	body, _ := formID(r, "body")
	start := s.app.Today().AddDays(7).Time(s.app.Zone).Add(18 * time.Hour)
	e := &rankfile.Event{BodyID: body, Kind: rankfile.EventMeeting, Audience: rankfile.AudienceMembers,
		Zone: s.app.Zone.String(), StartsAt: start, EndsAt: start.Add(2 * time.Hour)}
	return s.eventFormPage(w, r, http.StatusOK, &eventForm{E: e})
}

// createEventForm puts the event or series on the calendar and opens the
// first.
func (s *Server) createEventForm(w http.ResponseWriter, r *http.Request) error {
	f := &eventForm{E: &rankfile.Event{}, Repeat: r.FormValue("repeat"), Until: r.FormValue("until"),
		Except: r.FormValue("except")}
	err := readEvent(r, f.E)
	var rec *rankfile.Recurrence
	if err == nil {
		rec, err = f.recurrence()
	}
	var events []*rankfile.Event
	if err == nil {
		events, err = s.app.CreateEvent(r.Context(), req(r).actor, f.E, rec)
	}
	if err != nil {
		return s.eventFormProblem(w, r, f, err)
	}
	return redirect(w, r, fmt.Sprintf("/events/%d?done=created", events[0].ID))
}

// editEventPage offers the form that changes an event.
func (s *Server) editEventPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.eventOf(r)
	if err != nil {
		return err
	}
	if err := req(r).actor.Require(v.Manage); err != nil {
		return err
	}
	return s.eventFormPage(w, r, http.StatusOK, &eventForm{E: v.Event})
}

// updateEventForm changes the event.
func (s *Server) updateEventForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	f := &eventForm{E: &rankfile.Event{ID: id}}
	if err = readEvent(r, f.E); err == nil {
		err = s.app.UpdateEvent(r.Context(), req(r).actor, f.E)
	}
	if err != nil {
		return s.eventFormProblem(w, r, f, err)
	}
	return redirect(w, r, fmt.Sprintf("/events/%d?done=saved", id))
}

// eventFormProblem shows the form again as sent, saying what was wrong.
func (s *Server) eventFormProblem(w http.ResponseWriter, r *http.Request, f *eventForm, err error) error {
	if !fixable(err) {
		return err
	}
	f.Problem = req(r).l.Error(err)
	return s.eventFormPage(w, r, statuses[rankfile.ErrorCode(err)], f)
}

// readEvent reads the form's event into e. What it cannot read is an
// invalid request; what it reads, the event's Validate checks.
func readEvent(r *http.Request, e *rankfile.Event) error {
	if err := r.ParseForm(); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the form could not be read")
	}
	var err error
	if e.BodyID, err = formID(r, "body_id"); err != nil {
		return err
	}
	for _, v := range r.Form["cohost"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "cohost: %q is not a body", v)
		}
		e.CohostIDs = append(e.CohostIDs, id)
	}
	e.Kind, e.Audience = rankfile.EventKind(r.FormValue("kind")), rankfile.Audience(r.FormValue("audience"))
	e.Title, e.Description = r.FormValue("title"), r.FormValue("description")
	e.Zone = strings.TrimSpace(r.FormValue("zone"))
	e.Address, e.OnlineURL = r.FormValue("address"), r.FormValue("online_url")
	e.PrivateDetails, e.Accessibility, e.Safety = r.FormValue("private_details"), r.FormValue("accessibility"), r.FormValue("safety")
	e.Registration = r.FormValue("registration") != ""
	if c := strings.TrimSpace(r.FormValue("capacity")); c != "" {
		if e.Capacity, err = strconv.Atoi(c); err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "capacity: %q is not a number", c)
		}
	}
	return readTimes(r, e)
}

// readTimes reads the start and end, typed in the event's zone.
func readTimes(r *http.Request, e *rankfile.Event) error {
	zone, err := time.LoadLocation(e.Zone)
	if err != nil || e.Zone == "" {
		return rankfile.Errorf(rankfile.EINVALID, "unknown time zone %q", e.Zone)
	}
	for _, field := range []struct {
		name string
		to   *time.Time
	}{{"starts_at", &e.StartsAt}, {"ends_at", &e.EndsAt}} {
		v := r.FormValue(field.name)
		t, err := time.ParseInLocation(timeFieldLayout, v, zone)
		if err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "%q is not a date and time", v)
		}
		*field.to = t
	}
	return nil
}

// recurrence reads the series the form asks for, nil for a single event.
func (f *eventForm) recurrence() (*rankfile.Recurrence, error) {
	if f.Repeat == "" {
		return nil, nil
	}
	rec := &rankfile.Recurrence{Frequency: rankfile.Frequency(f.Repeat)}
	var err error
	if rec.Until, err = rankfile.ParseDate(strings.TrimSpace(f.Until)); err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "a series needs the date of its last event (YYYY-MM-DD)")
	}
	for _, v := range strings.FieldsFunc(f.Except, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' }) {
		d, err := rankfile.ParseDate(v)
		if err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "%q is not a date (YYYY-MM-DD)", v)
		}
		rec.Except = append(rec.Except, d)
	}
	return rec, nil
}
