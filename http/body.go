package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

func (s *Server) directoryPage(w http.ResponseWriter, r *http.Request) error {
	tree, err := s.app.Directory(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	var rows []directoryRow
	tree.Walk(func(n *rankfile.BodyNode, depth int) { rows = append(rows, directoryRow{n, depth}) })
	return s.render(w, r, "body_directory.html", rows)
}

// directoryRow is a body in the directory, indented by its depth.
type directoryRow struct {
	*rankfile.BodyNode
	Depth int
}

func (s *Server) bodyPage(w http.ResponseWriter, r *http.Request) error {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	p, err := s.app.BodyPage(r.Context(), req(r).actor, r.PathValue("slug"), page)
	if err != nil {
		return err
	}
	v := bodyData{BodyPage: p, Done: r.URL.Query().Get("done")}
	v.Benchmarks = (p.Body.Kind == rankfile.KindBranch || p.Body.Kind == rankfile.KindNeighborhoodGroup) && req(r).actor.CanSeeBenchmarks(p.Body)
	if p.Body.Kind == rankfile.KindChapter && req(r).actor.SignedIn() {
		if v.Priorities, err = s.app.ChapterPriorities(r.Context(), req(r).actor, p.Body.ID); err != nil {
			return err
		}
	}
	return s.render(w, r, "body.html", v)
}

// bodyData is a body's page, and what was just done on it: "appointed",
// "added" or "removed"; a chapter's shows its priorities.
type bodyData struct {
	*app.BodyPage
	Done       string
	Priorities *rankfile.Priorities
	// Benchmarks links the dashboard of a branch or a group for those who
	// may see it.
	Benchmarks bool
}

func (s *Server) joinBody(w http.ResponseWriter, r *http.Request) error {
	if err := s.app.Join(r.Context(), req(r).actor, r.PathValue("slug")); err != nil {
		return err
	}
	return redirect(w, r, "/bodies/"+r.PathValue("slug"))
}

func (s *Server) leaveBody(w http.ResponseWriter, r *http.Request) error {
	if err := s.app.Leave(r.Context(), req(r).actor, r.PathValue("slug")); err != nil {
		return err
	}
	return redirect(w, r, "/bodies/"+r.PathValue("slug"))
}

func (s *Server) requestToJoin(w http.ResponseWriter, r *http.Request) error {
	if err := s.app.RequestToJoin(r.Context(), req(r).actor, r.PathValue("slug")); err != nil {
		return err
	}
	return redirect(w, r, "/bodies/"+r.PathValue("slug"))
}

// approveJoin approves a join request, then returns to the body.
func (s *Server) approveJoin(w http.ResponseWriter, r *http.Request) error {
	return s.decideJoin(w, r, true)
}

// declineJoin declines a join request, then returns to the body.
func (s *Server) declineJoin(w http.ResponseWriter, r *http.Request) error {
	return s.decideJoin(w, r, false)
}

// decideJoin approves or declines a join request, then returns to the body.
func (s *Server) decideJoin(w http.ResponseWriter, r *http.Request, approve bool) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such request")
	}
	if err := s.app.DecideJoin(r.Context(), req(r).actor, id, approve); err != nil {
		return err
	}
	return redirect(w, r, safeNext(r.FormValue("back")))
}
