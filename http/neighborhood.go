package http

import (
	"net/http"
)

// neighborhoodPage lists a neighborhood group's members for its captains
// and its branch's leaders: names, with email and phone links where they
// may see them.
func (s *Server) neighborhoodPage(w http.ResponseWriter, r *http.Request) error {
	p, err := s.app.Neighborhood(r.Context(), req(r).actor, r.PathValue("slug"))
	if err != nil {
		return err
	}
	return s.render(w, r, "neighborhood.html", p)
}

// chooseNeighborhoodForm records the neighborhood group the member chose
// on her home page: a group's slug, or "home" for the one she lives in.
func (s *Server) chooseNeighborhoodForm(w http.ResponseWriter, r *http.Request) error {
	slug := r.FormValue("group")
	if slug == "home" {
		slug = ""
	}
	if err := s.app.ChooseNeighborhood(r.Context(), req(r).actor, slug); err != nil {
		return err
	}
	return redirect(w, r, "/#neighborhood-h")
}
