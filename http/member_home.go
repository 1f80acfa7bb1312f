package http

import (
	"net/http"
)

// homePage is a member's home, or the organization's welcome for anyone
// not signed in.
func (s *Server) homePage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if !actor.SignedIn() {
		return s.render(w, r, "member_welcome.html", nil)
	}
	h, err := s.app.Home(r.Context(), actor)
	if err != nil {
		return err
	}
	return s.render(w, r, "member_home.html", h)
}
