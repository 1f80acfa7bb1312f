package http_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTrainingsOnAPhone looks at the catalogue and a course's page as a
// member, and at a session's completion page as its trainer, on a phone
// 390 pixels wide, in English and in Spanish.
func TestTrainingsOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	ctx := onAPhone(t, w, "member")
	pages := []struct{ path, wait, name, want, quiero string }{
		{"/courses", "level-advanced", "courses", "Power mapping", "Avanzado"},
		{"/courses/2", "sessions-h", "course", "Before this course, complete Canvassing.", "Antes de este curso, completa Canvassing."},
	}
	for _, lang := range []string{"en", "es"} {
		if lang == "es" {
			inSpanish(t, ctx)
		}
		for _, p := range pages {
			do(t, ctx, p.path, chromedp.Navigate(w.srv.URL+p.path), chromedp.WaitVisible(chromedp.ID(p.wait)))
			want := p.want
			if lang == "es" {
				want = p.quiero
			}
			if got := text(t, ctx, "main"); !strings.Contains(got, want) {
				t.Errorf("%s in %s does not say %q:\n%s", p.path, lang, want, got)
			}
			fitsThePhone(t, ctx, p.path+" in "+lang)
			screenshot(t, ctx, p.name+"-"+lang+".png")
		}
	}
	ctx = onAPhone(t, w, "cochair")
	for _, lang := range []string{"en", "es"} {
		if lang == "es" {
			inSpanish(t, ctx)
		}
		do(t, ctx, "the completion page", chromedp.Navigate(w.srv.URL+"/events/4/completion"),
			chromedp.WaitVisible(chromedp.CSS("form.completion button")))
		if got := text(t, ctx, "form.completion"); !strings.Contains(got, "Mia Member") {
			t.Errorf("the completion page lists %q", got)
		}
		fitsThePhone(t, ctx, "the completion page in "+lang)
		screenshot(t, ctx, "completion-"+lang+".png")
	}
	do(t, ctx, "recording Mia complete", click("form.completion button"),
		chromedp.WaitVisible(chromedp.CSS("p.done")))
}
