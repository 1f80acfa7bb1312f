package http

import (
	"net/http"
)

// The seats' appointments and a committee's members through the JSON API:
// the same operations as the body's pages, with the same rules.

// memberRef is the body of a request naming a member.
type memberRef struct {
	MemberID int64 `json:"member_id"`
}

// apiAppoint appoints the member named to a seat, for one who appoints to it.
func (s *Server) apiAppoint(w http.ResponseWriter, r *http.Request) error {
	seatID, err := pathID(r, "sid", "seat")
	if err != nil {
		return err
	}
	var ref memberRef
	if err := decodeBody(r, &ref, `{"member_id": N}`); err != nil {
		return err
	}
	p, err := s.app.Appoint(r.Context(), req(r).actor, r.PathValue("slug"), seatID, ref.MemberID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, p)
}

// apiAddMember adds the member named to a committee or working group.
func (s *Server) apiAddMember(w http.ResponseWriter, r *http.Request) error {
	var ref memberRef
	if err := decodeBody(r, &ref, `{"member_id": N}`); err != nil {
		return err
	}
	p, err := s.app.AddMember(r.Context(), req(r).actor, r.PathValue("slug"), ref.MemberID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, p)
}

// apiRemovePosition takes someone out of a seat or a body from today.
func (s *Server) apiRemovePosition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "pid", "position")
	if err != nil {
		return err
	}
	if err := s.app.Remove(r.Context(), req(r).actor, r.PathValue("slug"), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
