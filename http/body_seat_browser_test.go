package http_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// onAPhone signs a role in on a phone 390 pixels wide.
func onAPhone(t *testing.T, w *world, role string) context.Context {
	t.Helper()
	ctx := browser(t)
	do(t, ctx, "a phone 390 pixels wide, signed in as "+role,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink(role)),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")))
	return ctx
}

// inSpanish switches the page to Spanish and waits for it.
func inSpanish(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "switching to Spanish",
		click(`.languages button[value="es"]`),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="es"] main`)))
}

// TestACoordinatorAppointsOnAPhone appoints Echo Park's captain from the
// group's page on a phone, without typing more than a name, and looks at
// the form in English and in Spanish.
func TestACoordinatorAppointsOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	ctx := onAPhone(t, w, "coordinator")
	do(t, ctx, "finding Mia from the group's page",
		chromedp.Navigate(w.srv.URL+"/bodies/echo-park"),
		click(`a[href="/bodies/echo-park/seats/8/appoint"]`),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "Mi"),
		click(`form[role="search"] button`),
		chromedp.WaitVisible(chromedp.CSS(`ul.candidates button`)))
	fitsThePhone(t, ctx, "the appoint form")
	screenshot(t, ctx, "appoint-en.png")
	inSpanish(t, ctx)
	do(t, ctx, "searching again in Spanish",
		chromedp.SendKeys(chromedp.ID("q"), "Mi"),
		click(`form[role="search"] button`),
		chromedp.WaitVisible(chromedp.CSS(`ul.candidates button`)))
	fitsThePhone(t, ctx, "the appoint form in Spanish")
	screenshot(t, ctx, "appoint-es.png")
	do(t, ctx, "appointing Mia",
		click(`ul.candidates button`),
		chromedp.WaitVisible(chromedp.CSS(`main .notice`)))
	if got := text(t, ctx, "#seats-h + dl"); !strings.Contains(got, "Mia Member") {
		t.Errorf("after appointing, the seats read %q", got)
	}
	fitsThePhone(t, ctx, "the group's page")
	screenshot(t, ctx, "body-es.png")
}

// TestAStewardCorrectsAMemberOnAPhone sets Mia's standing override from
// her page on a phone: a missing reason comes back marked, with what was
// typed, in English and in Spanish.
func TestAStewardCorrectsAMemberOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	ctx := onAPhone(t, w, "steward")
	mia := w.srv.URL + "/members/" + itoa(w.member("5").ID)
	do(t, ctx, "an override without a reason",
		chromedp.Navigate(mia),
		chromedp.SetValue(chromedp.ID("ov-standing"), "good"),
		chromedp.SetValue(chromedp.ID("ov-until"), "2099-01-31"),
		click(`form[action$="/override#standing-h"] button`),
		chromedp.WaitVisible(chromedp.ID("ov-reason-problem")))
	if got := read(ctx, chromedp.Value(chromedp.ID("ov-until"))); got != "2099-01-31" {
		t.Errorf("the end date came back as %q", got)
	}
	fitsThePhone(t, ctx, "the steward's member page")
	screenshot(t, ctx, "member-en.png")
	do(t, ctx, "the page again", chromedp.Navigate(mia), chromedp.WaitVisible(chromedp.ID("roles-h")))
	inSpanish(t, ctx)
	do(t, ctx, "in Spanish, the same mistake",
		chromedp.SetValue(chromedp.ID("ov-standing"), "lapsed"),
		click(`form[action$="/override#standing-h"] button`),
		chromedp.WaitVisible(chromedp.ID("ov-reason-problem")))
	if got := text(t, ctx, "#ov-reason-problem"); got != "Di por qué: el motivo es obligatorio." {
		t.Errorf("in Spanish the problem reads %q", got)
	}
	fitsThePhone(t, ctx, "the steward's member page in Spanish")
	screenshot(t, ctx, "member-es.png")
	do(t, ctx, "recording it with a reason",
		chromedp.SendKeys(chromedp.ID("ov-reason"), "Exención local de cuotas"),
		click(`form[action$="/override#standing-h"] button`),
		chromedp.WaitVisible(chromedp.CSS(`main .notice`)))
	if got := text(t, ctx, "#history-h + ol"); !strings.Contains(got, "Exención local de cuotas") {
		t.Errorf("the history reads %q", got)
	}
}
