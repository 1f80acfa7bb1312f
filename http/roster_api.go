package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
)

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
	if reports == nil {
		reports = []*rankfile.ImportReport{} // none yet is a list, empty
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
