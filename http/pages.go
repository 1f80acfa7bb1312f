package http

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/rankfile/rankfile"
)

//go:embed templates
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"kind": func(k rankfile.BodyKind) string { return kindNames[k] },
}).ParseFS(templateFS, "templates/*.html"))

var kindNames = map[rankfile.BodyKind]string{
	rankfile.KindNational: "national organization", rankfile.KindChapter: "chapter",
	rankfile.KindBranch: "branch", rankfile.KindNeighborhoodGroup: "neighborhood group",
	rankfile.KindSteeringCommittee: "steering committee", rankfile.KindCommittee: "committee",
	rankfile.KindWorkingGroup: "working group", rankfile.KindCaucus: "caucus",
}

// render executes a template into a buffer first, so that a failing
// template yields an error page rather than half a page.
func render(w http.ResponseWriter, name string, data any) error {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err := buf.WriteTo(w)
	return err
}

// bodiesPageData is what the bodies page shows.
type bodiesPageData struct {
	Today rankfile.Date
	Rows  []bodyRow
}

type bodyRow struct {
	Body  *rankfile.Body
	Depth int
	Count *rankfile.MemberCount
}

// bodiesPage lists the organization's bodies with their member counts.
func (s *Server) bodiesPage(w http.ResponseWriter, r *http.Request) error {
	today := s.Today()
	tree, err := rankfile.LoadBodyTree(r.Context(), s.Bodies, today)
	if err != nil {
		return err
	}
	data := bodiesPageData{Today: today}
	tree.Walk(func(n *rankfile.BodyNode, depth int) {
		data.Rows = append(data.Rows, bodyRow{Body: n.Body, Depth: depth, Count: n.Count})
	})
	return render(w, "bodies.html", data)
}

// healthz answers 200 when the database does, for load balancers and monitors.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	if err := s.Ping(r.Context()); err != nil {
		s.Logger.Error("health check", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		return json.NewEncoder(w).Encode(map[string]string{"status": "database unavailable"})
	}
	return json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
}
