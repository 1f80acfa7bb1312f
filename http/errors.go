package http

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// handlerFunc is a handler that returns its error instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// statuses maps each domain error code to an HTTP status, in one table.
var statuses = map[string]int{
	rankfile.ECONFLICT:     http.StatusConflict,
	rankfile.EFORBIDDEN:    http.StatusForbidden,
	rankfile.EINTERNAL:     http.StatusInternalServerError,
	rankfile.EINVALID:      http.StatusBadRequest,
	rankfile.ENOTFOUND:     http.StatusNotFound,
	rankfile.EUNAUTHORIZED: http.StatusUnauthorized,
	rankfile.EBUSY:         http.StatusServiceUnavailable,
	rankfile.ETOOMANY:      http.StatusTooManyRequests,
}

// page adapts a handler of a page: it learns who is asking, and renders an
// error as a page in their language. Someone not signed in who asks for a
// page that needs it is sent to sign in first. No page is kept by any
// cache unless its handler says otherwise (a public feed, a photo): a page
// for a member carries at least their name, and often others' details.
func (s *Server) page(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		r = withRequest(r, s.identify(r))
		err := fn(w, r)
		if err == nil {
			return
		}
		code := rankfile.ErrorCode(err)
		if code == rankfile.EUNAUTHORIZED && r.Method == http.MethodGet {
			http.Redirect(w, r, "/sign-in?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		s.logFault(r, err)
		s.renderStatus(w, r, statuses[code], "error.html", errorPage{Code: code, Message: req(r).l.Error(err)})
	})
}

// api adapts a handler of the JSON API: it authenticates the bearer token,
// applies the rate limit, and writes errors as {"error":{"code","message"}}.
func (s *Server) api(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.apiLimit.allow(r.Context(), s.clientKey(r)) {
			apiTooMany(w)
			return
		}
		rq, err := s.identifyToken(r)
		if err == nil {
			err = fn(w, withRequest(r, rq))
		}
		if err != nil {
			s.logFault(r, err)
			writeJSONError(w, err)
		}
	})
}

func writeJSONError(w http.ResponseWriter, err error) {
	writeJSONErrorStatus(w, statuses[rankfile.ErrorCode(err)], err)
}

// writeJSONErrorStatus writes err in the API's shape of an error, with a
// status the table of statuses does not decide (405: a matter of HTTP,
// not of the domain).
func writeJSONErrorStatus(w http.ResponseWriter, status int, err error) {
	code := rankfile.ErrorCode(err)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": rankfile.ErrorMessage(err)}})
}

// apiTooMany refuses a client of the JSON API that asked too often, in
// the API's own shape of an error.
func apiTooMany(w http.ResponseWriter) {
	w.Header().Set("Retry-After", strconv.Itoa(60))
	writeJSONError(w, rankfile.Errorf(rankfile.ETOOMANY, "too many requests: try again in a minute"))
}

// logFault logs errors that are rankfile's fault, never the others, and
// never what the request carried.
func (s *Server) logFault(r *http.Request, err error) {
	if rankfile.ErrorCode(err) == rankfile.EINTERNAL {
		s.logger.Error("request failed", "method", r.Method, "route", r.Pattern, "err", err)
	}
}

// errorPage is what the error page shows.
type errorPage struct {
	Code    string
	Message string
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return rankfile.Errorf(rankfile.ENOTFOUND, "there is no page here")
}

// apiNotFound answers, in JSON, an API request no route takes: a path
// that routes take by other methods is 405 Method Not Allowed, with those
// methods in Allow (as the standard mux answers, but in the API's shape
// of an error); any other path is 404.
func (s *Server) apiNotFound(mux *http.ServeMux) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		allow := methodsOf(mux, r)
		if len(allow) == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such API operation; see /api/v1/openapi.json")
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeJSONErrorStatus(w, http.StatusMethodNotAllowed, rankfile.Errorf(rankfile.EINVALID,
			"%s is not a method of %s: it takes %s; see /api/v1/openapi.json", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return nil
	}
}

// methodsOf lists the methods routes of mux take r's path by, other than
// the catch-all of the API that answers what none takes.
func methodsOf(mux *http.ServeMux, r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != apiCatchAll && pattern != "" {
			out = append(out, m)
		}
	}
	return out
}

// fixable reports whether an error is the reader's to fix on the page
// they sent: what they sent, or what the event allows now.
func fixable(err error) bool {
	switch rankfile.ErrorCode(err) {
	case rankfile.EINVALID, rankfile.ECONFLICT, rankfile.EFORBIDDEN, rankfile.ETOOMANY:
		return true
	}
	return false
}
