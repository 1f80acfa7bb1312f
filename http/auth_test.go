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

func TestSignInByEmailedLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		browser := w.client("")
		status, page := w.do(browser, "POST", "/sign-in", url.Values{"email": {" Member@Example.org "}, "next": {"/bodies"}})
		if status != http.StatusOK || !strings.Contains(page, "a sign-in link is on its way") {
			t.Fatalf("asking for a link: %d\n%s", status, page)
		}
		msg := w.smtp.Wait(t, "member@example.org", 10*time.Second)
		links := msg.Links()
		if len(links) != 1 || !strings.Contains(msg.Subject, "Test Chapter") || !strings.Contains(msg.Text, "Mia") {
			t.Fatalf("the email: subject %q, links %q\n%s", msg.Subject, links, msg.Text)
		}
		link := strings.TrimPrefix(links[0], w.srv.URL)
		if status, page := w.do(browser, "GET", link, nil); status != http.StatusOK || !strings.Contains(page, `<form method="post"`) {
			t.Fatalf("opening the link: %d\n%s", status, page)
		}
		status, _ = w.do(browser, "POST", link, url.Values{"next": {"/bodies"}})
		if status != http.StatusSeeOther {
			t.Fatalf("using the link: %d", status)
		}
		if _, page := w.do(browser, "GET", "/", nil); !strings.Contains(page, "Hello, Mia") {
			t.Errorf("after signing in the home page does not greet Mia:\n%s", page)
		}
		if status, _ := w.do(w.client(""), "POST", link, nil); status != http.StatusGone {
			t.Errorf("a used link: %d, want 410", status)
		}
	})
}

func TestSignInDoesNotTellWhoIsAMember(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	_, known := w.do(w.client(""), "POST", "/sign-in", url.Values{"email": {"member@example.org"}})
	_, unknown := w.do(w.client(""), "POST", "/sign-in", url.Values{"email": {"stranger@example.org"}})
	if strings.ReplaceAll(known, "member@example.org", "X") != strings.ReplaceAll(unknown, "stranger@example.org", "X") {
		t.Errorf("the answers for a known and an unknown address differ")
	}
	w.smtp.Wait(t, "member@example.org", 10*time.Second)
	time.Sleep(200 * time.Millisecond)
	for _, m := range w.smtp.Messages() {
		for _, to := range m.To {
			if to == "stranger@example.org" {
				t.Errorf("an unknown address got an email")
			}
		}
	}
}

func TestSignInIsRateLimited(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	c := w.client("")
	var last int
	for i := 0; i < 7; i++ {
		last, _ = w.do(c, "POST", "/sign-in", url.Values{"email": {"nobody@example.org"}})
	}
	if last != http.StatusTooManyRequests {
		t.Errorf("the 7th sign-in request in a minute: %d, want 429", last)
	}
}

func TestNextStaysOnSite(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	for _, next := range []string{"https://evil.example/", "//evil.example/", `/\evil.example`, "javascript:alert(1)"} {
		_, page := w.do(w.client(""), "GET", "/sign-in?next="+url.QueryEscape(next), nil)
		if strings.Contains(page, "evil") || strings.Contains(page, "javascript") {
			t.Errorf("next=%q reached the sign-in form", next)
		}
	}
}

func TestSignOutEverywhere(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	phone, laptop := w.client("member"), w.client("member")
	if status, _ := w.do(phone, "POST", "/sign-out-everywhere", url.Values{}); status != http.StatusSeeOther {
		t.Fatalf("sign out everywhere: %d", status)
	}
	if _, page := w.do(laptop, "GET", "/", nil); strings.Contains(page, "Hello, Mia") {
		t.Errorf("another device is still signed in")
	}
}

// TestEveryPageInEveryLanguage renders every page a data steward and admin
// may see, in each language, and looks for messages missing from the
// catalogs and for the language the page says it is in.
func TestEveryPageInEveryLanguage(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	c := w.client("steward")
	pages := []string{"/", "/bodies", "/bodies/central", "/bodies/housing", "/bodies/caucus", "/map", "/profile",
		"/roster", "/roster?standing=good&branch=central", "/imports", "/members/5", "/sign-in", "/no-such-page",
		"/elections", "/elections/1", "/elections/1/ballot", "/elections/2", "/elections/2/results", "/elections/3", "/elections/1/paper", "/profile/tokens"}
	for _, l := range locale.Languages {
		for _, p := range pages {
			status, page := w.do(c, "GET", p, nil, "Cookie", "rankfile_lang="+l.Tag)
			if status >= 500 || locale.MissingMarker(page) || !strings.Contains(page, `<html lang="`+l.Tag+`">`) {
				t.Errorf("%s in %s: status %d, missing message %v", p, l.Tag, status, locale.MissingMarker(page))
			}
		}
	}
	admin := w.client("admin")
	for _, p := range []string{"/admin", "/elections/new"} {
		if status, page := w.do(admin, "GET", p, nil, "Cookie", "rankfile_lang=es"); status != 200 || locale.MissingMarker(page) {
			t.Errorf("%s in Spanish: %d", p, status)
		}
	}
}

func TestSwitchingLanguage(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	c := w.client("member")
	if status, _ := w.do(c, "POST", "/language", url.Values{"lang": {"es"}, "back": {"/bodies"}}); status != http.StatusSeeOther {
		t.Fatalf("switching: %d", status)
	}
	if _, page := w.do(w.client("member"), "GET", "/", nil); !strings.Contains(page, "Hola, Mia") {
		t.Errorf("the member's choice of Spanish does not follow her to another device")
	}
	if status, _ := w.do(c, "POST", "/language", url.Values{"lang": {"tlh"}}); status != http.StatusBadRequest {
		t.Errorf("a language rankfile does not speak: %d", status)
	}
}

func TestSecurityHeadersAndCrossOriginPosts(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	resp, err := http.Get(w.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
	status, _ := w.do(w.client("member"), "POST", "/bodies/housing/join", url.Values{},
		"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if status != http.StatusForbidden {
		t.Errorf("a cross-site POST: %d, want 403", status)
	}
}

// TestSignInEmailSpeaksTheMembersLanguage asks for links from an English
// browser for a member who chose Spanish, and from a Spanish browser for a
// member who chose nothing: both emails are in Spanish, although the
// worker that sends them answers long after the request.
func TestSignInEmailSpeaksTheMembersLanguage(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	if status, _ := w.do(w.client("member"), "POST", "/language", url.Values{"lang": {"es"}}); status != http.StatusSeeOther {
		t.Fatalf("choosing Spanish: %d", status)
	}
	w.do(w.client(""), "POST", "/sign-in", url.Values{"email": {"member@example.org"}}, "Accept-Language", "en")
	w.do(w.client(""), "POST", "/sign-in", url.Values{"email": {"west@example.org"}}, "Cookie", "rankfile_lang=es")
	for _, addr := range []string{"member@example.org", "west@example.org"} {
		if msg := w.smtp.Wait(t, addr, 10*time.Second); msg.Subject != "Entra en Test Chapter" {
			t.Errorf("the email to %s: subject %q, want Spanish", addr, msg.Subject)
		}
	}
}

// TestASignInLinkNeverGoesToTheHostARequestNames asks for a member's link
// naming another site in the Host header, as an attacker would to have the
// member's click hand them the token: the email's link stays on rankfile.
func TestASignInLinkNeverGoesToTheHostARequestNames(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	for _, host := range []string{"evil.example", "evil.example:443", "127.0.0.1.evil.example"} {
		r, _ := http.NewRequest("POST", w.srv.URL+"/sign-in", strings.NewReader(url.Values{"email": {"member@example.org"}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Host = host
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		msg := w.smtp.Wait(t, "member@example.org", 10*time.Second)
		for _, link := range msg.Links() {
			if strings.Contains(link, "evil") {
				t.Errorf("asked with Host %s, the email links to %s", host, link)
			}
		}
	}
}
