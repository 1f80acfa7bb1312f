package http_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTrainingRulesOnAPhone looks, on a phone 390 pixels wide in English
// and in Spanish, at the pages of the program's rules: the admin's
// requirements and levels, a session's door as its trainer who leads no
// body, and an event's leads as the co-chair who names them.
func TestTrainingRulesOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	if err := w.app.SetCourseRequirement(ctx, w.actor("admin"), &rankfile.CourseRequirement{SeatID: 8, CourseID: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.SetEventLeads(ctx, w.actor("cochair"), 4, []int64{w.member("4").ID}); err != nil {
		t.Fatal(err)
	}
	for _, role := range []struct {
		role  string
		pages []struct{ path, wait, name, want, quiero string }
	}{
		{"admin", []struct{ path, wait, name, want, quiero string }{
			{"/courses/requirements", "role", "requirements", "Neighborhood captain of Echo Park", "Neighborhood captain de Echo Park"},
			{"/courses/levels", "slug", "levels", "Add a level", "Añadir un nivel"},
		}},
		{"other-branch", []struct{ path, wait, name, want, quiero string }{
			{"/events/5/host", "q", "trainer-door", "Registrations", "Inscripciones"},
		}},
		{"cochair", []struct{ path, wait, name, want, quiero string }{
			{"/events/4", "leads-heading", "event-leads", "Chen Cochair", "Chen Cochair"},
		}},
	} {
		ctx := onAPhone(t, w, role.role)
		for _, lang := range []string{"en", "es"} {
			if lang == "es" {
				inSpanish(t, ctx)
			}
			for _, p := range role.pages {
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
	}
}
