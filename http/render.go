package http

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

//go:embed templates
var templateFS embed.FS

// pages holds each page's template set: the layout with that page's
// content, parsed once, when a server is made (NewServer), so that
// commands that serve no pages (a count, an import) do not pay for them.
var pages = sync.OnceValue(parsePages)

func parsePages() map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS,
		"templates/layout.html", "templates/parts/*.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, name := range names {
		base := path.Base(name)
		if base == "layout.html" {
			continue
		}
		out[base] = template.Must(template.Must(layout.Clone()).ParseFS(templateFS, name))
	}
	return out
}

// funcs are the template functions that need no request; what needs the
// language goes through .L.
var funcs = template.FuncMap{
	"asset":    asset,
	"markdown": markdown,
	// timeInput writes a time as a datetime-local input takes it.
	"timeInput": func(t time.Time, zone *time.Location) string { return t.In(zone).Format("2006-01-02T15:04") },
	"join":      strings.Join,
	"add":       func(a, b int) int { return a + b },
	"mul":       func(a, b int) int { return a * b },
	"mod":       func(a, b int) int { return a % b },
	// dateOf is the day an instant falls on in a time zone.
	"dateOf": func(t time.Time, zone *time.Location) rankfile.Date { return rankfile.DateOf(t.In(zone)) },
	"lower":  strings.ToLower,
	// percent writes n as a whole percentage of of (benchmark.go).
	"percent": percent,
	"dict":    dict,
	"list":    func(items ...string) []string { return items },
	"phone":   rankfile.FormatPhone,
	// isTrue, isFalse and str read a member's optional own choices.
	"isTrue":  func(p *bool) bool { return p != nil && *p },
	"isFalse": func(p *bool) bool { return p != nil && !*p },
	"str": func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	},
	// turfNumber is the number of a turf cutting named "Turf 7", for the
	// page to say in its reader's language; "" for a name given by hand.
	"turfNumber": turfNumber,
}

// dict makes a map from name, value pairs, to pass to parts.
func dict(args ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(args); i += 2 {
		m[args[i].(string)] = args[i+1]
	}
	return m
}

// assets maps each static file to its URL with a fingerprint of its
// content, so that browsers may keep files forever and still see changes.
// It is made on first use, like pages.
var assets = sync.OnceValue(fingerprints)

func fingerprints() map[string]string {
	out := map[string]string{}
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := staticFS.ReadFile(p)
		sum := sha256.Sum256(b)
		out[strings.TrimPrefix(p, "static/")] = "/" + p + "?v=" + hex.EncodeToString(sum[:6])
		return nil
	})
	return out
}

func asset(name string) string {
	if u, ok := assets()[name]; ok {
		return u
	}
	panic("http: no static file " + name) // a template defect, caught by the template tests
}

// view is what every page's template gets: who is asking, in what
// language, and the page's own data.
type view struct {
	L         *locale.Localizer
	Actor     *rankfile.Actor
	Org       string
	Path      string
	Languages []locale.Language
	Zone      *time.Location
	Today     rankfile.Date
	Data      any
}

// render executes a page into a buffer first, so that a failing template
// yields an error rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data any) error {
	return s.renderStatus(w, r, http.StatusOK, name, data)
}

// renderStatus renders a page with a status other than 200 OK: an error,
// or a form shown again with what was wrong.
func (s *Server) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	rq := req(r)
	v := view{L: rq.l, Actor: rq.actor, Org: s.app.Name, Path: r.URL.Path, Languages: locale.Languages,
		Zone: s.app.Zone, Today: s.app.Today(), Data: data}
	var buf bytes.Buffer
	t, ok := pages()[name]
	if !ok {
		return rankfile.Errorf(rankfile.EINTERNAL, "no template %s", name)
	}
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", rq.l.Lang())
	if status >= 400 && r.Method != http.MethodGet && r.Header.Get("HX-Request") == "true" {
		// A form answered with its problem keeps the page's own address:
		// the address it was sent to only takes forms, so a reload there
		// would find nothing.
		w.Header().Set("HX-Push-Url", "false")
	}
	return writeBuffered(w, status, &buf)
}

// writeBuffered sends a page written whole into buf, with its length: the
// answer then goes out in one or two writes to the connection instead of
// in chunks.
func writeBuffered(w http.ResponseWriter, status int, buf *bytes.Buffer) error {
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// renderPart renders one named part of a page, for htmx to swap in.
func (s *Server) renderPart(w http.ResponseWriter, r *http.Request, page, part string, data any) error {
	rq := req(r)
	v := view{L: rq.l, Actor: rq.actor, Org: s.app.Name, Path: r.URL.Path, Languages: locale.Languages,
		Zone: s.app.Zone, Today: s.app.Today(), Data: data}
	var buf bytes.Buffer
	if err := pages()[page].ExecuteTemplate(&buf, part, v); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return writeBuffered(w, http.StatusOK, &buf)
}
