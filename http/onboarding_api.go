package http

import "net/http"

// apiMyOnboarding returns the caller's onboarding path (its steps; none
// when no import started one) and her checklist.
func (s *Server) apiMyOnboarding(w http.ResponseWriter, r *http.Request) error {
	o, err := s.app.MyOnboarding(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, o)
}
