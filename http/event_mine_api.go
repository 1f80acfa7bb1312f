package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// apiMyEvents lists the events the caller is registered for or waitlisted
// on, from today.
func (s *Server) apiMyEvents(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.MyEvents(r.Context(), req(r).actor, rankfile.EventFilter{From: s.app.Now()})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiEventsAttended lists the events the caller attended.
func (s *Server) apiEventsAttended(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.EventsAttended(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*rankfile.AttendedEvent{}
	}
	return writeJSON(w, http.StatusOK, list)
}

// apiMyCalendar returns the address of the caller's private calendar feed;
// POST makes a new one, and the old one stops working.
func (s *Server) apiMyCalendar(w http.ResponseWriter, r *http.Request) error {
	token, err := s.app.CalendarToken(r.Context(), req(r).actor, r.Method == http.MethodPost)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]string{"url": s.linkTo(r, privateFeedPath(token))})
}
