package http

import (
	"net/http"
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
}

// handle adapts a handlerFunc: errors become a status and a plain message;
// only server faults are logged, and their details never reach the page.
func (s *Server) handle(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fn(w, r)
		if err == nil {
			return
		}
		code := rankfile.ErrorCode(err)
		status := statuses[code]
		if code == rankfile.EINTERNAL {
			s.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		}
		http.Error(w, rankfile.ErrorMessage(err), status)
	})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
