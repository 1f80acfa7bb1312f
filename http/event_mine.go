package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A member's own events: what they registered for, the address of their
// private calendar feed, and the events they attended. And the outbox's
// page for admins.

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

// outboxPage shows admins the email owed and what is stuck.
func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) error {
	st, err := s.app.OutboxStatus(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return s.render(w, r, "outbox.html", &outboxView{OutboxStatus: st, States: noticeStates,
		Done: r.URL.Query().Get("done")})
}

// outboxView is the outbox's page.
type outboxView struct {
	*app.OutboxStatus
	States []rankfile.NoticeState
	Done   string
}

// noticeStates are the states the outbox's page counts, in order.
var noticeStates = []rankfile.NoticeState{rankfile.NoticePending, rankfile.NoticeSending, rankfile.NoticeSent,
	rankfile.NoticeHeld, rankfile.NoticeFailed, rankfile.NoticeDropped}

// releaseNoticeForm sends a held or failed email again.
func (s *Server) releaseNoticeForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "nid", "email")
	if err != nil {
		return err
	}
	if err := s.app.ReleaseNotice(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return redirect(w, r, "/admin/outbox?done=released")
}
