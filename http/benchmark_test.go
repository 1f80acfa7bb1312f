package http_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// benchmarkDays takes the world's benchmarks of the last n days.
func (w *world) benchmarkDays(n int) {
	w.t.Helper()
	today := w.app.Today()
	var days []rankfile.Date
	for i := n; i >= 1; i-- {
		days = append(days, today.AddDays(-i))
	}
	if took, err := w.app.TakeBenchmarks(ctx, days); err != nil || len(took) != n {
		w.t.Fatalf("took %d days, %v; want %d", len(took), err, n)
	}
}

// TestTheBenchmarksDashboardShowsItsFiguresThreeWays reads a branch's
// benchmarks of 100 days as its co-coordinator: the page draws three charts
// and a table a month, the CSV has a row a day and the JSON a day an
// entry; in Spanish the page has no English left.
func TestTheBenchmarksDashboardShowsItsFiguresThreeWays(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.benchmarkDays(100)
	c := w.client("coordinator")
	status, page := w.do(c, "GET", "/benchmarks?scope=central&period=90d", nil)
	if status != 200 || strings.Count(page, `<svg class="chart"`) != 3 || !strings.Contains(page, `<table class="benchmarks">`) {
		t.Fatalf("the dashboard: %d, %d charts; want 200 and 3 charts and a table\n%s", status, strings.Count(page, `<svg class="chart"`), page)
	}
	if !strings.Contains(page, `<option value="central" selected>`) || strings.Contains(page, `<option value="">`) {
		t.Errorf("the choice of scope should offer Central, chosen, and not the whole chapter")
	}
	status, csv := w.do(c, "GET", "/benchmarks.csv?scope=central&period=90d", nil)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if status != 200 || len(lines) != 90 || !strings.HasPrefix(lines[0], "day,scope,members,stage:none,stage:participant") ||
		!strings.Contains(lines[1], ",central,") {
		t.Errorf("the CSV: %d, %d lines, %q; want 200, a header and 89 days (today's is taken tomorrow)", status, len(lines), lines[0])
	}
	status, body := w.do(c, "GET", "/api/v1/benchmarks?scope=central&from="+w.app.Today().AddDays(-100).String(), nil, "Authorization", "Bearer "+w.token("coordinator"))
	var out struct {
		Scope string
		Days  []struct {
			Members int            `json:"members"`
			Stages  map[string]int `json:"stages"`
		}
	}
	if err := json.Unmarshal([]byte(body), &out); status != 200 || err != nil || out.Scope != "central" || len(out.Days) != 100 || out.Days[0].Members == 0 {
		t.Errorf("the JSON: %d, %v, scope %q, %d days; want 200, central, 100 days with members\n%s", status, err, out.Scope, len(out.Days), body)
	}
	_, page = w.do(w.client("admin"), "GET", "/benchmarks", nil, "Cookie", "rankfile_lang=es")
	if found := englishIn(englishOnlyWords(t), readable(page)); len(found) > 0 || !strings.Contains(page, "Miembros en cada etapa") {
		t.Errorf("the dashboard in Spanish shows English: %s", strings.Join(found, ", "))
	}
}

// TestTheBenchmarksDashboardOnAPhone looks at the chapter's dashboard on a
// phone 390 pixels wide, in English and Spanish.
func TestTheBenchmarksDashboardOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.benchmarkDays(400)
	ctx := onAPhone(t, w, "admin")
	do(t, ctx, "the dashboard", chromedp.Navigate(w.srv.URL+"/benchmarks?period=1y"), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
	fitsThePhone(t, ctx, "/benchmarks")
	screenshot(t, ctx, "benchmarks-en.png")
	inSpanish(t, ctx)
	do(t, ctx, "the dashboard in Spanish", chromedp.Navigate(w.srv.URL+"/benchmarks?scope=central&period=2y"), chromedp.WaitVisible(chromedp.CSS("svg.chart")))
	fitsThePhone(t, ctx, "/benchmarks in Spanish")
	screenshot(t, ctx, "benchmarks-es.png")
}
