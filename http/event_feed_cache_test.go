package http_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestKeptFeedsShowEveryChangeAtOnce reads the public feeds, which the
// server keeps between changes, after each way an event changes: through
// the API, cancelled, a new one, and changed by another process on the
// same database. The next fetch after each shows the change.
func TestKeptFeedsShowEveryChangeAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		first := w.feed("/calendar.ics", "SUMMARY:Canvass training")
		if again := w.feed("/calendar.ics", ""); again != first {
			t.Errorf("two fetches with no change between them differ:\n%s\n%s", first, again)
		}
		w.feed("/bodies/central/calendar.ics", "SUMMARY:Canvass training")

		admin := []string{"Authorization", "Bearer " + w.token("admin"), "Content-Type", "application/json"}
		e := w.apiEvent(1, admin)
		e.Title = "Canvass training moved upstairs"
		body, _ := json.Marshal(e)
		if status, resp := w.doBody("PUT", "/api/v1/events/1", string(body), admin...); status != http.StatusOK {
			t.Fatalf("changing the event: %d %s", status, resp)
		}
		w.feed("/calendar.ics", "SUMMARY:Canvass training moved upstairs")
		w.feed("/bodies/central/calendar.ics", "SUMMARY:Canvass training moved upstairs")

		if status, resp := w.doBody("POST", "/api/v1/events/1/cancel", "", admin...); status != http.StatusOK {
			t.Fatalf("cancelling the event: %d %s", status, resp)
		}
		w.feed("/calendar.ics", "STATUS:CANCELLED")

		start := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
		created := &rankfile.Event{BodyID: w.bodies["westside"].ID, Kind: rankfile.EventSocial, Title: "Westside picnic",
			StartsAt: start, EndsAt: start.Add(3 * time.Hour), Address: "Palisades Park", Audience: rankfile.AudiencePublic}
		body, _ = json.Marshal(created)
		status, resp := w.doBody("POST", "/api/v1/events", string(body), admin...)
		var made []*rankfile.Event
		if err := json.Unmarshal([]byte(resp), &made); status != http.StatusCreated || err != nil || len(made) != 1 {
			t.Fatalf("creating an event: %d %v %s", status, err, resp)
		}
		w.feed("/calendar.ics", "SUMMARY:Westside picnic")

		other := storetest.Open(t, dsn) // another process on the same database
		e = w.apiEvent(made[0].ID, admin)
		e.Title = "Westside picnic and potluck"
		if err := store.NewEventService(other).UpdateEvent(ctx, e, app.EventNotices); err != nil {
			t.Fatal(err)
		}
		w.feed("/calendar.ics", "SUMMARY:Westside picnic and potluck")
	})
}

// feed fetches a feed and fails unless it holds want (when given),
// returning it unfolded.
func (w *world) feed(path, want string) string {
	w.t.Helper()
	status, body := w.doBody("GET", path, "")
	body = strings.ReplaceAll(body, "\r\n ", "")
	if status != http.StatusOK || !strings.Contains(body, want) {
		w.t.Errorf("%s (%d) lacks %q:\n%s", path, status, want, body)
	}
	return body
}

// apiEvent reads an event through the API, as its manager sees it.
func (w *world) apiEvent(id int64, header []string) *rankfile.Event {
	w.t.Helper()
	status, body := w.doBody("GET", "/api/v1/events/"+strconv.FormatInt(id, 10), "", header...)
	var v struct{ Event *rankfile.Event }
	if err := json.Unmarshal([]byte(body), &v); err != nil || status != http.StatusOK || v.Event == nil {
		w.t.Fatalf("event %d: %d %v %s", id, status, err, body)
	}
	return v.Event
}

// TestACurrentCopyOfTheFeedIsNotSentAgain asks for the public feed with
// the tag of the copy a calendar program holds: not modified while the
// events stay the same, even once the feed was written anew, and the
// whole feed again after a change.
func TestACurrentCopyOfTheFeedIsNotSentAgain(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		fetch := func(tag string) (int, string, string) {
			t.Helper()
			r, _ := http.NewRequest("GET", w.srv.URL+"/calendar.ics", nil)
			if tag != "" {
				r.Header.Set("If-None-Match", tag)
			}
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, resp.Header.Get("ETag"), string(b)
		}
		status, tag, feed := fetch("")
		if status != http.StatusOK || !strings.HasPrefix(tag, `W/"`) || !strings.Contains(feed, "Canvass training") {
			t.Fatalf("the first fetch: %d, tag %q", status, tag)
		}
		if status, _, body := fetch(tag); status != http.StatusNotModified || body != "" {
			t.Errorf("the current copy's tag: %d with %d bytes, want 304 and none", status, len(body))
		}
		w.shift += 2 * time.Minute // the feed is written anew, with new DTSTAMPs
		if status, again, _ := fetch(tag); status != http.StatusNotModified || again != tag {
			t.Errorf("after the feed was written anew: %d, tag %q, want 304 and %q", status, again, tag)
		}
		admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
		if err := w.app.CancelEvent(ctx, admin, 1); err != nil {
			t.Fatal(err)
		}
		if status, changed, feed := fetch(tag); status != http.StatusOK || changed == tag || !strings.Contains(feed, "STATUS:CANCELLED") {
			t.Errorf("after a change: %d, tag %q (was %q)", status, changed, tag)
		}
	})
}
