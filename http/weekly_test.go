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
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/store/storetest"
)

// eventsWeek is the Monday of the week the world's events are in.
func (w *world) eventsWeek() rankfile.Date {
	return rankfile.DateOf(time.Now().Add(48 * time.Hour).In(w.db.Zone)).Monday()
}

// sendWeekly drafts and sends the weekly email of the events' week, with
// an intro, as an admin, and sends its copies.
func (w *world) sendWeekly() {
	w.t.Helper()
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	wk, err := w.app.DraftWeekly(ctx, admin, w.eventsWeek())
	if err != nil {
		w.t.Fatal(err)
	}
	intro := "The general meeting is on the 20th."
	if _, err := w.app.UpdateWeekly(ctx, admin, wk.ID, rankfile.WeeklyUpdate{Intro: &intro}); err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.app.SendWeekly(ctx, admin, wk.ID); err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
		w.t.Fatal(err)
	}
}

// unsubscribeLink is the link in a member's copy of the weekly email,
// which holds Central's training when central says so.
func (w *world) unsubscribeLink(email string, central bool) string {
	w.t.Helper()
	m := w.smtp.Wait(w.t, email, 5*time.Second)
	link := strings.Trim(m.Header.Get("List-Unsubscribe"), "<>")
	if !strings.HasPrefix(link, w.srv.URL+"/unsubscribe/") || strings.Contains(m.Text, "Canvass training") != central {
		w.t.Fatalf("the copy to %s: %q\n%s", email, link, m.Text)
	}
	return strings.TrimPrefix(link, w.srv.URL)
}

func (w *world) getsWeekly(nationalID string) bool {
	return w.member(nationalID).Preferences.WantsWeekly()
}

// TestTheUnsubscribeLink opens a copy's link, which changes nothing, and
// confirms; a mail program's one-click POST from another site works with
// no session; a made-up link says so and changes nothing.
func TestTheUnsubscribeLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.sendWeekly()
		browser := w.client("")
		mia := w.unsubscribeLink("member@example.org", true)
		status, page := w.do(browser, "GET", mia, nil)
		if status != http.StatusOK || !strings.Contains(page, `<form method="post" action="`+mia+`"`) || !w.getsWeekly("5") {
			t.Fatalf("opening the link: %d, unsubscribed %v\n%s", status, !w.getsWeekly("5"), page)
		}
		if status, page = w.do(browser, "POST", mia, url.Values{}); status != http.StatusOK || !strings.Contains(page, `class="notice" role="status"`) || w.getsWeekly("5") {
			t.Errorf("confirming: %d, unsubscribed %v\n%s", status, !w.getsWeekly("5"), page)
		}
		wes := w.unsubscribeLink("west@example.org", false)
		status, _ = w.do(browser, "POST", wes, url.Values{"List-Unsubscribe": {"One-Click"}},
			"Origin", "https://mail.example", "Sec-Fetch-Site", "cross-site")
		if status != http.StatusOK || w.getsWeekly("6") {
			t.Errorf("one click from the mail program: %d, unsubscribed %v", status, !w.getsWeekly("6"))
		}
		for _, method := range []string{"GET", "POST"} {
			status, page := w.do(browser, method, "/unsubscribe/not-a-link", url.Values{})
			if status != http.StatusNotFound || !strings.Contains(page, `class="problem" role="alert"`) {
				t.Errorf("%s a made-up link: %d\n%s", method, status, page)
			}
		}
		if !w.getsWeekly("1") || !w.getsWeekly("2") {
			t.Error("a made-up link unsubscribed someone")
		}
		if status, _ := w.do(w.client("member"), "POST", "/profile", url.Values{}, "Origin", "https://evil.example",
			"Sec-Fetch-Site", "cross-site"); status != http.StatusForbidden {
			t.Errorf("a cross-site POST elsewhere: %d, want 403", status)
		}
	})
}

// TestTheProfileTurnsTheWeeklyEmailOffAndOn saves the profile with the box
// unticked, then ticked.
func TestTheProfileTurnsTheWeeklyEmailOffAndOn(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	c := w.client("member")
	if _, page := w.do(c, "GET", "/profile", nil); !strings.Contains(page, `name="weekly_email" value="yes" checked`) {
		t.Fatal("the profile does not show the weekly email on")
	}
	w.do(c, "POST", "/profile", url.Values{"weekly_shown": {"1"}, "language": {"en"}})
	if w.getsWeekly("5") {
		t.Error("unticking the box left the weekly email on")
	}
	w.do(c, "POST", "/profile", url.Values{"language": {"en"}})
	if w.getsWeekly("5") {
		t.Error("a form without the box turned the weekly email back on")
	}
	w.do(c, "POST", "/profile", url.Values{"weekly_shown": {"1"}, "weekly_email": {"yes"}})
	if !w.getsWeekly("5") {
		t.Error("ticking the box did not turn the weekly email on")
	}
}

// TestTheWeeklyPagesInEveryLanguage renders the weekly email's pages, a
// draft and a sent one, for the communications role in each language.
func TestTheWeeklyPagesInEveryLanguage(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.grant("5", rankfile.RoleCommunications)
	w.sendWeekly()
	if _, err := w.app.DraftWeekly(ctx, &rankfile.Actor{Member: w.member("2"), Admin: true}, w.eventsWeek().AddDays(7)); err != nil {
		t.Fatal(err)
	}
	c := w.client("member")
	for _, l := range locale.Languages {
		for _, p := range []string{"/weekly", "/weekly/1", "/weekly/2", "/unsubscribe/nope"} {
			status, page := w.do(c, "GET", p, nil, "Cookie", "rankfile_lang="+l.Tag)
			if status >= 500 || locale.MissingMarker(page) {
				t.Errorf("%s in %s: status %d, missing message %v", p, l.Tag, status, locale.MissingMarker(page))
			}
		}
	}
	if _, page := w.do(c, "GET", "/", nil); !strings.Contains(page, `href="/weekly"`) {
		t.Error("the communications role has no link to the weekly email")
	}
	if _, page := w.do(w.client("other-branch"), "GET", "/", nil); strings.Contains(page, `href="/weekly"`) {
		t.Error("a member without the role has a link to the weekly email")
	}
}

// TestTheCommunicationsTeamEditsAndSendsTheWeeklyEmail drafts the week's
// email in the browser, writes an intro, leaves Central's training out,
// checks each branch's copy, and sends it.
func TestTheCommunicationsTeamEditsAndSendsTheWeeklyEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.grant("5", rankfile.RoleCommunications)
		ctx := browser(t)
		do(t, ctx, "signing in and drafting the week",
			chromedp.Navigate(w.signInLink("member")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			click(`header nav a[href="/weekly"]`),
			chromedp.WaitVisible(chromedp.ID("week_of")),
			chromedp.SetValue(chromedp.ID("week_of"), w.eventsWeek().String()),
			click(`form[action="/weekly"] button`),
			chromedp.WaitVisible(chromedp.ID("weekly-form")))
		preview := text(t, ctx, "section.weekly-preview")
		if !strings.Contains(preview, "A member of Central") || !strings.Contains(preview, "Canvass training") ||
			!strings.Contains(preview, "Housing committee meeting") {
			t.Errorf("the preview before editing:\n%s", preview)
		}
		do(t, ctx, "writing an intro and leaving the training out",
			chromedp.SendKeys(chromedp.ID("intro"), "**Bring** a friend."),
			click(`input[name="exclude"][value="1"]`),
			click(`#weekly-form button`),
			chromedp.WaitVisible(chromedp.ID("done-saved")))
		if got := text(t, ctx, "#done-saved"); got != "Saved." {
			t.Errorf("after saving: %q", got)
		}
		if got := text(t, ctx, "section.weekly-preview .intro strong"); got != "Bring" {
			t.Errorf("the intro's markdown: %q", got)
		}
		if preview := text(t, ctx, "section.weekly-preview"); strings.Contains(preview, "Canvass training") {
			t.Errorf("the training left out is still in a copy:\n%s", preview)
		}
		do(t, ctx, "sending",
			click(`#send-form input[name="confirm"]`),
			click(`#send-form button`),
			chromedp.WaitVisible(chromedp.ID("weekly-sent")))
		if got := text(t, ctx, "#weekly-sent"); !strings.HasPrefix(got, "Sent to 7 members on ") || !strings.HasSuffix(got, "by Mia Member.") {
			t.Errorf("after sending: %q", got)
		}
		if c, _ := w.app.Outbox.Counts(ctx); c[rankfile.NoticePending] != 7 {
			t.Errorf("outbox %v, want the seven members in good standing", c)
		}
	})
}

// TestTheWeeklyPageSaysWhyAChaptersEventsAreNotSent: in an installation of
// two chapters, a week's email carrying a chapter's events says on its page
// that it is not sent as it stands, and why, in place of its reach and of
// the form that sends it; a send posted all the same is refused and queues
// nothing.
func TestTheWeeklyPageSaysWhyAChaptersEventsAreNotSent(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.grant("5", rankfile.RoleCommunications)
	w.body(&rankfile.Body{Kind: rankfile.KindChapter, Slug: "san-diego", Name: "San Diego"})
	wk, err := w.app.DraftWeekly(ctx, &rankfile.Actor{Member: w.member("2"), Admin: true}, w.eventsWeek())
	if err != nil {
		t.Fatal(err)
	}
	c, path := w.client("communications"), fmt.Sprintf("/weekly/%d", wk.ID)
	for _, l := range []struct{ tag, says string }{{"en", "this installation holds 2 chapters"}, {"es", "esta instalación tiene 2 capítulos"}} {
		status, page := w.do(c, "GET", path, nil, "Cookie", "rankfile_lang="+l.tag)
		if status != http.StatusOK || !strings.Contains(page, `id="weekly-unsendable"`) || !strings.Contains(page, l.says) ||
			strings.Contains(page, `id="send-form"`) || strings.Contains(page, `id="weekly-reach"`) {
			t.Errorf("%s: %d\n%s", l.tag, status, page)
		}
	}
	status, page := w.do(c, "POST", path+"/send", url.Values{"confirm": {"yes"}})
	if status != http.StatusConflict || !strings.Contains(page, "this installation holds 2 chapters") {
		t.Errorf("sending all the same: %d\n%s", status, page)
	}
	if counts, _ := w.app.Outbox.Counts(ctx); counts[rankfile.NoticePending] != 0 {
		t.Errorf("outbox %v", counts)
	}
}
