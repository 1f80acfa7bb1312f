package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile/app"
)

// Appointing to a seat and adding members to a body from the body's page,
// by those the bylaws let: a search by name (a plain GET form, no script
// needed), a button per person found, and a confirmation before anyone is
// removed.

// appointData is the appoint or add page: the search and what it found.
type appointData struct {
	*app.AppointPage
	// Action is where the chosen member is sent.
	Action string
}

func (s *Server) appointPage(w http.ResponseWriter, r *http.Request) error {
	seatID, err := pathID(r, "sid", "seat")
	if err != nil {
		return err
	}
	p, err := s.app.SeatAppointPage(r.Context(), req(r).actor, r.PathValue("slug"), seatID, r.URL.Query().Get("q"))
	if err != nil {
		return err
	}
	return s.renderAppoint(w, r, p, "/bodies/"+p.Body.Slug+"/seats/"+strconv.FormatInt(seatID, 10)+"/appoint")
}

// renderAppoint shows the page; a mistake in the search is a 400 with the
// search field marked.
func (s *Server) renderAppoint(w http.ResponseWriter, r *http.Request, p *app.AppointPage, action string) error {
	status := http.StatusOK
	if p.Err != nil {
		status = http.StatusBadRequest
	}
	return s.renderStatus(w, r, status, "body_appoint.html", appointData{AppointPage: p, Action: action})
}

func (s *Server) appointForm(w http.ResponseWriter, r *http.Request) error {
	seatID, err := pathID(r, "sid", "seat")
	if err != nil {
		return err
	}
	member, err := formID(r, "member")
	if err != nil {
		return err
	}
	if _, err := s.app.Appoint(r.Context(), req(r).actor, r.PathValue("slug"), seatID, member); err != nil {
		return err
	}
	return redirect(w, r, "/bodies/"+r.PathValue("slug")+"?done=appointed#seats-h")
}

func (s *Server) addMemberPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.app.MemberAddPage(r.Context(), req(r).actor, r.PathValue("slug"), r.URL.Query().Get("q"))
	if err != nil {
		return err
	}
	return s.renderAppoint(w, r, p, "/bodies/"+p.Body.Slug+"/members")
}

func (s *Server) addMemberForm(w http.ResponseWriter, r *http.Request) error {
	member, err := formID(r, "member")
	if err != nil {
		return err
	}
	if _, err := s.app.AddMember(r.Context(), req(r).actor, r.PathValue("slug"), member); err != nil {
		return err
	}
	return redirect(w, r, "/bodies/"+r.PathValue("slug")+"?done=added#members-h")
}

// removePage asks whether to take someone out of a seat or a body.
func (s *Server) removePage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "pid", "position")
	if err != nil {
		return err
	}
	p, err := s.app.Removal(r.Context(), req(r).actor, r.PathValue("slug"), id)
	if err != nil {
		return err
	}
	return s.render(w, r, "body_remove.html", p)
}

// removeForm takes them out, once confirmed.
func (s *Server) removeForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "pid", "position")
	if err != nil {
		return err
	}
	if err := s.app.Remove(r.Context(), req(r).actor, r.PathValue("slug"), id); err != nil {
		return err
	}
	return redirect(w, r, "/bodies/"+r.PathValue("slug")+"?done=removed")
}
