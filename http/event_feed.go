package http

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/icalendar"
)

// Calendar feeds (RFC 5545) that calendar programs subscribe to: the
// public one, each body's, and each member's private one behind a secret
// address.

// privateFeedPath is the address of a member's private feed.
func privateFeedPath(token string) string { return "/calendar/" + token + ".ics" }

// publicFeed serves the public events of every body.
func (s *Server) publicFeed(w http.ResponseWriter, r *http.Request) error {
	return s.keptFeed(w, r, 0, s.app.Name)
}

// bodyFeed serves the public events a body hosts.
func (s *Server) bodyFeed(w http.ResponseWriter, r *http.Request) error {
	b, err := s.app.Bodies.FindBody(r.Context(), rankfile.BodyFilter{Slug: r.PathValue("slug")})
	if err != nil {
		return err
	}
	return s.keptFeed(w, r, b.ID, s.app.Name+": "+b.Name)
}

// keptFeed serves a public feed (every body's, or with a body id the
// events it hosts) as written at the calendar's current version: a year
// of events takes a tenth of a second to read and write, and calendar
// programs fetch the same feed again and again.
func (s *Server) keptFeed(w http.ResponseWriter, r *http.Request, bodyID int64, name string) error {
	key := feedKey{bodyID: bodyID, name: name, base: s.linkTo(r, "")}
	feed, tag, err := s.feeds.get(r.Context(), key, s.app.Events.CalendarVersion, s.app.Now, func() ([]byte, error) {
		return s.writePublicFeed(r.Context(), key)
	})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", icalendar.ContentType)
	w.Header().Set("Cache-Control", feedCaching)
	w.Header().Set("ETag", tag)
	// ServeContent answers If-None-Match with 304 Not Modified.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(feed))
	return nil
}

// writePublicFeed writes the public feed key names.
func (s *Server) writePublicFeed(ctx context.Context, key feedKey) ([]byte, error) {
	events, err := s.app.PublicFeed(ctx, key.bodyID)
	if err != nil {
		return nil, err
	}
	return s.renderFeed(key.base, key.name, events)
}

// RefreshFeeds writes again the public feeds kept whose events changed,
// or which are getting old, so that calendar programs fetching them do
// not wait for them to be written. The server calls it every second or
// so.
func (s *Server) RefreshFeeds(ctx context.Context) error {
	return s.feeds.refresh(ctx, s.app.Events.CalendarVersion, s.app.Now, func(key feedKey) ([]byte, error) {
		return s.writePublicFeed(ctx, key)
	})
}

// privateFeed serves a member's own feed.
func (s *Server) privateFeed(w http.ResponseWriter, r *http.Request) error {
	token, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such calendar")
	}
	events, err := s.app.PrivateFeed(r.Context(), token)
	if err != nil {
		return err
	}
	// The address is the secret: it must not linger in shared caches.
	w.Header().Set("Cache-Control", "private, no-store")
	return s.writeFeed(w, r, s.app.Name, events)
}

// writeFeed writes events as an iCalendar feed.
func (s *Server) writeFeed(w http.ResponseWriter, r *http.Request, name string, events []*rankfile.Event) error {
	feed, err := s.renderFeed(s.linkTo(r, ""), name, events)
	if err != nil {
		return err
	}
	return sendFeed(w, feed)
}

// renderFeed returns events as an iCalendar feed, stamped now, with links
// to their pages at base (rankfile's address, without the final slash).
func (s *Server) renderFeed(base, name string, events []*rankfile.Event) ([]byte, error) {
	var b bytes.Buffer
	err := icalendar.Write(&b, &icalendar.Calendar{Name: name, Host: icalendar.HostOf(base + "/"), Events: events, Stamp: s.app.Now(),
		Link: func(e *rankfile.Event) string { return fmt.Sprintf("%s/events/%d", base, e.ID) }})
	return b.Bytes(), err
}

// feedCaching is how long shared caches and calendar programs may keep a
// public feed.
const feedCaching = "public, max-age=300"

// sendFeed sends a feed, kept by no cache: those that may be are the
// public feeds, which keptFeed sends.
func sendFeed(w http.ResponseWriter, feed []byte) error {
	w.Header().Set("Content-Type", icalendar.ContentType)
	_, err := w.Write(feed)
	return err
}
