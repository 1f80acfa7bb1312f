package http_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// drawEchoPark gives Echo Park the demo's boundary of Echo Park / Silver
// Lake, where the world's members at 90026 live (Stella, Adam, Cora, Mia
// and Lupe), and makes Mia its captain.
func (w *world) drawEchoPark() {
	g := demo.Neighborhoods()[0]
	g.Slug = "echo-park"
	if _, err := store.NewNeighborhoodService(w.db).LoadNeighborhoods(ctx, []rankfile.Jurisdiction{g}, "test"); err != nil {
		w.t.Fatal(err)
	}
	w.seat("echo-park", rankfile.SeatNeighborhoodCaptain, "5")
}

// TestACaptainSeesHerGroupOnAPhone: Mia, Echo Park's captain, finds her
// group on her home page, opens its list of members with their email and
// phone links, in English and in Spanish.
func TestACaptainSeesHerGroupOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.drawEchoPark()
	ctx := onAPhone(t, w, "member")
	if got := text(t, ctx, "#neighborhood-h + p"); got != "Echo Park" {
		t.Errorf("Mia's home names her group %q, want Echo Park", got)
	}
	fitsThePhone(t, ctx, "the member's home with her group")
	screenshot(t, ctx, "home-en.png")
	do(t, ctx, "opening her group's members",
		click(`a[href="/neighborhoods/echo-park"]`),
		chromedp.WaitVisible(chromedp.CSS(`ul.neighbors`)))
	got := text(t, ctx, "ul.neighbors")
	for _, want := range []string{"Cora Coordinator", "Lupe Lapsed", "Mia Member", "Stella Steward"} {
		if !strings.Contains(got, want) {
			t.Errorf("the group's list %q lacks %s", got, want)
		}
	}
	if strings.Contains(got, "Wes") || strings.Contains(got, "1 Steward St") {
		t.Errorf("the group's list shows someone outside it or an address: %q", got)
	}
	if n := read(ctx, chromedp.Evaluate[int](`document.querySelectorAll('ul.neighbors a[href^="tel:"]').length`)); n == 0 {
		t.Errorf("the captain sees no phone links")
	}
	fitsThePhone(t, ctx, "the captain's list")
	screenshot(t, ctx, "group-en.png")
	inSpanish(t, ctx)
	if got := text(t, ctx, "#neighbors-h"); got != "5 miembros" {
		t.Errorf("in Spanish the list is headed %q", got)
	}
	fitsThePhone(t, ctx, "the captain's list in Spanish")
	screenshot(t, ctx, "group-es.png")
	do(t, ctx, "choosing her group on her home page, in Spanish",
		chromedp.Navigate(w.srv.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("neighborhood-h")),
		chromedp.SetValue(chromedp.ID("group"), "echo-park"),
		click(`form[action="/profile/neighborhood"] button`),
		chromedp.WaitVisible(chromedp.CSS("#neighborhood-h + p .chosen")))
	if got := text(t, ctx, "#neighborhood-h + p"); got != "Echo Park (la elegiste tú)" {
		t.Errorf("after choosing, Mia's home reads %q", got)
	}
	fitsThePhone(t, ctx, "the member's home in Spanish")
	screenshot(t, ctx, "home-es.png")
}
