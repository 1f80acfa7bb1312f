package http

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
)

// The JSON API offers what the pages offer, through the same operations
// of package app: the same permission checks and audit entries.

// meJSON is who the caller is.
type meJSON struct {
	Member         *rankfile.Member `json:"member"`
	Steward        bool             `json:"steward"`
	Admin          bool             `json:"admin"`
	Communications bool             `json:"communications"`
	Leads          []string         `json:"leads"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	a := req(r).actor
	if err := a.Require(a.SignedIn()); err != nil {
		return err
	}
	me := meJSON{Member: a.Member, Steward: a.Steward, Admin: a.Admin, Communications: a.Communications, Leads: []string{}}
	for _, b := range a.Leads {
		me.Leads = append(me.Leads, b.Slug)
	}
	return writeJSON(w, http.StatusOK, me)
}

func (s *Server) apiMyData(w http.ResponseWriter, r *http.Request) error {
	d, err := s.app.MyData(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, d)
}

func (s *Server) apiSetPreferences(w http.ResponseWriter, r *http.Request) error {
	var p rankfile.Preferences
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&p); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the body must be a JSON object of preferences: %v", err)
	}
	if err := s.app.SetPreferences(r.Context(), req(r).actor, p); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

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

func (s *Server) apiMember(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such member")
	}
	m, _, err := s.app.Member(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, m)
}

// rosterJSON is a page of roster search results.
type rosterJSON struct {
	Members []*rankfile.Member `json:"members"`
	Total   int                `json:"total"`
	Page    int                `json:"page"`
	PerPage int                `json:"per_page"`
}

func (s *Server) apiRoster(w http.ResponseWriter, r *http.Request) error {
	f, err := rosterFilter(r.URL.Query())
	if err != nil {
		return err
	}
	out := rosterJSON{PerPage: rosterPerPage}
	out.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	out.Page = max(out.Page, 1)
	f.Offset, f.Limit = (out.Page-1)*rosterPerPage, rosterPerPage
	if out.Members, out.Total, err = s.app.SearchRoster(r.Context(), req(r).actor, f); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiImports(w http.ResponseWriter, r *http.Request) error {
	reports, err := s.app.Imports(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reports)
}

// apiImport imports a national list sent as the request's body (text/csv)
// and answers with the report once the import is done.
func (s *Server) apiImport(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanImport()); err != nil {
		return err
	}
	asOf, err := rankfile.ParseDate(r.URL.Query().Get("as_of"))
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "as_of: %v", err)
	}
	src, err := roster.NewReader(http.MaxBytesReader(w, r.Body, maxUpload))
	if err != nil {
		return err
	}
	report, err := s.app.Import(r.Context(), actor, src, rankfile.ImportOptions{AsOf: asOf, FileName: r.URL.Query().Get("name")})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, report)
}
