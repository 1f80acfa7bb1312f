package http

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Writing answers, for every feature: cookies, JSON, files, redirects,
// links for emails, and the answer to a client that asks too often. Pages
// are rendered in render.go, errors answered in errors.go.

// setCookie sets a cookie the way rankfile always does: HTTP only, same
// site (lax, so that a link from an email still finds the session),
// Secure unless configured off for plain HTTP on loopback.
func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: !s.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

// writeJSON answers with v in JSON, kept by no cache.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	// Encoded first, so that a value that cannot be written is answered as
	// the error it is, never as a success with an error after it.
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = w.Write(append(body, '\n'))
	return err
}

// Content types of text files: an election's public record, the audit
// log's head.
const (
	textPlain = "text/plain; charset=utf-8"
	textCSV   = "text/csv; charset=utf-8"
)

// sendFile answers with a file a browser shows, named for saving it.
func sendFile(w http.ResponseWriter, contentType, name string, b []byte) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", `inline; filename="`+name+`"`)
	_, err := w.Write(b)
	return err
}

// redirect answers a form's POST by sending the browser on (303), or, for
// htmx, tells htmx where to go.
func redirect(w http.ResponseWriter, r *http.Request, to string) error {
	if r.Header.Get("HX-Request") == "true" {
		w.Header().Set("HX-Redirect", to)
		if sameDocument(r.Header.Get("HX-Current-URL"), to) {
			w.Header().Set("HX-Refresh", "true")
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// sameDocument reports whether going from the page a browser shows to a
// place on it only scrolls: htmx sends the browser on by setting its
// location, and a browser given the address it already shows with a
// #fragment moves to the fragment without loading the page, so the form's
// result would never show (a second "Add" on the agenda page in a row).
// htmx reloads the page after setting the location when also told to
// refresh.
func sameDocument(current, to string) bool {
	if !strings.Contains(to, "#") {
		return false
	}
	cur, err := url.Parse(current)
	if err != nil {
		return false
	}
	next, err := cur.Parse(to)
	return err == nil && next.Path == cur.Path && next.RawQuery == cur.RawQuery
}

// linkTo makes an absolute link for an email: to the configured address,
// else to the one the request came to.
func (s *Server) linkTo(r *http.Request, p string) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimSuffix(s.cfg.BaseURL, "/") + p
	}
	scheme := "https"
	if !s.proxies.https(r) && s.cfg.InsecureCookies {
		scheme = "http"
	}
	return scheme + "://" + loopbackHost(r.Host) + p
}

// loopbackHost returns the host a request named when it is this machine,
// and else "localhost". Only a server with no address of its own (a test's)
// builds links from a request: a Host header is the requester's to write,
// and a sign-in link to the host they name would hand them the token.
func loopbackHost(host string) string {
	if Loopback(host) {
		return host
	}
	return "localhost"
}

// tooMany tells a client that asks too often to wait a minute.
func tooMany(w http.ResponseWriter) {
	w.Header().Set("Retry-After", strconv.Itoa(60))
	http.Error(w, "Too many requests: try again in a minute.", http.StatusTooManyRequests)
}

// nonNilList returns an empty list for nil, so that JSON says [] rather
// than null.
func nonNilList[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
