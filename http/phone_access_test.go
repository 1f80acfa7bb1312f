package http_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// phoneWidth is the narrowest phone the pages are held to.
const phoneWidth = 360

// accessRoles are the roles every page is opened as: nobody signed in, a
// member, a branch's co-coordinator, a committee's co-chair, a data
// steward who is also an admin's equal here, an admin and a lapsed member.
var accessRoles = []string{"", "member", "coordinator", "cochair", "steward", "admin", "lapsed"}

// axeViolation is what the test keeps of one serious or critical finding
// of axe-core on a page.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Target string `json:"target"`
	HTML   string `json:"html"`
}

// axeCheck runs axe-core, already on the page, and returns its serious and
// critical violations, each with its first offending element.
const axeCheck = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations
	.filter(v => v.impact === "serious" || v.impact === "critical")
	.map(v => ({id: v.id, impact: v.impact, help: v.help,
		target: String(v.nodes[0].target), html: v.nodes[0].html.slice(0, 160)})))`

// TestEveryPageFitsAPhoneAndPassesAxe opens every page of the route table
// that a role may see (the authorization matrix's GET rows that answer it
// 200), as each role, in English and Spanish, on a phone 360 pixels wide.
// A page fails when it scrolls sideways or when axe-core finds a serious
// or critical violation (labels, contrast, names of buttons and links,
// roles, landmarks).
func TestEveryPageFitsAPhoneAndPassesAxe(t *testing.T) {
	axe, err := os.ReadFile("testdata/axe-core/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, storetest.SQLiteDSN(t))
	// The worlds of the field program and endorsements, as the matrix
	// seeds them, so that their pages are opened with something on them.
	w.questionnaireSecrets(w.decisionSecrets(w.endorsementSecrets(w.phonebankSecrets(w.campaignSecrets(w.courseSecrets(nil))))))
	pages := 0
	for _, role := range accessRoles {
		ctx := browser(t)
		w.signInBrowser(t, ctx, role)
		for _, lang := range []string{"en", "es"} {
			// The language is chosen by the switch's own request, sent
			// and awaited in the page, so that no page load of the
			// switch is still under way when the next page is opened.
			choose := `fetch("/language", {method: "POST", redirect: "manual",
				body: new URLSearchParams({lang: "` + lang + `", back: "/"})}).then(r => r.type === "opaqueredirect" || r.ok)`
			do(t, ctx, "choosing "+lang, chromedp.Navigate(w.srv.URL+"/"))
			if chosen, err := chromedp.Run(ctx, chromedp.Evaluate[bool](choose, chromedp.EvalAwaitPromise)); err != nil || !chosen {
				t.Fatalf("choosing %s: %v", lang, err)
			}
			do(t, ctx, "reading "+lang, chromedp.Navigate(w.srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`html[lang="`+lang+`"]`)))
			for _, c := range pageChecks {
				if c.method != "GET" || c.status(role) != ok || !isPage(c.path) {
					continue
				}
				pages++
				what := fmt.Sprintf("%s as %q in %s", c.path, role, lang)
				for _, problem := range pageProblems(ctx, w.srv.URL+c.path, string(axe)) {
					t.Errorf("%s: %s", what, problem)
				}
			}
		}
	}
	t.Logf("opened %d pages", pages)
	if pages < 100 {
		t.Errorf("opened only %d pages", pages)
	}
}

// isPage reports whether a path is a page rather than a file, a feed, a
// download (a person's data, a candidate's document), an API answer or a part of a page that htmx
// swaps in (?part=).
func isPage(path string) bool {
	path, query, _ := strings.Cut(path, "?")
	if strings.Contains(query, "part=") {
		return false
	}
	if strings.HasPrefix(path, "/api/") || strings.HasPrefix(path, "/static/") || strings.Contains(path, "/documents/") {
		return false // the API, assets, and a candidate's attached documents
	}
	for _, ext := range []string{".ics", ".json", ".png", ".jpg", ".csv", ".txt", ".blt", ".js", ".css", ".svg", ".geojson", ".pdf",
		"/events", "/stream", "/data"} {
		if strings.HasSuffix(path, ext) {
			return false
		}
	}
	return true
}

// pageProblems opens a page and returns what is wrong with it on a phone.
func pageProblems(ctx context.Context, url, axe string) []string {
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, 780), chromedp.Navigate(url)); err != nil {
		return []string{err.Error()}
	}
	if kind := read(ctx, chromedp.Evaluate[string](`document.contentType`)); kind != "text/html" {
		return nil // a text, such as the audit log's signed head
	}
	var problems []string
	if wide := read(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`)); wide > 0 {
		problems = append(problems, fmt.Sprintf("%d pixels wider than the phone", wide))
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axe+";\n"+axeCheck, chromedp.EvalAwaitPromise))
	if err != nil {
		return append(problems, "axe-core: "+err.Error())
	}
	for _, v := range found {
		problems = append(problems, fmt.Sprintf("%s (%s): %s at %s: %s", v.ID, v.Impact, v.Help, v.Target, v.HTML))
	}
	return problems
}

// signInBrowser signs the browser in as a role, or leaves it signed out
// for "".
func (w *world) signInBrowser(t *testing.T, ctx context.Context, role string) {
	t.Helper()
	if role == "" {
		return
	}
	do(t, ctx, "signing in as "+role,
		chromedp.Navigate(w.signInLink(role)),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")))
}
