package http

import (
	"net/http"
)

// auditHead serves the audit log's head the server signed last, as one
// line of plain text, for members and auditors to fetch and keep (see
// rankfile.Actor.CanSeeAuditHead for why anyone may).
func (s *Server) auditHead(w http.ResponseWriter, r *http.Request) error {
	h, err := s.app.LatestAuditHead(req(r).actor)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", textPlain)
	w.Header().Set("Cache-Control", "no-cache")
	_, err = w.Write([]byte(h.String() + "\n"))
	return err
}
