package http_test

import (
	"html"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/store/storetest"
)

// English left on a Spanish page is found by the words of the English
// catalog that the Spanish catalog never uses: such a word on a page
// rendered in Spanish came from English text hard-coded in a template or
// in Go, from a message the Spanish catalog lacks, or from a server
// message shown as it was written.

// worldData are what the test chapter's people typed: names and titles,
// which stay as they were written in any language.
var worldData = []string{"Stella Steward", "Adam Admin", "Cora Coordinator", "Chen Cochair", "Mia Member",
	"Wes Westside", "Lupe Lapsed", "Hal Housing", "Test Chapter", "A Caucus", "Housing committee meeting",
	"Housing", "Canvass training", "Co-chair election", "Co-chair", "Delegates", "Committee chairs", "Chair",
	"Tenant organizing", "The chapter organizes tenants.", "Rent strike support", "General meeting",
	"Branch reports", "Central", "Westside", "Passcode 4242", "1 Union Hall, Los Angeles", "Los Angeles",
	"Stella", "Adam", "Cora", "Chen", "Mia", "Wes", "Lupe", "Hal", "Steward", "Member", "Coordinator",
	"Lapsed", "Admin", "Cochair", "woman", "canvass script", "laptop",
	// the convention's (see world.convention)
	"2027 Convention", "Plenary", "Tenant unions", "Medicare for all", "Transit first", "Union drives",
	// and the names of files to download
	"result.json"}

// englishOnlyWords is locale.EnglishOnly, for the tests here.
func englishOnlyWords(t *testing.T) map[string]bool {
	t.Helper()
	return locale.EnglishOnly()
}

// hiddenParts are not read as the page's words; a textarea holds what
// someone typed (the ladder's keys and rules, a statement), which is data.
var (
	hiddenParts = regexp.MustCompile(`(?is)<(script|style|svg|textarea)\b.*?</(script|style|svg|textarea)>`)
	readAttrs   = regexp.MustCompile(`(?i)\s(?:placeholder|title|aria-label|alt)="([^"]*)"`)
	tags        = regexp.MustCompile(`(?s)<[^>]*>`)
	emails      = regexp.MustCompile(`[\w.+-]+@[\w.-]+|https?://\S+`)
)

// readable returns what a reader reads or hears of a page: its text, and
// the attributes a screen reader speaks, without the data of the world.
func readable(page string) string {
	page = hiddenParts.ReplaceAllString(page, " ")
	var b strings.Builder
	for _, m := range readAttrs.FindAllStringSubmatch(page, -1) {
		b.WriteString(m[1] + " ")
	}
	b.WriteString(tags.ReplaceAllString(page, " "))
	text := emails.ReplaceAllString(html.UnescapeString(b.String()), " ")
	data := slices.Clone(worldData)
	sort.Slice(data, func(i, j int) bool { return len(data[i]) > len(data[j]) })
	for _, d := range data {
		text = strings.ReplaceAll(text, d, " ")
	}
	return text
}

// englishIn lists the English words found in a text that should be
// Spanish.
func englishIn(english map[string]bool, text string) []string {
	var found []string
	for _, w := range locale.Words(text) {
		if english[w] && !slices.Contains(found, w) {
			found = append(found, w)
		}
	}
	return found
}

// spanishPages are the pages the Spanish test reads, by who reads them.
var spanishPages = map[string][]string{
	"steward": {"/", "/bodies", "/bodies/central", "/bodies/housing", "/bodies/caucus", "/map", "/profile",
		"/roster", "/roster?standing=good&branch=central", "/imports", "/members/5", "/no-such-page",
		"/elections", "/elections/1", "/elections/1/ballot", "/elections/2", "/elections/2/results", "/elections/3",
		"/elections/1/paper", "/profile/tokens", "/proposals", "/proposals/1", "/proposals/1/versions",
		"/proposals/1/amend", "/proposals/1/paper", "/proposals/new", "/meetings", "/meetings/1", "/meetings/1/screen",
		"/meetings/1/host", "/meetings/1/host?q=me", "/events", "/events/1", "/events/1/host", "/events/1/host?q=me", "/events/new", "/events/1/edit",
		"/my/events", "/weekly", "/events/1/feedback", "/events/1/feedback/results", "/feedback/trends?body=1"},
	"cochair": {"/events/2", "/bodies/housing", "/my/events"},
	"admin":   {"/admin", "/elections/new", "/admin/outbox", "/elections/3/edit", "/ladder"},
	"member":  {"/", "/profile", "/events/1", "/elections/3", "/proposals/1", "/events/1/feedback"},
	"":        {"/", "/sign-in", "/events", "/events/1", "/elections/2/results"},
}

// TestEveryPageIsWhollySpanish renders every page in Spanish and lists the
// English found on each: a message the Spanish catalog lacks, text a
// template or the server wrote in English.
func TestEveryPageIsWhollySpanish(t *testing.T) {
	english := englishOnlyWords(t)
	if len(english) < 200 {
		t.Fatalf("only %d English-only words: the test would find nothing", len(english))
	}
	w := newWorld(t, storetest.SQLiteDSN(t))
	pages := w.spanishRecords()
	for role, paths := range spanishPages {
		pages[role] = append(pages[role], paths...)
	}
	for role, paths := range pages {
		c := w.client(role)
		for _, p := range paths {
			status, page := w.do(c, "GET", p, nil, "Cookie", "rankfile_lang=es")
			if status >= 500 || status == 404 && p != "/no-such-page" || locale.MissingMarker(page) {
				t.Errorf("%s as %q: status %d, missing message %v", p, role, status, locale.MissingMarker(page))
			}
			if found := englishIn(english, readable(page)); len(found) > 0 {
				t.Errorf("%s as %q shows English: %s", p, role, strings.Join(found, ", "))
			}
		}
	}
}

// spanishProblems are forms sent wrong, by who sends them: each page that
// answers says what was wrong, in Spanish.
var spanishProblems = []struct {
	role, path string
	form       url.Values
}{
	{"admin", "/admin/seats", url.Values{"body": {"1"}, "title": {""}}},
	{"admin", "/events", url.Values{"body": {"1"}, "title": {""}}},
	{"admin", "/elections", url.Values{"title": {""}}},
	{"member", "/proposals", url.Values{"title": {""}}},
	{"member", "/profile/tokens", url.Values{"name": {""}}},
	{"member", "/elections/1/receipt", url.Values{"code": {"nothing"}}},
	{"member", "/events/1/register", url.Values{"phone": {strings.Repeat("5", 60)}}},
	{"steward", "/proposals/1/paper", url.Values{}},
	{"admin", "/weekly", url.Values{"week": {"1999-01-04"}}},
	{"admin", "/ladder", url.Values{"ladder": {"active: parties >= 3"}}},
	{"", "/events/1/register", url.Values{"name": {"Ana"}, "email": {"not-an-email"}}},
	{"member", "/events/1/feedback", url.Values{"q_useful": {"9"}}},
}

// TestEveryProblemIsSaidInSpanish sends forms wrong from Spanish pages and
// looks for English in what comes back.
func TestEveryProblemIsSaidInSpanish(t *testing.T) {
	english := englishOnlyWords(t)
	w := newWorld(t, storetest.SQLiteDSN(t))
	for _, p := range spanishProblems {
		c := w.client(p.role)
		w.do(c, "POST", "/language", url.Values{"lang": {"es"}, "back": {"/"}})
		status, page := w.do(c, "POST", p.path, p.form, "Cookie", "rankfile_lang=es")
		if found := englishIn(english, readable(page)); len(found) > 0 || status >= 500 {
			t.Errorf("POST %s as %q (%d) shows English: %s", p.path, p.role, status, strings.Join(found, ", "))
		}
	}
}

// TestTheEnglishFinderFindsEnglish keeps the Spanish test from passing for
// want of finding: English pages are full of what it looks for.
func TestTheEnglishFinderFindsEnglish(t *testing.T) {
	english := englishOnlyWords(t)
	w := newWorld(t, storetest.SQLiteDSN(t))
	_, page := w.do(w.client("steward"), "GET", "/events/1", nil, "Cookie", "rankfile_lang=en")
	if found := englishIn(english, readable(page)); len(found) < 5 {
		t.Errorf("an English page shows only %v", found)
	}
}

// TestEmailsAreInTheReadersLanguage has a guest register on a Spanish page
// and a member who reads Spanish register too: the guest's email asking to
// confirm, the seat's email after, and the member's, are all Spanish,
// while a guest from an English page gets English.
func TestEmailsAreInTheReadersLanguage(t *testing.T) {
	english := englishOnlyWords(t)
	w := newWorld(t, storetest.SQLiteDSN(t))
	guest := w.client("")
	w.do(guest, "POST", "/language", url.Values{"lang": {"es"}, "back": {"/"}})
	w.do(guest, "POST", "/events/1/register", url.Values{"name": {"Ana Ruiz"}, "email": {"ana@example.net"}})
	w.do(w.client(""), "POST", "/events/1/register", url.Values{"name": {"Ann Roe"}, "email": {"ann@example.net"}})
	member := w.client("member")
	w.do(member, "POST", "/language", url.Values{"lang": {"es"}, "back": {"/"}})
	w.do(member, "POST", "/events/1/register", url.Values{})
	if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
		t.Fatal(err)
	}
	confirm := w.smtp.Wait(t, "ana@example.net", 5*time.Second)
	seat := w.smtp.Wait(t, "member@example.org", 5*time.Second)
	for _, m := range []mailtest.Message{confirm, seat} {
		if found := englishIn(english, readable(m.Subject+"\n"+m.Text)); len(found) > 0 || !strings.Contains(m.Text, "Hola") {
			t.Errorf("the email %q to %s shows English: %s\n%s", m.Subject, m.To, strings.Join(found, ", "), m.Text)
		}
	}
	if en := w.smtp.Wait(t, "ann@example.net", 5*time.Second); !strings.Contains(en.Text, "Hello") {
		t.Errorf("a guest from an English page:\n%s", en.Text)
	}
}

// TestSpanishPagesOnAPhone opens the home page, an event, the profile and
// a count's results in Spanish on a phone 390 pixels wide: each fits, and
// its visible text holds none of the English the catalog finder knows.
func TestSpanishPagesOnAPhone(t *testing.T) {
	english := englishOnlyWords(t)
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.app.SetPreferences(ctx, w.actor("member"), rankfile.Preferences{Language: "es"})
	ctx := browser(t)
	do(t, ctx, "a phone 390 pixels wide, signed in as a member who reads Spanish",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink("member")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")))
	for _, path := range []string{"/", "/events/1", "/profile", "/elections/2/results"} {
		do(t, ctx, path, chromedp.Navigate(w.srv.URL+path), chromedp.WaitVisible(chromedp.CSS(`html[lang="es"] main`)))
		fitsThePhone(t, ctx, path)
		if found := englishIn(english, readable(text(t, ctx, "body"))); len(found) > 0 {
			t.Errorf("%s on the phone shows English: %s", path, strings.Join(found, ", "))
		}
		screenshot(t, ctx, "es"+strings.ReplaceAll(path, "/", "-")+".png")
	}
}
