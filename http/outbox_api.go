package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

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
