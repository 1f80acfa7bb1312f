package http_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/store/storetest"
)

// behindProxy is the configuration of a rankfile whose reverse proxy runs
// on this machine, as the tests' requests come from loopback.
var behindProxy = rfhttp.Config{InsecureCookies: true,
	TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}}

// askForLink asks for a sign-in link for an address, as the client the
// headers name (or the peer), and returns the status and page.
func (w *world) askForLink(email string, header ...string) (int, string) {
	w.t.Helper()
	return w.do(w.client(""), "POST", "/sign-in", url.Values{"email": {email}}, header...)
}

// headers makes a request and returns the response's status and headers.
func (w *world) headers(path string, header ...string) (int, http.Header) {
	w.t.Helper()
	r, _ := http.NewRequest("GET", w.srv.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		w.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

func TestForgedForwardingHeadersAreIgnored(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	var statuses []int
	for i := range 7 {
		forged := fmt.Sprintf("198.51.100.%d", i+1)
		status, _ := w.askForLink("nobody@example.org", "X-Forwarded-For", forged, "X-Real-IP", forged)
		statuses = append(statuses, status)
	}
	if statuses[5] != http.StatusTooManyRequests || statuses[6] != http.StatusTooManyRequests {
		t.Errorf("a client naming another address in each request: %v, want the 6th and 7th refused (429)", statuses)
	}
	if _, h := w.headers("/sign-in", "X-Forwarded-Proto", "https"); h.Get("Strict-Transport-Security") != "" {
		t.Errorf("a client that says it came by HTTPS, over plain HTTP, is sent HSTS")
	}
}

func TestSignInLimitIsPerClientBehindAProxy(t *testing.T) {
	w := newWorldWith(t, storetest.SQLiteDSN(t), behindProxy)
	exhaust := func(header ...string) {
		t.Helper()
		for range 5 {
			if status, _ := w.askForLink("nobody@example.org", header...); status != http.StatusOK {
				t.Fatalf("asking for a link within the limit: %d", status)
			}
		}
	}
	limited := func(header ...string) bool {
		t.Helper()
		status, _ := w.askForLink("nobody@example.org", header...)
		return status == http.StatusTooManyRequests
	}
	exhaust("X-Forwarded-For", "203.0.113.7")
	if !limited("X-Forwarded-For", "198.51.100.1, 203.0.113.7") {
		t.Errorf("a client escaped its limit by writing another address left of its own")
	}
	if limited("X-Forwarded-For", "203.0.113.8") {
		t.Errorf("another client behind the proxy is limited with the first")
	}
	exhaust("X-Real-IP", "203.0.113.9")
	if limited("X-Real-IP", "203.0.113.10") {
		t.Errorf("another client named by X-Real-IP is limited with the first")
	}
	exhaust("X-Forwarded-For", "2001:db8:1:2::1")
	if !limited("X-Forwarded-For", "2001:db8:1:2:ffff::9") {
		t.Errorf("a client escaped its limit by taking another address of its IPv6 /64")
	}
	if limited("X-Forwarded-For", "2001:db8:1:3::1") {
		t.Errorf("another IPv6 /64 is limited with the first")
	}
	if _, h := w.headers("/sign-in", "X-Forwarded-Proto", "https"); h.Get("Strict-Transport-Security") == "" {
		t.Errorf("no HSTS for a client the trusted proxy says came by HTTPS")
	}
}

func TestAClientAtItsLimitDoesNotStopAnother(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorldWith(t, dsn, behindProxy)
		for range 7 {
			w.askForLink("member@example.org", "X-Forwarded-For", "203.0.113.66")
		}
		if status, _ := w.askForLink("member@example.org", "X-Forwarded-For", "203.0.113.66"); status != http.StatusTooManyRequests {
			t.Fatalf("the client past its limit: %d, want 429", status)
		}
		browser, other := w.client(""), []string{"X-Forwarded-For", "192.0.2.5"}
		if status, _ := w.do(browser, "POST", "/sign-in", url.Values{"email": {"west@example.org"}}, other...); status != http.StatusOK {
			t.Fatalf("another client asking for a link: %d", status)
		}
		link := strings.TrimPrefix(w.smtp.Wait(t, "west@example.org", 10*time.Second).Links()[0], w.srv.URL)
		if status, _ := w.do(browser, "POST", link, url.Values{}, other...); status != http.StatusSeeOther {
			t.Errorf("another client using its link: %d, want 303", status)
		}
	})
}

func TestSignInEmailsPerAddressAreLimited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorldWith(t, dsn, behindProxy)
		var pages []string
		for i := range 12 {
			status, page := w.askForLink("Member@example.org", "X-Forwarded-For", fmt.Sprintf("203.0.113.%d", i+1))
			if status != http.StatusOK {
				t.Fatalf("request %d: %d", i+1, status)
			}
			pages = append(pages, page)
		}
		for i, p := range pages {
			if p != pages[0] {
				t.Errorf("the answer to request %d differs from the first's", i+1)
			}
		}
		drain(t, w)
		if got := signInEmails(w, "member@example.org"); got != 3 {
			t.Errorf("12 clients asking: %d sign-in emails to the address, want 3", got)
		}
		first := strings.TrimPrefix(w.smtp.Wait(t, "member@example.org", time.Second).Links()[0], w.srv.URL)
		if status, _ := w.do(w.client(""), "POST", first, url.Values{}); status != http.StatusSeeOther {
			t.Errorf("the first link after the flood: %d, want 303", status)
		}
		w.askForLink("west@example.org")
		drain(t, w)
		if signInEmails(w, "west@example.org") != 1 {
			t.Errorf("another member's address is limited with the first")
		}
	})
}

// drain waits until every sign-in request queued has been answered.
func drain(t *testing.T, w *world) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := w.app.DrainSignIns(ctx); err != nil {
		t.Fatal(err)
	}
}

// signInEmails counts the sign-in emails sent to an address.
func signInEmails(w *world, addr string) int {
	n := 0
	for _, m := range w.smtp.Messages() {
		if strings.HasPrefix(m.Subject, "Sign in to") && strings.EqualFold(strings.Join(m.To, ","), addr) {
			n++
		}
	}
	return n
}

// stuckMailer is a mail server that takes nothing until released.
type stuckMailer struct {
	release chan struct{}
	once    sync.Once
	next    rankfile.Mailer
}

func (m *stuckMailer) Send(ctx context.Context, msg *rankfile.Message) error {
	<-m.release
	return m.next.Send(ctx, msg)
}

func (m *stuckMailer) open() { m.once.Do(func() { close(m.release) }) }

// TestAFullSignInQueueAnswersEveryAddressAlike fills the queue behind a
// stuck mail server and then asks for a member's link and a stranger's:
// both are told to try again, in the same words.
func TestAFullSignInQueueAnswersEveryAddressAlike(t *testing.T) {
	w := newWorldWith(t, storetest.SQLiteDSN(t), rfhttp.Config{InsecureCookies: true, SignInsPerMinute: 1 << 20})
	stuck := &stuckMailer{release: make(chan struct{}), next: w.app.Mailer}
	w.app.Mailer = stuck
	defer drain(t, w)
	defer stuck.open()
	for _, who := range []string{"steward", "admin", "coordinator", "cochair"} { // the workers, stuck sending
		w.askForLink(who + "@example.org")
	}
	busy := 0
	for i := 0; i < 1100 && busy == 0; i++ {
		if status, _ := w.askForLink(fmt.Sprintf("filler%d@example.org", i)); status == http.StatusServiceUnavailable {
			busy = i
		}
	}
	if busy < 996 {
		t.Fatalf("the queue took %d requests, want about %d", busy, 1000)
	}
	known, knownPage := w.askForLink("member@example.org")
	unknown, unknownPage := w.askForLink("stranger@example.org")
	if known != http.StatusServiceUnavailable || unknown != known ||
		strings.ReplaceAll(knownPage, "member@", "X@") != strings.ReplaceAll(unknownPage, "stranger@", "X@") {
		t.Errorf("with the queue full, a member's address got %d and a stranger's %d, or other words", known, unknown)
	}
	if !strings.Contains(knownPage, "try again in a minute") {
		t.Errorf("the page does not say to try again:\n%s", knownPage)
	}
	stuck.open()
	drain(t, w)
	if n := signInEmails(w, "member@example.org"); n != 0 {
		t.Errorf("a request refused as busy sent %d emails", n)
	}
}

// TestEachPeerHasItsOwnLimit signs in from two addresses of loopback
// without a proxy: the limit is the connection's address.
func TestEachPeerHasItsOwnLimit(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	from := func(ip string) *http.Client {
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
		return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
	}
	a, b := from("127.0.0.2"), from("127.0.0.3")
	for range 6 {
		w.do(a, "POST", "/sign-in", url.Values{"email": {"nobody@example.org"}})
	}
	if status, _ := w.do(a, "POST", "/sign-in", url.Values{"email": {"nobody@example.org"}}); status != http.StatusTooManyRequests {
		t.Errorf("127.0.0.2 past its limit: %d, want 429", status)
	}
	if status, _ := w.do(b, "POST", "/sign-in", url.Values{"email": {"nobody@example.org"}}); status != http.StatusOK {
		t.Errorf("127.0.0.3 after 127.0.0.2 reached its limit: %d, want 200", status)
	}
}

// TestSignInLimitHoldsAcrossServers has a client ask for sign-in links
// from two servers of one PostgreSQL database, as a load balancer would
// spread its requests: the limit counts them together.
func TestSignInLimitHoldsAcrossServers(t *testing.T) {
	w := newWorldWith(t, storetest.PostgresDSN(t), rfhttp.Config{InsecureCookies: true})
	other := httptest.NewServer(rfhttp.NewServer(w.app, w.db.Ping, w.app.Logger, rfhttp.Config{InsecureCookies: true, SharedLimits: w.db}).Handler())
	t.Cleanup(other.Close)
	ask := func(base string) int {
		t.Helper()
		resp, err := w.client("").PostForm(base+"/sign-in", url.Values{"email": {"nobody@example.org"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	var statuses []int
	for _, base := range []string{w.srv.URL, other.URL, w.srv.URL, other.URL, w.srv.URL, other.URL, w.srv.URL} {
		statuses = append(statuses, ask(base))
	}
	want := []int{200, 200, 200, 200, 200, 429, 429}
	if fmt.Sprint(statuses) != fmt.Sprint(want) {
		t.Errorf("five requests to two servers, then two more: %v, want %v", statuses, want)
	}
}
