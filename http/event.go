package http

import (
	"net/http"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// An event's page: what, when and where, who hosts it, and the reader's
// registration with the forms that change it: one click for members, a
// short form for the public, and the check-in code at the door.

// eventPage is an event's page.
type eventPage struct {
	*app.EventView
	Hosts         []*rankfile.Body
	Done, Problem string
	// ProblemField names the field of the guest's form the problem
	// concerns, "" when it concerns none.
	ProblemField string
	// Guest is what someone not signed in sent to register, shown again
	// with what was wrong with it.
	Guest *rankfile.Contact
	// Map links the event's address to a map; "" when it has none.
	Map string
	// CheckInOpen says whether members may check themselves in now.
	CheckInOpen bool
	// Over says whether the event has ended.
	Over bool
	// Feedback says which of the event's feedback pages the reader may open.
	Feedback app.FeedbackLinks
	// Lapsed says whether the reader's registration lapsed unconfirmed.
	Lapsed bool
	// Session names the course the event is a session of, and what the
	// reader must complete first; nil for other events.
	Session *app.SessionNote
	// ShiftCampaigns are the campaigns whose turfs a canvass's manager
	// may have it hand out.
	ShiftCampaigns []*rankfile.Campaign
}

// Zone is the event's own time zone, in which its page writes its times.
func (p *eventPage) Zone() *time.Location { return p.Event.Location() }

// Seated says whether the reader holds a seat.
func (p *eventPage) Seated() bool { return p.Mine.Holds() }

// Waitlisted says whether the reader is on the waitlist.
func (p *eventPage) Waitlisted() bool { return p.Mine != nil && p.Mine.Status == rankfile.Waitlisted }

// Unconfirmed says whether the reader's registration waits for them to
// confirm it, and still may be.
func (p *eventPage) Unconfirmed() bool {
	return p.Mine != nil && p.Mine.Status == rankfile.Unconfirmed && !p.Lapsed
}

func (s *Server) eventPageData(r *http.Request) (*eventPage, error) {
	v, err := s.eventOf(r)
	if err != nil {
		return nil, err
	}
	return s.eventPageOf(r, v)
}

// eventPageOf completes an event's page from the event as its reader sees
// it; the page of a contact's registration uses it too.
func (s *Server) eventPageOf(r *http.Request, v *app.EventView) (*eventPage, error) {
	bodies, err := s.app.BodyList(r.Context())
	if err != nil {
		return nil, err
	}
	now := s.app.Now()
	p := &eventPage{EventView: v, Done: r.URL.Query().Get("done"), Over: v.Event.Past(now),
		CheckInOpen: v.Event.SelfCheckInOpen(now), Lapsed: v.Mine.Expired(now)}
	if v.Event.Address != "" {
		p.Map = app.MapLink(v.Event.Address)
	}
	byID := make(map[int64]*rankfile.Body, len(bodies))
	for _, b := range bodies {
		byID[b.ID] = b
	}
	for _, id := range v.Event.Hosts() {
		if b := byID[id]; b != nil {
			p.Hosts = append(p.Hosts, b)
		}
	}
	if p.Session, err = s.app.SessionNoteOf(r.Context(), req(r).actor, v.Event); err != nil {
		return nil, err
	}
	if v.Manage && v.Event.Kind == rankfile.EventCanvass {
		p.ShiftCampaigns, err = s.app.CampaignsRunBy(r.Context(), req(r).actor)
	}
	return p, err
}

func (s *Server) eventPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.eventPageData(r)
	if err != nil {
		return err
	}
	if p.Feedback, err = s.app.EventFeedbackLinks(r.Context(), req(r).actor, p.EventView); err != nil {
		return err
	}
	return s.render(w, r, "event.html", p)
}

// guestFields names the field of the guest's form each of a contact's
// rules concerns.
var guestFields = map[string]string{
	"a name is needed, of at most 200 characters": "name",
	"%q is not an email address":                  "email",
	"a phone number has at most 40 characters":    "phone",
	"a ZIP code is five digits":                   "zip",
}

// eventProblem shows the event's page again saying what was wrong with
// what the reader sent, or passes on an error that is not theirs to fix.
func (s *Server) eventProblem(w http.ResponseWriter, r *http.Request, err error, guest *rankfile.Contact) error {
	if !fixable(err) {
		return err
	}
	p, perr := s.eventPageData(r)
	if perr != nil {
		return perr
	}
	problem := problemOf(req(r), err, guestFields)
	p.Problem, p.ProblemField, p.Guest = problem.Message, problem.Field, guest
	return s.renderStatus(w, r, statuses[rankfile.ErrorCode(err)], "event.html", p)
}

// eventDone answers an event's form: back to its page saying what was
// done, or the page again with the problem.
func (s *Server) eventDone(w http.ResponseWriter, r *http.Request, done string, err error) error {
	if err != nil {
		return s.eventProblem(w, r, err, nil)
	}
	return redirect(w, r, "/events/"+r.PathValue("id")+"?done="+done)
}

// registerForm registers the reader: a member in one click, someone not
// signed in with their name, email, phone and ZIP, to be confirmed by
// email.
func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	actor := req(r).actor
	if !actor.SignedIn() {
		return s.registerGuestForm(w, r, id)
	}
	reg, err := s.app.RegisterForEvent(r.Context(), actor, id)
	if err != nil {
		return s.eventProblem(w, r, err, nil)
	}
	return s.eventDone(w, r, string(reg.Status), nil)
}

// unregisterForm cancels the reader's registration.
func (s *Server) unregisterForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	return s.eventDone(w, r, "unregistered", s.app.CancelMyRegistration(r.Context(), req(r).actor, id))
}

// selfCheckInForm checks the reader in with the code said at the door.
func (s *Server) selfCheckInForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	_, err = s.app.CheckInAtEvent(r.Context(), req(r).actor, id, r.FormValue("code"))
	return s.eventDone(w, r, "checkedin", err)
}

// cancelEventForm cancels the event, for its hosts.
func (s *Server) cancelEventForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	return s.eventDone(w, r, "cancelled", s.app.CancelEvent(r.Context(), req(r).actor, id))
}

// eventFile is an event's own iCalendar file, to add it to a calendar.
func (s *Server) eventFile(w http.ResponseWriter, r *http.Request) error {
	v, err := s.eventOf(r)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="event-`+r.PathValue("id")+`.ics"`)
	return s.writeFeed(w, r, strings.TrimSpace(v.Event.Title), []*rankfile.Event{v.Event})
}

// eventOf returns the event of the request's path as its reader sees it.
func (s *Server) eventOf(r *http.Request) (*app.EventView, error) {
	id, err := eventID(r)
	if err != nil {
		return nil, err
	}
	return s.app.Event(r.Context(), req(r).actor, id)
}
