package http_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// events puts two events on the calendar: Central's public canvass
// training (event 1, two seats, a call for those with one) and the Housing
// committee's own meeting (event 2).
func (w *world) events() {
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	start := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	for _, e := range []*rankfile.Event{
		{BodyID: w.bodies["central"].ID, Kind: rankfile.EventTraining, Title: "Canvass training", StartsAt: start,
			EndsAt: start.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles", OnlineURL: "https://call.example/j/42",
			PrivateDetails: "Passcode 4242", Audience: rankfile.AudiencePublic, Registration: true, Capacity: 2},
		{BodyID: w.bodies["housing"].ID, Kind: rankfile.EventMeeting, Title: "Housing committee meeting", StartsAt: start,
			EndsAt: start.Add(time.Hour), OnlineURL: "https://call.example/j/7", Audience: rankfile.AudienceBody, Registration: true},
	} {
		if _, err := w.app.CreateEvent(ctx, admin, e, nil); err != nil {
			w.t.Fatal(err)
		}
	}
}

// TestFeedsShowEachPersonWhatTheyMaySee reads the public feed, a body's
// and a member's private feed, which holds the call of the event they
// registered for, until they make a new address.
func TestFeedsShowEachPersonWhatTheyMaySee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		_, public := w.doBody("GET", "/calendar.ics", "")
		public = strings.ReplaceAll(public, "\r\n ", "")
		if !strings.Contains(public, "SUMMARY:Canvass training") || strings.Contains(public, "Housing committee") ||
			strings.Contains(public, "4242") || strings.Contains(public, "call.example") {
			t.Errorf("the public feed:\n%s", public)
		}
		if _, body := w.doBody("GET", "/bodies/housing/calendar.ics", ""); strings.Contains(body, "VEVENT") {
			t.Errorf("Housing's public feed shows its members' meeting:\n%s", body)
		}
		auth := []string{"Authorization", "Bearer " + w.token("cochair")}
		w.doBody("POST", "/api/v1/events/1/registration", "", auth...)
		_, body := w.doBody("GET", "/api/v1/me/calendar", "", auth...)
		var feed struct{ URL string }
		if err := json.Unmarshal([]byte(body), &feed); err != nil || !strings.HasSuffix(feed.URL, ".ics") {
			t.Fatalf("feed address: %v %s", err, body)
		}
		path := feed.URL[strings.Index(feed.URL, "/calendar/"):]
		status, private := w.doBody("GET", path, "")
		private = strings.ReplaceAll(private, "\r\n ", "") // unfolded, as calendar programs read it
		if status != http.StatusOK || !strings.Contains(private, "Passcode 4242") || !strings.Contains(private, "Housing committee meeting") {
			t.Errorf("the co-chair's private feed (%d):\n%s", status, private)
		}
		w.doBody("POST", "/api/v1/me/calendar", "", auth...)
		if status, _ := w.doBody("GET", path, ""); status != http.StatusNotFound {
			t.Errorf("the old address after a reset: %d, want 404", status)
		}
	})
}

// TestAGuestRegistersAndGetsTheDetailsByEmail registers someone who is not
// a member through the API: the answer tells nothing of the address, the
// email asks to confirm through the link, which opens the registration,
// confirms it (the seat's email carries the call) and cancels it.
func TestAGuestRegistersAndGetsTheDetailsByEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		status, body := w.doBody("POST", "/api/v1/events/1/registration", `{"name":"Ana Ruiz","email":"ana@example.net","phone":"213-555-0199","zip":"90033"}`)
		if status != http.StatusAccepted || body != `{"status":"unconfirmed"}`+"\n" {
			t.Fatalf("registering: %d %s", status, body)
		}
		if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
			t.Fatal(err)
		}
		msg := w.smtp.Wait(t, "ana@example.net", 5*time.Second)
		if strings.Contains(msg.Text, "Passcode 4242") || len(msg.Attachments) != 0 {
			t.Errorf("the email asking to confirm:\n%s", msg.Text)
		}
		var link string
		for _, l := range msg.Links() {
			if strings.Contains(l, "/registrations/") {
				link = l[strings.Index(l, "/registrations/")+len("/registrations/"):]
			}
		}
		status, body = w.doBody("GET", "/api/v1/guest-registrations/"+link, "")
		if status != http.StatusOK || !strings.Contains(body, `"status":"unconfirmed"`) || strings.Contains(body, "4242") {
			t.Errorf("the guest's link: %d %s", status, body)
		}
		status, body = w.doBody("POST", "/api/v1/guest-registrations/"+link+"/confirm", "")
		if status != http.StatusOK || !strings.Contains(body, `"status":"registered"`) || !strings.Contains(body, "Passcode 4242") {
			t.Errorf("confirming: %d %s", status, body)
		}
		if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
			t.Fatal(err)
		}
		if seat := w.smtp.Wait(t, "ana@example.net", 5*time.Second); !strings.Contains(seat.Text, "Passcode 4242") || len(seat.Attachments) != 1 {
			t.Errorf("the seat's email:\n%s", seat.Text)
		}
		status, body = w.doBody("POST", "/api/v1/guest-registrations/"+link+"/cancel", "")
		if status != http.StatusOK || !strings.Contains(body, `"status":"cancelled"`) || strings.Contains(body, "4242") {
			t.Errorf("cancelling: %d %s", status, body)
		}
	})
}
