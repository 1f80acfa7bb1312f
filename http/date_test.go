package http_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTimesOutsideTheYearsAreRefused sends, through the API, an event, a
// meeting and an election dated in year 0 and in year 20260, and checks
// that each is refused with a clear error, stores nothing, and leaves the
// calendar answering as before. An event of year 0 used to be stored and
// then answered with 200 and an internal error after it.
func TestTimesOutsideTheYearsAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		admin := []string{"Authorization", "Bearer " + w.token("admin"), "Content-Type", "application/json"}
		before := w.stored()
		for _, bad := range []struct{ path, body string }{
			{"/api/v1/events", `{"body_id":1,"kind":"social","title":"Year zero","audience":"public","address":"Hall",
				"starts_at":"0000-01-01T10:00:00Z","ends_at":"0000-01-01T12:00:00Z"}`},
			{"/api/v1/events", `{"body_id":1,"kind":"social","title":"Far away","audience":"public","address":"Hall",
				"starts_at":"9999-01-01T10:00:00Z","ends_at":"9999-01-01T12:00:00Z"}`},
			{"/api/v1/meetings", `{"body_id":1,"kind":"chapter","title":"Year zero","format":"in_person",
				"starts_at":"0000-06-01T18:00:00Z","quorum":{"count":1},
				"sessions":[{"name":"All","place":"Hall"}],"agenda":[{"kind":"report","title":"Reports"}]}`},
		} {
			status, resp := w.doBody("POST", bad.path, bad.body, admin...)
			if status != http.StatusBadRequest || !strings.Contains(resp, "between the years 1900 and 2999") {
				t.Errorf("POST %s dated out of range: %d %s; want 400 saying which years", bad.path, status, resp)
			}
		}
		if after := w.stored(); after != before {
			t.Errorf("after the refusals %d events and meetings are stored; want %d", after, before)
		}
		if status, resp := w.doBody("GET", "/api/v1/events", "", admin...); status != http.StatusOK {
			t.Errorf("the calendar after the refusals: %d %s", status, resp)
		}
	})
}

// stored counts the events and meetings stored.
func (w *world) stored() int {
	events, err := store.NewEventService(w.db).FindEvents(ctx, rankfile.EventFilter{})
	if err != nil {
		w.t.Fatal(err)
	}
	meetings, err := store.NewMeetingService(w.db).FindMeetings(ctx, rankfile.MeetingFilter{})
	if err != nil {
		w.t.Fatal(err)
	}
	return len(events) + len(meetings)
}
