package http_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// spanishRecords adds to the Spanish test's world what rankfile writes
// into records itself, kept in English, that pages must say in the
// reader's language: a convention's priorities vote, open, with the
// agenda item it is on, and a member's change of their own choices in
// their history. It returns the pages that show them, by who reads them.
func (w *world) spanishRecords() map[string][]string {
	w.t.Helper()
	m, _ := w.convention()
	if _, err := w.app.OpenPrioritiesVote(ctx, w.actor("coordinator"), m.ID); err != nil {
		w.t.Fatal(err)
	}
	yes, mail := true, "Yes"
	p := rankfile.Preferences{Language: "es", MailPreference: &mail, DoNotCall: &yes, TextOptOut: &yes}
	if err := w.app.SetPreferences(ctx, w.actor("member"), p); err != nil {
		w.t.Fatal(err)
	}
	path := "/meetings/" + itoa(m.ID)
	return map[string][]string{
		"coordinator": {path, path + "/screen", path + "/host"},
		"admin":       {path + "/agenda"},
		"member":      {path},
		"steward":     {"/members/" + itoa(w.member(roles["member"]).ID)},
	}
}

// TestAMembersChoicesReadInSpanishOnAPhone: a member who chose Spanish
// pages reads her own page on a phone 390 pixels wide, in Spanish; its
// history says the change of her choices in Spanish too.
func TestAMembersChoicesReadInSpanishOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	mail := "No"
	if err := w.app.SetPreferences(ctx, w.actor("member"), rankfile.Preferences{Language: "es", MailPreference: &mail}); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	do(t, ctx, "her own page",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink("member")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")),
		chromedp.Navigate(w.srv.URL+"/members/"+itoa(w.member(roles["member"]).ID)),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="es"] ol.history`)))
	if got := text(t, ctx, "ol.history li:first-child"); !strings.Contains(got, "Idioma: español; Correo postal: No") {
		t.Errorf("her history reads %q", got)
	}
	fitsThePhone(t, ctx, "her page")
	screenshot(t, ctx, "member-history-es.png")
}
