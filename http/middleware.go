package http

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// securityHeaders sets the headers every response carries. The policy
// allows nothing but rankfile's own scripts, styles and images: no inline
// script, no frames, no forms posting elsewhere.
// HSTS is sent over HTTPS only: directly, or through a trusted proxy that
// says the client came by HTTPS.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"+s.tileOrigin()+"; "+
			"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if s.proxies.https(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// observe counts and times every request by route and logs it, naming the
// route's pattern rather than the path: paths can hold sign-in tokens.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		elapsed := time.Since(start)
		s.metrics.observe(route, rec.status, elapsed)
		s.logger.Info("request", "route", route, "status", rec.status, "ms", elapsed.Milliseconds())
	})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the real writer (flushing).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// tileOrigin is the origin of the chapter's map tiles (Config.TilesURL),
// after a space, for the pages' img-src; "" when there are none.
func (s *Server) tileOrigin() string {
	u, err := url.Parse(strings.ReplaceAll(strings.ReplaceAll(s.cfg.TilesURL, "{", ""), "}", ""))
	if s.cfg.TilesURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return " " + u.Scheme + "://" + u.Host
}
