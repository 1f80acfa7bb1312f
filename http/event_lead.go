package http

import (
	"net/http"
)

// An event's leads, named on its page by those who manage it, and through
// the API.

func (s *Server) addEventLeadForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	return s.eventDone(w, r, "lead", s.app.AddEventLead(r.Context(), req(r).actor, id, r.FormValue("member")))
}

func (s *Server) removeEventLeadForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	member, err := pathID(r, "mid", "member")
	if err != nil {
		return err
	}
	return s.eventDone(w, r, "leadremoved", s.app.RemoveEventLead(r.Context(), req(r).actor, id, member))
}

// eventLeadsBody is what the API takes to name an event's leads.
type eventLeadsBody struct {
	MemberIDs []int64 `json:"member_ids"`
}

func (s *Server) apiSetEventLeads(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	b := &eventLeadsBody{}
	if err := decodeBody(r, b, "the leads: member_ids, a list of member ids"); err != nil {
		return err
	}
	leads, err := s.app.SetEventLeads(r.Context(), req(r).actor, id, b.MemberIDs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, leads)
}
