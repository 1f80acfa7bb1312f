package http_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// secretPattern finds an API token's secret in a page.
var secretPattern = regexp.MustCompile(`rf_[A-Za-z0-9_-]{43}`)

// send makes a request as a browser and returns the response, its body
// read.
func (w *world) send(c *http.Client, method, path string, form url.Values, header ...string) (*http.Response, string) {
	w.t.Helper()
	a := w.fetch(c, method, path, formBody(form), formType, header...)
	return &http.Response{StatusCode: a.status, Header: a.header}, a.body
}

// apiAs calls the API with a token and returns the status and body.
func (w *world) apiAs(secret, method, path string) (int, string) {
	w.t.Helper()
	return w.doBody(method, path, "", "Authorization", "Bearer "+secret)
}

// unknownTokenAnswer is what the API says to a token it never made.
func (w *world) unknownTokenAnswer() string {
	status, body := w.apiAs("rf_"+strings.Repeat("x", 43), "GET", "/api/v1/me")
	if status != http.StatusUnauthorized {
		w.t.Fatalf("an unknown token: %d", status)
	}
	return body
}

// refusedLikeUnknown checks that the API refuses a token exactly as it
// refuses one it never made.
func (w *world) refusedLikeUnknown(secret, why string) {
	w.t.Helper()
	status, body := w.apiAs(secret, "GET", "/api/v1/me")
	if want := w.unknownTokenAnswer(); status != http.StatusUnauthorized || body != want {
		w.t.Errorf("%s: %d %.60s..., want 401 %s", why, status, body, want)
	}
}

func TestAMemberMakesUsesAndRevokesATokenOnThePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		mia, wes := w.client("member"), w.client("other-branch")
		resp, page := w.send(mia, "GET", "/profile", nil)
		if !strings.Contains(page, `href="/profile/tokens"`) || !strings.Contains(page, "revokes your API tokens") {
			t.Errorf("the profile neither links to the tokens nor says signing out everywhere revokes them")
		}
		if resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("the profile may be cached: %q", resp.Header.Get("Cache-Control"))
		}
		resp, page = w.send(mia, "GET", "/profile/tokens", nil)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(page, "You have no tokens.") {
			t.Fatalf("the empty page: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		resp, _ = w.send(mia, "POST", "/profile/tokens", url.Values{"name": {"Phonebank script"}, "expires": {"30d"}})
		made := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(made, "/profile/tokens?created=") {
			t.Fatalf("making a token answers %d, to %q: not a redirect, so a reload would make another", resp.StatusCode, made)
		}
		resp, page = w.send(mia, "GET", made, nil)
		secret := secretPattern.FindString(page)
		if resp.StatusCode != http.StatusOK || secret == "" || resp.Header.Get("Cache-Control") != "no-store" ||
			!strings.Contains(page, "Copy it now: it is shown only this once.") {
			t.Fatalf("making a token: %d, Cache-Control %q, secret %q", resp.StatusCode, resp.Header.Get("Cache-Control"), secret)
		}
		if status, body := w.apiAs(secret, "GET", "/api/v1/me"); status != http.StatusOK || !strings.Contains(body, "member@example.org") {
			t.Errorf("the token shown does not work: %d %s", status, body)
		}
		if _, again := w.send(mia, "GET", made, nil); strings.Contains(again, secret) || strings.Count(again, "<strong>Phonebank script</strong>") != 1 {
			t.Errorf("reloading the page shows the secret again, or a second token")
		}
		_, page = w.send(mia, "GET", "/profile/tokens", nil)
		if strings.Contains(page, secret) || !strings.Contains(page, "Phonebank script") || !strings.Contains(page, "never") ||
			!strings.Contains(page, w.expiryIn(30)) {
			t.Errorf("the list shows the secret again, or not the token, its last use and its end:\n%s", page)
		}
		if _, page := w.do(wes, "GET", "/profile/tokens", nil); strings.Contains(page, "Phonebank script") {
			t.Errorf("another member sees Mia's token")
		}
		id := w.tokenID("5", "Phonebank script")
		if status, _ := w.do(wes, "POST", "/profile/tokens/"+id+"/revoke", url.Values{}); status != http.StatusNotFound {
			t.Errorf("Wes revoking Mia's token: %d, want 404", status)
		}
		if status, _ := w.apiAs(secret, "GET", "/api/v1/me"); status != http.StatusOK {
			t.Errorf("Wes's attempt revoked Mia's token: %d", status)
		}
		if status, _ := w.do(mia, "POST", "/profile/tokens/"+id+"/revoke", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("revoking: %d", status)
		}
		w.refusedLikeUnknown(secret, "a token revoked on the page")
		_, page = w.send(mia, "GET", "/profile/tokens?done=revoked", nil)
		if !strings.Contains(page, "The token is revoked") || !strings.Contains(page, `class="token revoked"`) ||
			strings.Contains(page, `action="/profile/tokens/`+id+`/revoke"`) {
			t.Errorf("after revoking, the page:\n%s", page)
		}
		if e := w.auditOf(rankfile.AuditRevokeAPIToken); len(e) != 1 || e[0].Actor != "Mia Member" || strings.Contains(e[0].Detail, secret) {
			t.Errorf("revoking is audited as %+v", e)
		}
	})
}

// expiryIn writes, as the page does, the day a token made now expires.
func (w *world) expiryIn(days int) string {
	return locale.For("en").Date(rankfile.DateOf(w.db.Now().Add(time.Duration(days) * 24 * time.Hour).In(w.db.Zone)))
}

// tokenID finds the id of a member's token by its name.
func (w *world) tokenID(nationalID, name string) string {
	w.t.Helper()
	tokens, err := store.NewAuthService(w.db).FindAPITokens(ctx, rankfile.APITokenFilter{MemberID: w.member(nationalID).ID})
	if err != nil {
		w.t.Fatal(err)
	}
	for _, t := range tokens {
		if t.Name == name {
			return strconv.FormatInt(t.ID, 10)
		}
	}
	w.t.Fatalf("no token %q", name)
	return ""
}

func (w *world) auditOf(action string) []*rankfile.AuditEntry {
	w.t.Helper()
	e, err := store.NewAuditService(w.db).FindAuditEntries(ctx, rankfile.AuditFilter{Action: action})
	if err != nil {
		w.t.Fatal(err)
	}
	return e
}

func TestBadTokenFormsComeBackAndChangeNothing(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	mia := w.client("member")
	for _, c := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"name": {""}, "expires": {"30d"}}, "give the token a name"},
		{url.Values{"name": {strings.Repeat("x", 101)}, "expires": {"90d"}}, "at most 100 characters"},
		{url.Values{"name": {"For a long time"}, "expires": {"400d"}}, "from 1 to 365 days, not 400"},
		{url.Values{"name": {"Forever"}, "expires": {"forever"}}, "a number of days"},
	} {
		status, page := w.do(mia, "POST", "/profile/tokens", c.form)
		if status != http.StatusBadRequest || !strings.Contains(page, c.want) || secretPattern.MatchString(page) ||
			!strings.Contains(page, `value="`+c.form.Get("name")+`"`) {
			t.Errorf("%v: %d, want 400 saying %q, the form filled in and no secret", c.form, status, c.want)
		}
	}
	if tokens, _ := w.app.MyAPITokens(ctx, w.actor("member")); len(tokens) != 0 {
		t.Errorf("bad forms made tokens: %+v", tokens)
	}
	if e := w.auditOf(rankfile.AuditCreateAPIToken); len(e) != 1 { // the steward's, made with the world
		t.Errorf("bad forms were audited: %+v", e)
	}
}

func TestTheTokensAPI(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	mia, wes := w.token("member"), w.token("other-branch")
	status, body := w.apiAs(mia, "GET", "/api/v1/me/tokens")
	var listed []map[string]any
	if err := json.Unmarshal([]byte(body), &listed); status != http.StatusOK || err != nil || len(listed) != 1 {
		t.Fatalf("listing: %d %s", status, body)
	}
	for _, field := range []string{"id", "name", "created_at", "last_used_at", "expires_at", "revoked_at", "active"} {
		if _, ok := listed[0][field]; !ok {
			t.Errorf("a listed token lacks %s: %v", field, listed[0])
		}
	}
	sum := sha256.Sum256([]byte(mia))
	hash := hex.EncodeToString(sum[:])
	if strings.Contains(body, mia) || strings.Contains(body, hash) || strings.Contains(body, "hash") {
		t.Errorf("the list gives the secret or its hash away: %s", body)
	}
	id := strconv.FormatFloat(listed[0]["id"].(float64), 'f', 0, 64)
	if status, _ := w.apiAs(wes, "DELETE", "/api/v1/me/tokens/"+id); status != http.StatusNotFound {
		t.Errorf("Wes deleting Mia's token: %d, want 404", status)
	}
	if status, _ := w.apiAs(wes, "DELETE", "/api/v1/me/tokens/nope"); status != http.StatusNotFound {
		t.Errorf("an id that is no number: %d, want 404", status)
	}
	if status, body := w.apiAs(mia, "DELETE", "/api/v1/me/tokens/"+id); status != http.StatusNoContent {
		t.Fatalf("Mia revoking her own token: %d %s", status, body)
	}
	w.refusedLikeUnknown(mia, "a token revoked through the API")
	if status, _ := w.apiAs(wes, "GET", "/api/v1/me"); status != http.StatusOK {
		t.Errorf("Wes's token stopped working too: %d", status)
	}
}

func TestAnExpiredTokenIsRefusedLikeAnUnknownOne(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	secret := w.token("member") // 90 days, as by default
	w.shift = 89 * 24 * time.Hour
	if status, _ := w.apiAs(secret, "GET", "/api/v1/me"); status != http.StatusOK {
		t.Errorf("a token 89 days old: %d", status)
	}
	w.shift = 90*24*time.Hour + time.Minute
	w.refusedLikeUnknown(secret, "a token past its 90 days")
	_, page := w.send(w.client("member"), "GET", "/profile/tokens", nil)
	if !strings.Contains(page, `class="token expired"`) {
		t.Errorf("the page does not show the token as expired")
	}
}

func TestSigningOutEverywhereRefusesTheMembersTokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		mias, wess := w.token("member"), w.token("other-branch")
		if status, _ := w.do(w.client("member"), "POST", "/sign-out-everywhere", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("signing out everywhere: %d", status)
		}
		w.refusedLikeUnknown(mias, "Mia's token after she signed out everywhere")
		if status, _ := w.apiAs(wess, "GET", "/api/v1/me"); status != http.StatusOK {
			t.Errorf("Wes's token after Mia signed out everywhere: %d", status)
		}
		if e := w.auditOf(rankfile.AuditRevokeAPIToken); len(e) != 1 || e[0].Actor != "Mia Member" {
			t.Errorf("the revoking is audited as %+v", e)
		}
	})
}

func TestTheTokensPageInSpanish(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	mia := w.client("member")
	w.do(mia, "POST", "/language", url.Values{"lang": {"es"}})
	_, page := w.submit(mia, "POST", "/profile/tokens", url.Values{"name": {"Mi script"}, "expires": {"365d"}})
	for _, want := range []string{`<html lang="es">`, "Tokens de la API", "Cópialo ahora", "nunca", "365 días", "Revocar"} {
		if !strings.Contains(page, want) {
			t.Errorf("the Spanish page lacks %q", want)
		}
	}
	if locale.MissingMarker(page) {
		t.Errorf("the Spanish page misses a message")
	}
}

// TestTheTokensPageOnAPhoneWithoutJavaScript makes and revokes a token in
// Chromium at 390 px with scripts turned off, and checks that the page
// never scrolls sideways, the secret shown included.
func TestTheTokensPageOnAPhoneWithoutJavaScript(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	ctx := browser(t)
	noScripts := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	do(t, ctx, "signing in on a phone without scripts",
		chromedp.EmulateViewport(390, 844), noScripts,
		chromedp.Navigate(w.signInLink("member")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")),
		chromedp.Navigate(w.srv.URL+"/profile"),
		click(`a[href="/profile/tokens"]`),
		chromedp.WaitVisible(chromedp.ID("token-name")))
	do(t, ctx, "making a token",
		chromedp.SendKeys(chromedp.ID("token-name"), "A script with a rather long name for canvassing in Echo Park"),
		chromedp.SetValue(chromedp.ID("token-expires"), "30d"),
		click(`form[action="/profile/tokens"] button`),
		chromedp.WaitVisible(chromedp.CSS("code.secret")))
	secret := text(t, ctx, "code.secret")
	if status, _ := w.apiAs(secret, "GET", "/api/v1/me"); status != http.StatusOK {
		t.Errorf("the secret the phone shows does not work: %d", status)
	}
	w.noSidewaysScroll(ctx, "the page showing the secret")
	screenshot(t, ctx, "tokens-390.png")
	do(t, ctx, "revoking it",
		click(`ul.tokens form button`),
		chromedp.WaitVisible(chromedp.CSS(`ul.tokens li.revoked`)))
	if got := text(t, ctx, `.notice[role="status"]`); got != "The token is revoked: it no longer works." {
		t.Errorf("after revoking, the page says %q", got)
	}
	if got := text(t, ctx, "ul.tokens .tag"); got != "revoked" {
		t.Errorf("after revoking, the token is %q", got)
	}
	w.noSidewaysScroll(ctx, "the list of tokens")
	w.refusedLikeUnknown(secret, "a token revoked on a phone")
}

// noSidewaysScroll checks that the page is no wider than the screen.
func (w *world) noSidewaysScroll(ctx context.Context, what string) {
	w.t.Helper()
	widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`[document.documentElement.scrollWidth, window.innerWidth]`))
	if err != nil || len(widths) != 2 || widths[0] > widths[1] {
		w.t.Errorf("%s scrolls sideways: page %v px wide, %v", what, widths, err)
	}
}
