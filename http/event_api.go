package http

import (
	"net/http"
	"time"

	"github.com/rankfile/rankfile"
)

// eventFilter reads a calendar's query: from and to (dates, the chapter's
// days; from defaults to today, to to 90 days later), body (an id) and
// kind (repeated).
func (s *Server) eventFilter(r *http.Request) (rankfile.EventFilter, error) {
	q := r.URL.Query()
	f := rankfile.EventFilter{}
	from, err := dateParam(q.Get("from"), s.app.Today())
	if err != nil {
		return f, err
	}
	to, err := dateParam(q.Get("to"), from.AddDays(defaultCalendarDays))
	if err != nil {
		return f, err
	}
	f.From, f.To = from.Time(s.app.Zone), to.Time(s.app.Zone)
	if !f.To.After(f.From) || f.To.Sub(f.From) > maxCalendarSpan {
		return f, rankfile.Errorf(rankfile.EINVALID, "to comes after from, within two years")
	}
	return f, readBodyAndKinds(q, &f)
}

// Calendar spans.
const (
	defaultCalendarDays = 90
	maxCalendarSpan     = 2 * 366 * 24 * time.Hour
)

// apiEvents lists the events the caller may see.
func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	f, err := s.eventFilter(r)
	if err != nil {
		return err
	}
	list, err := s.app.Calendar(r.Context(), req(r).actor, f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

// eventInput is an event as the API takes it, with its recurrence.
type eventInput struct {
	rankfile.Event
	Recurrence *rankfile.Recurrence `json:"recurrence,omitempty"`
}

const eventShape = "an event: body_id, kind, title, starts_at, ends_at, address or online_url, audience, and optionally recurrence"

// apiCreateEvent puts an event, or a series, on the calendar.
func (s *Server) apiCreateEvent(w http.ResponseWriter, r *http.Request) error {
	in := &eventInput{}
	if err := decodeBody(r, in, eventShape); err != nil {
		return err
	}
	events, err := s.app.CreateEvent(r.Context(), req(r).actor, &in.Event, in.Recurrence)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, events)
}

// apiEvent returns an event as the caller sees it, with their
// registration.
func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) error {
	v, err := s.eventOf(r)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// apiUpdateEvent changes an event.
func (s *Server) apiUpdateEvent(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	e := &rankfile.Event{}
	if err := decodeBody(r, e, eventShape); err != nil {
		return err
	}
	e.ID = id
	if err := s.app.UpdateEvent(r.Context(), req(r).actor, e); err != nil {
		return err
	}
	return s.apiEvent(w, r)
}

// apiCancelEvent cancels an event.
func (s *Server) apiCancelEvent(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	if err := s.app.CancelEvent(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return s.apiEvent(w, r)
}

// apiRegister registers the caller, a member, or asks for the
// registration of someone not signed in (apiRegisterGuest).
func (s *Server) apiRegister(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	actor := req(r).actor
	if !actor.SignedIn() {
		return s.apiRegisterGuest(w, r, id)
	}
	reg, err := s.app.RegisterForEvent(r.Context(), actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reg)
}

// apiUnregister cancels the caller's registration for an event.
func (s *Server) apiUnregister(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	if err := s.app.CancelMyRegistration(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return s.apiEvent(w, r)
}

// apiRegistrations lists an event's registrations, for its hosts.
func (s *Server) apiRegistrations(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	_, regs, err := s.app.EventRegistrations(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	if regs == nil {
		regs = []*rankfile.Registration{}
	}
	return writeJSON(w, http.StatusOK, regs)
}

// apiCancelRegistration cancels a registration: one's own, or any at an
// event one hosts.
func (s *Server) apiCancelRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "rid", "registration")
	if err != nil {
		return err
	}
	if err := s.app.CancelRegistration(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
