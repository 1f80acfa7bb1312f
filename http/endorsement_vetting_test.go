package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestVettingFromThePage has Hal, Housing's member, write a note that his
// co-chair reads and an admin does not, and the co-chair schedule an
// interview, which becomes an event of Housing's linked from the page; a
// member outside Housing is refused the page.
func TestVettingFromThePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		page := "/endorsements/candidates/" + itoa(q.candidate.ID) + "/vetting"
		hal, chen := w.client("housing"), w.client("cochair")
		if status, body := w.do(hal, "POST", page[:len(page)-len("vetting")]+"notes", url.Values{"kind": {"gossip"}, "text": {halsNote}}); status != http.StatusBadRequest ||
			!strings.Contains(body, halsNote) {
			t.Errorf("a note of no kind: %d", status)
		}
		notes := "/endorsements/candidates/" + itoa(q.candidate.ID) + "/notes"
		if status, body := w.submit(hal, "POST", notes, url.Values{"kind": {"research"}, "text": {halsNote}}); status != http.StatusOK ||
			!strings.Contains(body, halsNote) {
			t.Fatalf("Hal's note: %d", status)
		}
		for _, lang := range []string{"en", "es"} {
			status, body := w.do(chen, "GET", page, nil, "Cookie", "rankfile_lang="+lang)
			if status != http.StatusOK || !strings.Contains(body, halsNote) || locale.MissingMarker(body) {
				t.Errorf("the co-chair in %s: %d %v", lang, status, locale.MissingMarker(body))
			}
		}
		if status, body := w.do(w.client("admin"), "GET", page, nil); status != http.StatusOK || strings.Contains(body, halsNote) ||
			!strings.Contains(body, "leaders read: 1.") {
			t.Errorf("an admin: %d", status)
		}
		if status, _ := w.do(w.client("member"), "GET", page, nil); status != http.StatusForbidden {
			t.Errorf("a member outside Housing: %d", status)
		}
		interviews := "/endorsements/candidates/" + itoa(q.candidate.ID) + "/interviews"
		if status, body := w.do(chen, "POST", interviews, url.Values{"starts_at": {"2027-01-05T18:00"}}); status != http.StatusBadRequest ||
			!strings.Contains(body, "an event needs a place") {
			t.Errorf("an interview nowhere: %d", status)
		}
		if status, _ := w.do(hal, "POST", interviews, url.Values{"starts_at": {"2027-01-05T18:00"}, "address": {"Union hall"}}); status != http.StatusForbidden {
			t.Errorf("Hal scheduling: %d", status)
		}
		status, body := w.submit(chen, "POST", interviews, url.Values{"starts_at": {"2027-01-05T18:00"}, "address": {"Union hall"}})
		if status != http.StatusOK || !strings.Contains(body, "Interview: Rosa Parra") {
			t.Fatalf("scheduling: %d", status)
		}
		v, err := w.app.Endorsements.Interviews(ctx, q.candidate.ID)
		if err != nil || len(v) != 1 || !strings.Contains(body, `href="/events/`+itoa(v[0].EventID)+`"`) {
			t.Fatalf("interviews %+v, %v", v, err)
		}
		e, err := w.app.Event(ctx, w.actor("housing"), v[0].EventID)
		if err != nil || e.Event.BodyID != w.bodies["housing"].ID || !e.Event.StartsAt.Equal(time.Date(2027, 1, 6, 2, 0, 0, 0, time.UTC)) {
			t.Errorf("the event: %+v, %v", e, err)
		}
	})
}

// TestVettingAPI writes and reads notes and schedules an interview through
// the API.
func TestVettingAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		base := "/api/v1/endorsements/candidates/" + itoa(q.candidate.ID)
		hal := []string{"Authorization", "Bearer " + w.token("housing")}
		admin := []string{"Authorization", "Bearer " + w.token("admin")}
		if status, body := w.doBody("POST", base+"/notes", `{"kind":"research","text":"`+halsNote+`"}`, hal...); status != http.StatusCreated ||
			!strings.Contains(body, `"author":"Hal Housing"`) {
			t.Fatalf("Hal's note: %d %s", status, body)
		}
		if status, body := w.doBody("GET", base+"/notes", "", admin...); status != http.StatusOK || strings.Contains(body, halsNote) ||
			!strings.Contains(body, `"withheld":1`) {
			t.Errorf("an admin's notes: %d %s", status, body)
		}
		if status, body := w.doBody("GET", base+"/notes", "", hal...); status != http.StatusOK || !strings.Contains(body, halsNote) {
			t.Errorf("Hal's notes: %d %s", status, body)
		}
		if status, body := w.doBody("POST", base+"/interviews", `{"starts_at":"2027-01-06T02:00:00Z","online_url":"https://meet.example.org/rosa"}`, admin...); status != http.StatusCreated ||
			!strings.Contains(body, `"title":"Interview: Rosa Parra"`) {
			t.Errorf("scheduling: %d %s", status, body)
		}
		if status, body := w.doBody("GET", base+"/interviews", "", hal...); status != http.StatusOK || !strings.Contains(body, `"event_id"`) {
			t.Errorf("Hal's interviews: %d %s", status, body)
		}
	})
}
