package http_test

import (
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

// TestAMemberRegistersOnAPhoneAndSeesTheCall finds the public training on
// the calendar, registers in one click, which shows the call's link and
// passcode, and cancels; the seat goes back.
func TestAMemberRegistersOnAPhoneAndSeesTheCall(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := browser(t)
		do(t, ctx, "signing in and opening the calendar",
			chromedp.Navigate(w.signInLink("member")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			click(`header nav a[href="/events"]`),
			chromedp.WaitVisible(chromedp.CSS(`a[href="/events/1"]`)))
		if got := text(t, ctx, "section.day"); !strings.Contains(got, "Canvass training") || !strings.Contains(got, "Central") {
			t.Errorf("the calendar's day: %q", got)
		}
		do(t, ctx, "opening the training",
			click(`a[href="/events/1"]`),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/events/1/register"] button`)))
		if got := text(t, ctx, "main"); strings.Contains(got, "4242") || strings.Contains(got, "call.example") {
			t.Errorf("before registering the page shows the call: %q", got)
		}
		do(t, ctx, "registering",
			click(`form[action="/events/1/register"] button`),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := text(t, ctx, `.notice[role="status"]`); !strings.HasPrefix(got, "You are registered.") {
			t.Errorf("after registering: %q", got)
		}
		if got := text(t, ctx, "dl.event-details"); !strings.Contains(got, "Passcode 4242") || !strings.Contains(got, "https://call.example/j/42") {
			t.Errorf("a seat shows the call: %q", got)
		}
		if got := text(t, ctx, "section.registration p"); got != "1 of 2 seats taken" {
			t.Errorf("the seats: %q", got)
		}
		do(t, ctx, "cancelling",
			click(`form[action="/events/1/unregister"] button`),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/events/1/register"]`)))
		if got := text(t, ctx, "section.registration p"); got != "0 of 2 seats taken" {
			t.Errorf("after cancelling, the seats: %q", got)
		}
	})
}

// TestACoordinatorPutsASeriesOnTheCalendarAndChecksPeopleIn fills the new
// event form for a weekly series with a week skipped, then at the door
// checks in a member who registered, a member who walked in and someone
// who is not a member.
func TestACoordinatorPutsASeriesOnTheCalendarAndChecksPeopleIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := browser(t)
		first := w.app.Today().AddDays(14)
		do(t, ctx, "signing in and filling the form",
			chromedp.Navigate(w.signInLink("coordinator")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			chromedp.Navigate(w.srv.URL+"/events"),
			click(`a[href="/events/new"]`),
			chromedp.WaitVisible(chromedp.ID("title")),
			chromedp.SetValue(chromedp.ID("kind"), "phonebank"),
			chromedp.SendKeys(chromedp.ID("title"), "Tuesday phonebank"),
			chromedp.SendKeys(chromedp.ID("description"), "Call members about the **convention**."),
			chromedp.SetValue(chromedp.ID("starts_at"), first.String()+"T18:00"),
			chromedp.SetValue(chromedp.ID("ends_at"), first.String()+"T20:00"),
			chromedp.SendKeys(chromedp.ID("address"), "1 Union Hall, Los Angeles"),
			click(`input[name="audience"][value="members"]`),
			click(`input[name="registration"]`),
			chromedp.SendKeys(chromedp.ID("capacity"), "12"),
			chromedp.SetValue(chromedp.ID("repeat"), "weekly"),
			chromedp.SetValue(chromedp.ID("until"), first.AddDays(21).String()),
			chromedp.SendKeys(chromedp.ID("except"), first.AddDays(7).String()),
			click(`form[action="/events"] > button`),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := text(t, ctx, `.notice[role="status"]`); got != "The event is on the calendar." {
			t.Errorf("after creating: %q", got)
		}
		if got := text(t, ctx, ".description strong"); got != "convention" {
			t.Errorf("the description's markdown: %q", got)
		}
		series, err := w.app.Events.FindEvents(ctx, rankfile.EventFilter{Kinds: []rankfile.EventKind{rankfile.EventPhonebank}})
		if err != nil || len(series) != 3 || series[0].SeriesID == 0 || rankfile.DateOf(series[1].StartsAt) != first.AddDays(14) ||
			series[0].StartsAt.In(w.app.Zone).Hour() != 18 || series[0].Capacity != 12 {
			t.Fatalf("the series: %v %+v", err, series)
		}
		id := series[0].ID
		for _, who := range []string{"member", "lapsed"} {
			if _, err := w.app.RegisterForEvent(ctx, w.actor(who), id); err != nil {
				t.Fatal(err)
			}
		}
		host := fmt.Sprintf("/events/%d/host", id)
		do(t, ctx, "opening the door's page and checking in a registrant",
			chromedp.Navigate(w.srv.URL+host),
			chromedp.WaitVisible(chromedp.CSS("table.registrants")),
			click(`button[aria-label="Check in Mia Member"]`),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := text(t, ctx, "table.registrants tbody"); !strings.Contains(got, "Checked in at") {
			t.Errorf("after checking in: %q", got)
		}
		do(t, ctx, "finding a member who walked in",
			chromedp.Navigate(w.srv.URL+host),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.SendKeys(chromedp.ID("q"), "Wes"),
			chromedp.Submit(chromedp.CSS(`form[role="search"]`)),
			chromedp.WaitVisible(chromedp.CSS("ul.holders button")),
			click("ul.holders button"),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		do(t, ctx, "checking in someone who is not a member",
			chromedp.Navigate(w.srv.URL+host),
			chromedp.WaitVisible(chromedp.CSS("table.registrants")),
			click("details summary"),
			chromedp.SendKeys(chromedp.ID("name"), "Ana Ruiz"),
			chromedp.SendKeys(chromedp.ID("email"), "ana@example.net"),
			click("details form button"),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		got := text(t, ctx, "table.registrants tbody")
		for _, want := range []string{"Ana Ruiz not a member", "walk-in", "Lupe Lapsed"} {
			if !strings.Contains(got, want) {
				t.Errorf("the registrations lack %q: %q", want, got)
			}
		}
		_, regs, _ := w.app.EventRegistrations(ctx, w.actor("coordinator"), id)
		attended := 0
		for _, r := range regs {
			if r.Attended() {
				attended++
			}
		}
		if attended != 3 {
			t.Errorf("%d checked in, want 3: %+v", attended, regs)
		}
	})
}

// TestTheCalendarsViewsAndFilters reads the month, the week and a filter,
// and refuses a date it cannot read.
func TestTheCalendarsViewsAndFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		day := rankfile.DateOf(time.Now().Add(48 * time.Hour).In(w.app.Zone))
		for _, view := range []string{"month", "week", "list"} {
			status, page := w.do(w.client("member"), "GET", "/events?view="+view+"&date="+day.String(), nil)
			if status != http.StatusOK || !strings.Contains(page, "Canvass training") {
				t.Errorf("the %s view (%d) lacks the training", view, status)
			}
		}
		_, page := w.do(w.client("member"), "GET", "/events?view=month&date="+day.String(), nil)
		if n := strings.Count(page, "<tr>"); n < 5 || n > 7 {
			t.Errorf("the month has %d rows, want a header and 4 to 6 weeks", n)
		}
		_, page = w.do(w.client("member"), "GET", "/events?view=week&kind=social&date="+day.String(), nil)
		if strings.Contains(page, "Canvass training") || strings.Count(page, `class="day`) != 7 {
			t.Errorf("the week filtered to socials shows the training, or not seven days")
		}
		if _, page := w.do(w.client(""), "GET", "/events?view=week&date="+day.String(), nil); strings.Contains(page, "Housing committee") {
			t.Errorf("someone not signed in sees the Housing committee's meeting")
		}
		if _, page := w.do(w.client("cochair"), "GET", "/events?date="+day.String(), nil); !strings.Contains(page, "Housing committee") {
			t.Errorf("the co-chair does not see her committee's meeting")
		}
	})
}

// TestAGuestRegistersThroughTheFormAndCancelsByTheLink registers someone
// who is not a member on the event's page: the page says to look in the
// email, never shows the link itself, and the emailed link confirms and
// cancels.
func TestAGuestRegistersThroughTheFormAndCancelsByTheLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		anon := w.client("")
		status, page := w.do(anon, "POST", "/events/1/register", url.Values{"name": {"Ana Ruiz"}, "email": {"not-an-address"}})
		if status != http.StatusBadRequest || !strings.Contains(page, `role="alert"`) || !strings.Contains(page, `value="Ana Ruiz"`) {
			t.Errorf("a bad address: %d, the form kept: %v", status, strings.Contains(page, `value="Ana Ruiz"`))
		}
		status, page = w.submit(anon, "POST", "/events/1/register", url.Values{"name": {"Ana Ruiz"}, "email": {"ana@example.net"}, "zip": {"90033"}})
		if status != http.StatusOK || !strings.Contains(page, "Check your email") || strings.Contains(page, "/registrations/") {
			t.Errorf("registering: %d", status)
		}
		if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
			t.Fatal(err)
		}
		msg := w.smtp.Wait(t, "ana@example.net", 5*time.Second)
		var link string
		for _, l := range msg.Links() {
			if strings.Contains(l, "/registrations/") {
				link = l[strings.Index(l, "/registrations/"):]
			}
		}
		status, page = w.do(anon, "GET", link, nil)
		if status != http.StatusOK || strings.Contains(page, "Passcode 4242") || !strings.Contains(page, "Hello, Ana Ruiz.") {
			t.Errorf("the emailed link: %d", status)
		}
		status, page = w.submit(anon, "POST", link+"/confirm", url.Values{})
		if status != http.StatusOK || !strings.Contains(page, "Passcode 4242") {
			t.Errorf("confirming: %d", status)
		}
		status, page = w.submit(anon, "POST", link+"/cancel", url.Values{})
		if status != http.StatusOK || !strings.Contains(page, "Your registration is cancelled.") || strings.Contains(page, "4242") {
			t.Errorf("cancelling: %d", status)
		}
	})
}

// TestMyEventsAndTheFeedsNewAddress lists what a member registered for
// and gives their feed a new address.
func TestMyEventsAndTheFeedsNewAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		c := w.client("cochair")
		w.submit(c, "POST", "/events/2/register", url.Values{})
		_, page := w.do(c, "GET", "/my/events", nil)
		old := between(page, "/calendar/", ".ics")
		if !strings.Contains(page, "Housing committee meeting") || len(old) < 20 {
			t.Fatalf("my events lack the meeting or the feed")
		}
		status, page := w.submit(c, "POST", "/my/calendar/reset", url.Values{})
		if status != http.StatusOK || !strings.Contains(page, "Your feed has a new address") || strings.Contains(page, old) {
			t.Errorf("after the reset (%d) the old address is still shown", status)
		}
		if status, _ := w.do(c, "GET", old+".ics", nil); status != http.StatusNotFound {
			t.Errorf("the old feed: %d", status)
		}
	})
}
