package http

import (
	"io/fs"
	"net/http"
	"time"

	"github.com/rankfile/rankfile"
)

// What a canvasser's phone reads and sends, in JSON: a turf's walk, and
// attempts in batches. The JSON API serves them to a token; the phone's
// own pages, signed in with the session cookie, reach the same handlers
// under /canvass (the API takes no cookies), answering errors in the
// API's shape so that canvass.js reads them alike.

// attemptsJSON is a batch of attempts as a phone sends it.
type attemptsJSON struct {
	Attempts []*rankfile.Attempt `json:"attempts"`
}

// recordedJSON says what became of a batch: how many were stored now, and
// how many had been stored before (sent again).
type recordedJSON struct {
	Stored  int `json:"stored"`
	Repeats int `json:"repeats"`
}

// MaxAttemptBatch is the most attempts one request may carry.
const MaxAttemptBatch = 500

func (s *Server) apiRecordAttempts(w http.ResponseWriter, r *http.Request) error {
	if actor := req(r).actor; !actor.SignedIn() {
		return actor.Require(false)
	}
	var in attemptsJSON
	if err := decodeBody(r, &in, `{"attempts": [...]}`); err != nil {
		return err
	}
	if len(in.Attempts) == 0 || len(in.Attempts) > MaxAttemptBatch {
		return rankfile.Errorf(rankfile.EINVALID, "send 1 to %d attempts at a time", MaxAttemptBatch)
	}
	for _, a := range in.Attempts {
		if a == nil {
			return rankfile.Errorf(rankfile.EINVALID, "the body must be %s", `{"attempts": [...]}`)
		}
		a.ID, a.CampaignID, a.RecordedAt = 0, 0, time.Time{}
	}
	repeats, err := s.app.RecordAttempts(r.Context(), req(r).actor, in.Attempts)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, recordedJSON{Stored: len(in.Attempts) - repeats, Repeats: repeats})
}

func (s *Server) apiWalk(w http.ResponseWriter, r *http.Request) error {
	id, err := turfID(r)
	if err != nil {
		return err
	}
	walk, err := s.app.Walk(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, walk)
}

// phoneJSON serves an API handler to the phone's pages, signed in by the
// session cookie: errors in the API's shape, never cached.
func (s *Server) phoneJSON(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		r = withRequest(r, s.identify(r))
		if err := fn(w, r); err != nil {
			s.logFault(r, err)
			writeJSONError(w, err)
		}
	})
}

// canvassWorker serves the service worker from /canvass/, so that it may
// keep the canvassing pages (a worker's reach is the path it is served
// from) and nothing else. It is never kept by the browser's HTTP cache:
// a new version must reach phones the next time they are online.
func (s *Server) canvassWorker(w http.ResponseWriter, r *http.Request) {
	b, err := fs.ReadFile(staticFS, "static/canvass_sw.js")
	if err != nil {
		http.Error(w, "no worker", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Service-Worker-Allowed", "/canvass") // its reach includes /canvass itself, the list of turfs
	w.Write(b)
}
