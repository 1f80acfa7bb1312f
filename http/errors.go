package http

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

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
		if !s.apiLimit.allow(s.clientKey(r)) {
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
	code := rankfile.ErrorCode(err)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(statuses[code])
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

// apiNotFound answers an API path that names no operation, in JSON.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) error {
	return rankfile.Errorf(rankfile.ENOTFOUND, "no such API operation; see /api/v1/openapi.json")
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
