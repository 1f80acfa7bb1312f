package http_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store/storetest"
)

// returnLupe imports the world's list again with Lupe (7) renewed: back
// from lapsed, she starts an onboarding path, which the clock walks. She
// keeps Mia, her organizer, and her conversation ticks her first
// one-on-one.
func (w *world) returnLupe() {
	w.t.Helper()
	list := strings.Replace(worldList, "7 Lapsed Pl,90026,2020-01-01,Lapsed", "7 Lapsed Pl,90026,2030-01-01,Member in Good Standing", 1)
	src, err := roster.NewReader(strings.NewReader(list))
	if err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.app.Roster.ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.app.Onboard(ctx); err != nil {
		w.t.Fatal(err)
	}
}

// TestFirstStepsOnAPhone has Lupe, back from lapsed, read her first steps
// on her home, and Mia, her organizer, read them in her list of people,
// in English and in Spanish.
func TestFirstStepsOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.returnLupe()
	ctx := onAPhone(t, w, "lapsed")
	do(t, ctx, "her home", chromedp.WaitVisible(chromedp.ID("onboarding-h")))
	if got := text(t, ctx, "section.onboarding"); !strings.Contains(got, "1 of 6 done") || !strings.Contains(got, "A first one-on-one") {
		t.Errorf("her first steps read %q", got)
	}
	fitsThePhone(t, ctx, "the home's first steps")
	screenshot(t, ctx, "onboarding-home-en.png")
	inSpanish(t, ctx)
	do(t, ctx, "her home in Spanish", chromedp.WaitVisible(chromedp.ID("onboarding-h")))
	if got := text(t, ctx, "section.onboarding"); !strings.Contains(got, "1 de 6 hechos") {
		t.Errorf("her first steps in Spanish read %q", got)
	}
	fitsThePhone(t, ctx, "the home's first steps in Spanish")
	screenshot(t, ctx, "onboarding-home-es.png")

	ctx = onAPhone(t, w, "member")
	do(t, ctx, "her people, Lupe's first steps opened",
		chromedp.Navigate(w.srv.URL+"/people"),
		chromedp.WaitVisible(chromedp.CSS(`details.progress summary`)),
		click(`details.progress summary`),
		chromedp.WaitVisible(chromedp.CSS(`details.progress ul.checklist`)))
	if got := text(t, ctx, "details.progress"); !strings.Contains(got, "1 of 6 done") {
		t.Errorf("Lupe's first steps in Mia's list read %q", got)
	}
	fitsThePhone(t, ctx, "/people with first steps")
	screenshot(t, ctx, "onboarding-people-en.png")
	inSpanish(t, ctx)
	do(t, ctx, "her people in Spanish",
		chromedp.WaitVisible(chromedp.CSS(`details.progress summary`)),
		click(`details.progress summary`),
		chromedp.WaitVisible(chromedp.CSS(`details.progress ul.checklist`)))
	fitsThePhone(t, ctx, "/people with first steps in Spanish")
	screenshot(t, ctx, "onboarding-people-es.png")
}
