package http_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTheTrainingReportOnAPhone looks at the report as the admin on a
// phone 390 pixels wide, in English and in Spanish: it fits, its charts
// are drawn with a table under each, axe-core finds nothing serious, and
// the feedback of a session with four answers reads as too few.
func TestTheTrainingReportOnAPhone(t *testing.T) {
	axe, err := os.ReadFile("testdata/axe-core/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.trainingYear(4)
	ctx := onAPhone(t, w, "admin")
	for _, lang := range []struct{ code, trained, few string }{
		{"en", "Members trained", "Fewer than five answers"},
		{"es", "Miembros capacitados", "Menos de cinco respuestas"},
	} {
		if lang.code == "es" {
			inSpanish(t, ctx)
		}
		do(t, ctx, "the report", chromedp.Navigate(w.srv.URL+"/training/report"), chromedp.WaitVisible(chromedp.ID("feedback-h")))
		got := text(t, ctx, "main")
		for _, want := range []string{lang.trained, lang.few, "Canvassing", "Phone banking"} {
			if !strings.Contains(got, want) {
				t.Errorf("the report in %s does not say %q:\n%s", lang.code, want, got)
			}
		}
		if n := read(ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure.chart svg.chart + figcaption").length`)); n != 3 {
			t.Errorf("the report in %s draws %d charts, want 3", lang.code, n)
		}
		fitsThePhone(t, ctx, "the report in "+lang.code)
		screenshot(t, ctx, "report-"+lang.code+".png")
		sectionShots(t, ctx, "report-"+lang.code)
		for _, problem := range pageProblems(ctx, w.srv.URL+"/training/report", string(axe)) {
			t.Errorf("the report in %s: %s", lang.code, problem)
		}
	}
}

// sectionShots saves a picture of each section of the page, as wide as
// the phone and tall enough to read, when RANKFILE_TEST_SCREENSHOTS names
// a folder.
func sectionShots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("RANKFILE_TEST_SCREENSHOTS")
	if dir == "" {
		return
	}
	for _, id := range []string{"trained-h", "courses-h", "joins-h", "feedback-h"} {
		png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(`section[aria-labelledby="`+id+`"]`)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+"-"+id+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
