package http

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

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

// setCookie sets a cookie the way rankfile always does: HTTP only, same
// site (lax, so that a link from an email still finds the session),
// Secure unless configured off for plain HTTP on loopback.
func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: !s.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode,
	})
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
