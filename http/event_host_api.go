package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// checkInBody is what checks someone in at an event: the event's code (the
// caller checks themselves in), a registration, a member walking in, or a
// contact walking in.
type checkInBody struct {
	Code           string            `json:"code"`
	RegistrationID int64             `json:"registration_id"`
	MemberID       int64             `json:"member_id"`
	Contact        *rankfile.Contact `json:"contact"`
}

// checkIn does what the body asks.
func (s *Server) checkIn(r *http.Request, id int64, b *checkInBody) (*rankfile.Registration, error) {
	ctx, actor := r.Context(), req(r).actor
	switch {
	case b.Code != "":
		return s.app.CheckInAtEvent(ctx, actor, id, b.Code)
	case b.RegistrationID != 0:
		return s.app.CheckInRegistrant(ctx, actor, id, b.RegistrationID)
	case b.MemberID != 0 || b.Contact != nil:
		return s.app.CheckInWalkIn(ctx, actor, id, rankfile.Registrant{MemberID: b.MemberID, Contact: b.Contact})
	}
	return nil, rankfile.Errorf(rankfile.EINVALID, "say who checks in: a code, a registration_id, a member_id or a contact")
}

// apiEventCheckIn checks someone in at an event.
func (s *Server) apiEventCheckIn(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	b := &checkInBody{}
	if err := decodeBody(r, b, `{"code"}, {"registration_id"}, {"member_id"} or {"contact": {"name", "email"}}`); err != nil {
		return err
	}
	reg, err := s.checkIn(r, id, b)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reg)
}

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

// apiGuestRegistration returns the registration a contact's link opens.
func (s *Server) apiGuestRegistration(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.GuestRegistration(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

// apiCancelGuestRegistration cancels the registration a contact's link
// opens.
func (s *Server) apiCancelGuestRegistration(w http.ResponseWriter, r *http.Request) error {
	if err := s.app.CancelGuestRegistration(r.Context(), r.PathValue("token")); err != nil {
		return err
	}
	return s.apiGuestRegistration(w, r)
}

// apiOutbox returns the outbox's counts and the emails held or failed,
// for admins.
func (s *Server) apiOutbox(w http.ResponseWriter, r *http.Request) error {
	status, err := s.app.OutboxStatus(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	if status.Stuck == nil {
		status.Stuck = []*rankfile.Notice{}
	}
	return writeJSON(w, http.StatusOK, status)
}

// apiReleaseNotice sends a held or failed email again.
func (s *Server) apiReleaseNotice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "nid", "email")
	if err != nil {
		return err
	}
	if err := s.app.ReleaseNotice(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return s.apiOutbox(w, r)
}
