package http_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestARunnerImportsAndSeesATurfOnAPhone has Housing's co-chair, on a
// phone, upload a list with a bad line (the line is shown by number and
// nothing is imported), then, with the list fixed and turfs cut, read the
// campaign's page and a turf's page, whose map draws its doors and route
// on a blank background, in English and in Spanish.
func TestARunnerImportsAndSeesATurfOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	chen := w.client("cochair")
	c := w.housingCampaign(chen)
	bad := filepath.Join(t.TempDir(), "voters.csv")
	if err := os.WriteFile(bad, []byte(fieldListBad), 0o600); err != nil {
		t.Fatal(err)
	}
	axe, err := os.ReadFile("testdata/axe-core/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	ctx := onAPhone(t, w, "cochair")
	uploadBadList(t, ctx, w.srv.URL+c, bad)
	fitsThePhone(t, ctx, "the bad lines")
	screenshot(t, ctx, "import-bad-en.png")
	if status, _ := w.importMapped(chen, c, fieldList); status != 200 {
		t.Fatal(status)
	}
	if status, _ := w.do(chen, "POST", c+"/turfs/cut", url.Values{"target": {"3"}, "min": {"1"}, "max": {"3"}}); status != 200 {
		t.Fatal(status)
	}
	until := time.Now().In(w.db.Zone).Add(2 * time.Hour).Format("2006-01-02T15:04")
	if status, _ := w.do(chen, "POST", "/turfs/2/checkout", url.Values{"canvasser": {"5"}, "until": {until}}); status != 303 {
		t.Fatal(status)
	}
	for _, lang := range []string{"en", "es"} {
		if lang == "es" {
			inSpanish(t, ctx)
			uploadBadList(t, ctx, w.srv.URL+c, bad)
			if got := text(t, ctx, ".bad-lines"); !strings.Contains(got, "no empieza con un número de casa") {
				t.Errorf("the bad line in Spanish reads %q", got)
			}
			fitsThePhone(t, ctx, "the bad lines in Spanish")
			screenshot(t, ctx, "import-bad-es.png")
		}
		do(t, ctx, "the campaign's page", chromedp.Navigate(w.srv.URL+c), chromedp.WaitVisible(chromedp.CSS(`main dl.record`)))
		fitsThePhone(t, ctx, "the campaign's page in "+lang)
		screenshot(t, ctx, "campaign-"+lang+".png")
		do(t, ctx, "the turf's page", chromedp.Navigate(w.srv.URL+"/turfs/2"),
			chromedp.WaitVisible(chromedp.CSS(`#turf-map.leaflet-container path.leaflet-interactive`)))
		if n := read(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#turf-map path.leaflet-interactive").length`)); n < 3 {
			t.Errorf("the map draws %d shapes; want the route and the doors", n)
		}
		fitsThePhone(t, ctx, "the turf's page in "+lang)
		screenshot(t, ctx, "turf-"+lang+".png")
		for _, p := range []string{c, c + "/turfs", c + "/targets", "/targets/6", c + "/import", c + "/edit", "/turfs/2"} {
			for _, problem := range pageProblems(ctx, w.srv.URL+p, string(axe)) {
				t.Errorf("%s in %s: %s", p, lang, problem)
			}
		}
	}
}

// uploadBadList uploads the list with a bad line through the import page
// and waits for its bad lines.
func uploadBadList(t *testing.T, ctx context.Context, campaign, file string) {
	t.Helper()
	do(t, ctx, "uploading the list", chromedp.Navigate(campaign+"/import"),
		chromedp.SendKeys(chromedp.ID("source"), "County voters"),
		chromedp.SetUploadFiles(chromedp.ID("list"), []string{file}),
		click(`main form button`),
		chromedp.WaitVisible(chromedp.ID("map-first_name")),
		click(`main form button`),
		chromedp.WaitVisible(chromedp.ID("bad-h")))
	if got := text(t, ctx, ".bad-lines"); !strings.Contains(got, "2") || !strings.Contains(got, "Sunset Blvd") {
		t.Errorf("the bad lines read %q", got)
	}
}
