package http_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// openEvent puts a public event with seats on the calendar, two days
// ahead, and returns its id.
func (w *world) openEvent(seats int) int64 {
	w.t.Helper()
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	start := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	e := &rankfile.Event{BodyID: w.bodies["central"].ID, Kind: rankfile.EventSocial, Title: "Potluck", StartsAt: start,
		EndsAt: start.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles", PrivateDetails: "Door code 77",
		Audience: rankfile.AudiencePublic, Registration: true, Capacity: seats}
	events, err := w.app.CreateEvent(ctx, admin, e, nil)
	if err != nil {
		w.t.Fatal(err)
	}
	return events[0].ID
}

// noticesOf counts the queued emails of a kind.
func (w *world) noticesOf(kind rankfile.NoticeKind) int {
	w.t.Helper()
	notices, err := w.app.Outbox.FindNotices(ctx, nil, 10_000)
	if err != nil {
		w.t.Fatal(err)
	}
	n := 0
	for _, x := range notices {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// seatsOf reads an event's counts as its page shows them.
func (w *world) seatsOf(id int64) (registered, waitlisted int) {
	w.t.Helper()
	v, err := w.app.Event(ctx, rankfile.Anonymous, id)
	if err != nil {
		w.t.Fatal(err)
	}
	return v.Event.Registered, v.Event.Waitlisted
}

// guestLink asks for a guest's registration for event 1 on its page, sends
// the outbox, and returns the path of the link the email carries.
func (w *world) guestLink(name, email string) string {
	w.t.Helper()
	status, page := w.submit(w.client(""), "POST", "/events/1/register", url.Values{"name": {name}, "email": {email}})
	if status != http.StatusOK || !strings.Contains(page, "Check your email") {
		w.t.Fatalf("asking to register: %d", status)
	}
	if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
		w.t.Fatal(err)
	}
	msg := w.smtp.Wait(w.t, email, 5*time.Second)
	for _, l := range msg.Links() {
		if i := strings.Index(l, "/registrations/"); i >= 0 {
			return l[i:]
		}
	}
	w.t.Fatalf("the email lacks the link:\n%s", msg.Text)
	return ""
}

// TestAGuestFloodOfAnEventIsRefusedAfterTheClientsLimit sends 200 guest
// registrations with different addresses from one client for a 10-seat
// event: past the client's limit they are refused, no seat is taken, at
// most the limit of emails is queued, and members still register.
func TestAGuestFloodOfAnEventIsRefusedAfterTheClientsLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		id := w.openEvent(10)
		anon := w.client("")
		path := fmt.Sprintf("/events/%d/register", id)
		answers := map[int]int{}
		for i := range 200 {
			status, _ := w.do(anon, "POST", path, url.Values{"name": {"Bot"}, "email": {fmt.Sprintf("bot%d@example.net", i)}})
			answers[status]++
		}
		if answers[http.StatusSeeOther] != 10 || answers[http.StatusTooManyRequests] != 190 {
			t.Errorf("answers %v, want 10 taken and 190 refused with 429", answers)
		}
		status, page := w.do(anon, "POST", path, url.Values{"name": {"Bot"}, "email": {"bot@example.net"}})
		if status != http.StatusTooManyRequests || !strings.Contains(page, "asked too often from here") {
			t.Errorf("the refusal: %d", status)
		}
		if status, _ := w.doBody("POST", fmt.Sprintf("/api/v1/events/%d/registration", id), `{"name":"Bot","email":"api@example.net"}`); status != http.StatusTooManyRequests {
			t.Errorf("the API's guest registration from the same client: %d, want 429", status)
		}
		if n := w.noticesOf(rankfile.NoticeConfirm); n > 10 {
			t.Errorf("%d emails queued, want at most the client's 10", n)
		}
		if reg, wait := w.seatsOf(id); reg != 0 || wait != 0 {
			t.Errorf("after the flood: %d registered, %d waitlisted; want none", reg, wait)
		}
		for _, role := range []string{"member", "coordinator", "cochair", "steward", "admin", "other-branch"} {
			if status, page := w.submit(w.client(role), "POST", path, url.Values{}); status != http.StatusOK || !strings.Contains(page, "You are registered.") {
				t.Errorf("%s registering after the flood: %d", role, status)
			}
		}
		if reg, _ := w.seatsOf(id); reg != 6 {
			t.Errorf("%d registered, want the 6 members", reg)
		}
	})
}

// TestOpeningAnEventGuestLinkDoesNotConfirm opens the emailed link, as a mail
// scanner would, which confirms nothing; the button on the page does.
func TestOpeningAnEventGuestLinkDoesNotConfirm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		link := w.guestLink("Ana Ruiz", "ana@example.net")
		token := strings.TrimPrefix(link, "/registrations/")
		anon := w.client("")
		for range 2 {
			status, page := w.do(anon, "GET", link, nil)
			if status != http.StatusOK || !strings.Contains(page, `action="`+link+`/confirm"`) || strings.Contains(page, "4242") ||
				!strings.Contains(page, "not confirmed yet") {
				t.Fatalf("the link before confirming: %d", status)
			}
		}
		if reg, err := w.app.Events.RegistrationByToken(ctx, token); err != nil || reg.Status != rankfile.Unconfirmed {
			t.Errorf("after opening the link: %+v, %v; want unconfirmed", reg, err)
		}
		if reg, _ := w.seatsOf(1); reg != 0 {
			t.Errorf("opening the link took a seat")
		}
		u, _ := url.Parse(w.srv.URL)
		anon.Jar.SetCookies(u, []*http.Cookie{{Name: "rankfile_lang", Value: "es", Path: "/"}})
		if _, page := w.do(anon, "GET", link, nil); !strings.Contains(page, "Confirmar mi inscripción") {
			t.Errorf("the page in Spanish lacks its button")
		}
		anon.Jar.SetCookies(u, []*http.Cookie{{Name: "rankfile_lang", Value: "en", Path: "/"}})
		status, page := w.submit(anon, "POST", link+"/confirm", url.Values{})
		if status != http.StatusOK || !strings.Contains(page, "You are registered.") || !strings.Contains(page, "Passcode 4242") {
			t.Errorf("confirming: %d", status)
		}
		if reg, _ := w.seatsOf(1); reg != 1 {
			t.Errorf("%d registered after confirming, want 1", reg)
		}
	})
}

// TestALapsedEventGuestLinkSaysSo opens a link a day later: it says it
// lapsed, offers to register again, and its button confirms nothing.
func TestALapsedEventGuestLinkSaysSo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		link := w.guestLink("Ana Ruiz", "ana@example.net")
		w.shift = rankfile.GuestConfirmWithin + time.Minute
		anon := w.client("")
		status, page := w.do(anon, "GET", link, nil)
		if status != http.StatusOK || !strings.Contains(page, "This link expired") || strings.Contains(page, link+"/confirm") ||
			!strings.Contains(page, `href="/events/1"`) {
			t.Errorf("the lapsed link: %d", status)
		}
		status, page = w.do(anon, "POST", link+"/confirm", url.Values{})
		if status != http.StatusConflict || !strings.Contains(page, "This link expired") || strings.Contains(page, "4242") {
			t.Errorf("confirming the lapsed link: %d", status)
		}
		if status, _ := w.doBody("POST", "/api/v1/guest-registrations/"+strings.TrimPrefix(link, "/registrations/")+"/confirm", ""); status != http.StatusConflict {
			t.Errorf("confirming the lapsed link through the API: %d, want 409", status)
		}
		if reg, _ := w.seatsOf(1); reg != 0 {
			t.Errorf("the lapsed registration holds a seat")
		}
	})
}

// TestEventHostsSeeUnconfirmedGuestsApart lists a guest who has not confirmed
// apart from the seats and the waitlist, on the hosts' page and in the
// API, and checks them in when they come.
func TestEventHostsSeeUnconfirmedGuestsApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.submit(w.client(""), "POST", "/events/1/register", url.Values{"name": {"Ana Ruiz"}, "email": {"ana@example.net"}})
		w.submit(w.client("member"), "POST", "/events/1/register", url.Values{})
		host := w.client("coordinator")
		_, page := w.do(host, "GET", "/events/1/host", nil)
		table, apart := between(page, `<table class="members registrants">`, "</table>"), between(page, `<ul class="holders unconfirmed">`, "</ul>")
		if !strings.Contains(table, "Mia Member") || strings.Contains(table, "Ana Ruiz") || !strings.Contains(apart, "Ana Ruiz") ||
			!strings.Contains(page, "Not confirmed yet") || !strings.Contains(page, "1 of 2 seats taken") {
			t.Errorf("the hosts' page:\n%s\n%s", table, apart)
		}
		_, body := w.doBody("GET", "/api/v1/events/1/registrations", "", "Authorization", "Bearer "+w.token("coordinator"))
		if !strings.Contains(body, `"name":"Ana Ruiz","status":"unconfirmed"`) || !strings.Contains(body, `"status":"registered"`) {
			t.Errorf("the API's list: %s", body)
		}
		regs, _ := w.app.Events.Registrations(ctx, 1)
		status, _ := w.submit(host, "POST", "/events/1/host/check-in", url.Values{"registration": {fmt.Sprint(regs[1].ID)}})
		if got, _ := w.app.Events.FindRegistration(ctx, regs[1].ID); status != http.StatusOK || !got.Attended() || !got.WalkIn {
			t.Errorf("checking in the unconfirmed guest: %d, %+v", status, got)
		}
	})
}

// TestAGuestConfirmsAnEventOnAPhone registers on a 390-pixel phone without
// signing in, opens the emailed link and confirms with its button.
func TestAGuestConfirmsAnEventOnAPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := browser(t)
		do(t, ctx, "filling the event's form",
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(w.srv.URL+"/events/1"),
			chromedp.SendKeys(chromedp.ID("name"), "Ana Ruiz"),
			chromedp.SendKeys(chromedp.ID("email"), "ana@example.net"),
			click(`form[action="/events/1/register"] button`),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := text(t, ctx, `.notice[role="status"]`); !strings.HasPrefix(got, "Thank you! Check your email") {
			t.Errorf("after asking: %q", got)
		}
		if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
			t.Fatal(err)
		}
		var link string
		for _, l := range w.smtp.Wait(t, "ana@example.net", 5*time.Second).Links() {
			if strings.Contains(l, "/registrations/") {
				link = l
			}
		}
		do(t, ctx, "opening the link", chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS("form.confirm button")))
		fitsThePhone(t, ctx, "the link's page")
		screenshot(t, ctx, "guest-confirm.png")
		do(t, ctx, "confirming",
			click("form.confirm button"),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := text(t, ctx, `.notice[role="status"]`); !strings.Contains(got, "You are registered.") {
			t.Errorf("after confirming: %q", got)
		}
		if got := text(t, ctx, "dl.event-details"); !strings.Contains(got, "Passcode 4242") {
			t.Errorf("the seat's details: %q", got)
		}
		fitsThePhone(t, ctx, "the confirmed registration")
		screenshot(t, ctx, "guest-confirmed.png")

		if _, err := w.app.RegisterGuest(ctx, 1, &rankfile.Contact{Name: "Beto Bautista", Email: "beto@example.net"}); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "opening the hosts' page",
			chromedp.Navigate(w.signInLink("coordinator")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			chromedp.Navigate(w.srv.URL+"/events/1/host"),
			chromedp.WaitVisible(chromedp.CSS("ul.unconfirmed")))
		if got := text(t, ctx, "ul.unconfirmed"); !strings.Contains(got, "Beto Bautista") {
			t.Errorf("the unconfirmed guests: %q", got)
		}
		fitsThePhone(t, ctx, "the hosts' page")
		screenshot(t, ctx, "host.png")
	})
}

// fitsThePhone checks that the page needs no sideways scrolling.
func fitsThePhone(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	if wide := read(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`)); wide > 0 {
		t.Errorf("%s is %d pixels wider than the phone", what, wide)
	}
}
