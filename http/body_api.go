package http

import (
	"context"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
)

func (s *Server) apiBodies(w http.ResponseWriter, r *http.Request) error {
	tree, err := s.app.Directory(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tree.Flatten())
}

func (s *Server) apiBody(w http.ResponseWriter, r *http.Request) error {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	p, err := s.app.BodyPage(r.Context(), req(r).actor, r.PathValue("slug"), page)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

func (s *Server) apiJoin(w http.ResponseWriter, r *http.Request) error {
	return s.apiBodyAction(w, r, s.app.Join)
}

func (s *Server) apiLeave(w http.ResponseWriter, r *http.Request) error {
	return s.apiBodyAction(w, r, s.app.Leave)
}

func (s *Server) apiRequestToJoin(w http.ResponseWriter, r *http.Request) error {
	return s.apiBodyAction(w, r, s.app.RequestToJoin)
}

// apiBodyAction runs an action on a body and answers with what the caller
// may now do about it.
func (s *Server) apiBodyAction(w http.ResponseWriter, r *http.Request, action func(ctx context.Context, a *rankfile.Actor, slug string) error) error {
	slug := r.PathValue("slug")
	if err := action(r.Context(), req(r).actor, slug); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]string{"status": "done", "body": slug})
}
