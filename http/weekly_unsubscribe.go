package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// The weekly email's unsubscribe link. Opening it (GET) changes nothing,
// since mail filters open links to scan them: it asks to confirm. The POST
// of that button, and the one-click POST a mail program sends itself
// (RFC 8058, body "List-Unsubscribe=One-Click"), take the member off the
// list. Neither needs a session: the link's secret is the permission, and
// the route is the one exempt from the cross-origin check (routes.go).

// unsubscribeData is what the unsubscribe page shows.
type unsubscribeData struct {
	Token       string
	Valid, Done bool
}

func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) error {
	token := r.PathValue("token")
	err := s.app.CheckUnsubscribe(r.Context(), token)
	if err != nil && rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
		return err
	}
	return s.renderUnsubscribe(w, r, unsubscribeData{Token: token, Valid: err == nil})
}

func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	err := s.app.Unsubscribe(r.Context(), r.PathValue("token"))
	if err != nil && rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
		return err
	}
	return s.renderUnsubscribe(w, r, unsubscribeData{Done: err == nil})
}

// renderUnsubscribe answers 404 for a link that does not work, and keeps
// the link's address out of the Referer of anything the page links to.
func (s *Server) renderUnsubscribe(w http.ResponseWriter, r *http.Request, d unsubscribeData) error {
	status := http.StatusOK
	if !d.Valid && !d.Done {
		status = http.StatusNotFound
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	return s.renderStatus(w, r, status, "weekly_unsubscribe.html", d)
}
