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
