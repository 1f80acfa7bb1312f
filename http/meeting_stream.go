package http

import (
	"fmt"
	"net/http"
	"time"
)

// A meeting's live state goes to phones and projector screens as
// Server-Sent Events: an event named "state" carrying the state as JSON,
// first the current one and then each change. Browsers reconnect on their
// own after the retry delay, and are sent the current state again, so
// that a phone that lost its connection, or a server restarted, catches
// up at once.

// eventsRetry is how soon a browser reconnects after losing the stream.
const eventsRetry = time.Second

// eventsKeepAlive is how often an idle stream sends a comment, so that
// proxies and phones do not take it for dead.
const eventsKeepAlive = 20 * time.Second

// meetingEvents streams a meeting's live state to a member.
func (s *Server) meetingEvents(w http.ResponseWriter, r *http.Request) error {
	id, err := meetingID(r)
	if err != nil {
		return err
	}
	sub, err := s.app.FollowMeeting(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	defer sub.Close()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // a proxy in front must not hold events back
	rc := http.NewResponseController(w)
	send := func(format string, args ...any) error {
		rc.SetWriteDeadline(time.Now().Add(eventsKeepAlive)) // the server's write timeout would end the stream
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return err
		}
		return rc.Flush()
	}
	if err := send("retry: %d\n\n", eventsRetry.Milliseconds()); err != nil {
		return nil
	}
	keepAlive := time.NewTicker(eventsKeepAlive / 2)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return nil
		case <-s.closing:
			return nil
		case state := <-sub.C:
			err = send("event: state\ndata: %s\n\n", state)
		case <-keepAlive.C:
			err = send(": still here\n\n")
		}
		if err != nil {
			return nil // the member went away
		}
	}
}
