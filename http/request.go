package http

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// Reading requests, for every feature: who is asking and in which
// language, the ids of a path, forms, JSON bodies and query parameters,
// and where to go on to. What a feature alone reads stays in its files.

// Cookies rankfile sets.
const (
	sessionCookie  = "rankfile_session"
	languageCookie = "rankfile_lang"
)

// request is what rankfile knows about a request once it has looked at
// its cookies or token: who is asking and in which language to answer.
type request struct {
	actor   *rankfile.Actor
	l       *locale.Localizer
	session string // the session cookie's secret, for signing out
}

type requestKey struct{}

// req returns what is known about a request handled by page or api.
func req(r *http.Request) *request {
	if rq, ok := r.Context().Value(requestKey{}).(*request); ok {
		return rq
	}
	return &request{actor: rankfile.Anonymous, l: locale.For()}
}

func withRequest(r *http.Request, rq *request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), requestKey{}, rq))
}

// identify finds who is behind a browser's session cookie. A cookie that
// no longer works is as good as none.
func (s *Server) identify(r *http.Request) *request {
	rq := &request{actor: rankfile.Anonymous}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		if a, err := s.app.ActorForSession(r.Context(), c.Value); err == nil {
			rq.actor, rq.session = a, c.Value
		}
	}
	rq.l = locale.For(s.languages(r, rq.actor)...)
	return rq
}

// identifyToken finds who is behind an API request's bearer token.
func (s *Server) identifyToken(r *http.Request) (*request, error) {
	rq := &request{actor: rankfile.Anonymous}
	auth := r.Header.Get("Authorization")
	if auth != "" {
		secret, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			return nil, rankfile.Errorf(rankfile.EUNAUTHORIZED, "use an Authorization: Bearer header with a personal API token")
		}
		a, err := s.app.ActorForAPIToken(r.Context(), strings.TrimSpace(secret))
		if err != nil {
			return nil, err
		}
		rq.actor = a
	}
	rq.l = locale.For(s.languages(r, rq.actor)...)
	return rq, nil
}

// languages lists a request's language preferences, strongest first: the
// member's own choice, the switcher's cookie, the browser's.
func (s *Server) languages(r *http.Request, a *rankfile.Actor) []string {
	var prefs []string
	if a.SignedIn() && a.Member.Preferences.Language != "" {
		prefs = append(prefs, a.Member.Preferences.Language)
	}
	if c, err := r.Cookie(languageCookie); err == nil {
		prefs = append(prefs, c.Value)
	}
	return append(prefs, r.Header.Get("Accept-Language"))
}

// pathID reads the id named key in the request's path; one that is not a
// number names nothing, so it is not found, as "no such <what>".
func pathID(r *http.Request, key, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(key), 10, 64)
	if err != nil {
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such %s", what)
	}
	return id, nil
}

// electionID reads the {id} of an election's path.
func electionID(r *http.Request) (int64, error) { return pathID(r, "id", "election") }

// eventID reads the event id of the path.
func eventID(r *http.Request) (int64, error) { return pathID(r, "id", "event") }

// meetingID reads the meeting id of the path.
func meetingID(r *http.Request) (int64, error) { return pathID(r, "id", "meeting") }

// meetingVoteIDs reads the meeting and vote ids of the path.
func meetingVoteIDs(r *http.Request) (int64, int64, error) {
	id, err := meetingID(r)
	if err != nil {
		return 0, 0, err
	}
	vid, err := strconv.ParseInt(r.PathValue("vid"), 10, 64)
	if err != nil {
		return 0, 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such vote")
	}
	return id, vid, nil
}

// proposalID reads the proposal id of the path.
func proposalID(r *http.Request) (int64, error) { return pathID(r, "id", "proposal") }

// proposalItem reads the proposal id of the path and the id of one of
// its amendments or comments, named in the path by key ("aid", "cid").
func proposalItem(r *http.Request, key, what string) (int64, int64, error) {
	id, err := proposalID(r)
	if err != nil {
		return 0, 0, err
	}
	item, err := strconv.ParseInt(r.PathValue(key), 10, 64)
	if err != nil {
		return 0, 0, rankfile.Errorf(rankfile.ENOTFOUND, "no such %s", what)
	}
	return id, item, nil
}

// weeklyID reads the weekly email's id of the path.
func weeklyID(r *http.Request) (int64, error) { return pathID(r, "id", "weekly email") }

// formID reads an optional id from a form; "" is 0.
func formID(r *http.Request, name string) (int64, error) {
	v := r.FormValue(name)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s: %q is not a number", name, v)
	}
	return id, nil
}

// formTime reads a datetime-local field in the chapter's time; the zero
// time when it is blank.
func (s *Server) formTime(r *http.Request, field string) (time.Time, error) {
	v := r.FormValue(field)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", v, s.app.Zone)
	if err != nil {
		return time.Time{}, rankfile.Errorf(rankfile.EINVALID, "%s: give a date and time", strings.ReplaceAll(field, "_", " "))
	}
	return t, nil
}

// lines splits a text area into its lines that are not blank.
func lines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// splitTags reads tags written with commas between them.
func splitTags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// decodeBody reads a JSON request body of at most 256 KB into v, and
// says what it should have been when it is not.
func decodeBody(r *http.Request, v any, shape string) error {
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<18)).Decode(v); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the body must be %s", shape)
	}
	return nil
}

// dateParam parses a date, or returns def for "".
func dateParam(v string, def rankfile.Date) (rankfile.Date, error) {
	if v == "" {
		return def, nil
	}
	d, err := rankfile.ParseDate(v)
	if err != nil {
		return d, rankfile.Errorf(rankfile.EINVALID, "%q is not a date (YYYY-MM-DD)", v)
	}
	return d, nil
}

// statusQuery reads the ?status= of a list of proposals, def when absent.
func statusQuery(r *http.Request, def rankfile.ProposalStatus) (rankfile.ProposalStatus, error) {
	if q := r.URL.Query().Get("status"); q != "" {
		return rankfile.ParseProposalStatus(q)
	}
	return def, nil
}

// safeNext keeps a "go on to" address inside rankfile: a path, never
// another site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(u.Path, "/") ||
		strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	return u.RequestURI()
}

// nextQuery carries a safe "go on to" address into a link's query; "/"
// needs none.
func nextQuery(next string) string {
	if next == "/" {
		return ""
	}
	return "?next=" + url.QueryEscape(next)
}
