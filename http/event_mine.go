package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A member's own events: what they registered for, the address of their
// private calendar feed, and the events they attended.

// myEventsView is "my events".
type myEventsView struct {
	Coming   []*app.EventView
	Attended []*rankfile.AttendedEvent
	// Feed is the address of the member's private feed.
	Feed string
	Done string
}

func (s *Server) myEventsPage(w http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), req(r).actor
	coming, err := s.app.MyEvents(ctx, actor, rankfile.EventFilter{From: s.app.Now()})
	if err != nil {
		return err
	}
	attended, err := s.app.EventsAttended(ctx, actor)
	if err != nil {
		return err
	}
	token, err := s.app.CalendarToken(ctx, actor, false)
	if err != nil {
		return err
	}
	return s.render(w, r, "event_mine.html", &myEventsView{Coming: coming, Attended: attended,
		Feed: s.linkTo(r, privateFeedPath(token)), Done: r.URL.Query().Get("done")})
}

// resetCalendarForm gives the member's feed a new address; calendars
// subscribed to the old one stop receiving it.
func (s *Server) resetCalendarForm(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.app.CalendarToken(r.Context(), req(r).actor, true); err != nil {
		return err
	}
	return redirect(w, r, "/my/events?done=reset")
}
