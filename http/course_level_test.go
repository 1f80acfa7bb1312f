package http_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestAdminsNameTheLevels has the admin add a level with its Spanish name
// and rename the advanced level in Spanish from the levels' page: the
// catalogue read in Spanish says so. A slug that is not one is refused,
// saying why, and the co-chair may not open the page.
func TestAdminsNameTheLevels(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	admin := w.client("admin")
	if status, _ := w.do(admin, "POST", "/courses/levels", url.Values{"slug": {"organizing"}, "name": {"Organizing"}, "name_es": {"Organización"}}); status != moved {
		t.Fatalf("adding a level: %d", status)
	}
	if status, _ := w.do(admin, "POST", "/courses/levels", url.Values{"slug": {"advanced"}, "name": {"Advanced"}, "name_es": {"Avanzado II"}}); status != moved {
		t.Fatalf("renaming a level: %d", status)
	}
	if _, page := w.do(admin, "GET", "/courses/levels", nil, "Cookie", "rankfile_lang=es"); !strings.Contains(page, "Organización") || !strings.Contains(page, "Niveles del programa") {
		t.Errorf("the levels' page:\n%s", page)
	}
	if _, page := w.do(w.client("member"), "GET", "/courses", nil, "Cookie", "rankfile_lang=es"); !strings.Contains(page, "Avanzado II") {
		t.Errorf("the catalogue does not use the new name:\n%s", page)
	}
	status, page := w.do(admin, "POST", "/courses/levels", url.Values{"slug": {"Not a slug"}, "name": {"x"}}, "Cookie", "rankfile_lang=es")
	if status != bad || !strings.Contains(page, "el slug de un nivel") && !strings.Contains(page, "class=\"problem\"") {
		t.Errorf("a bad slug: %d\n%s", status, page)
	}
	if status, _ := w.do(w.client("cochair"), "GET", "/courses/levels", nil); status != forbid {
		t.Errorf("the co-chair opens the levels: %d, want 403", status)
	}
}

// TestTheSessionFormAsksAsTheEventFormDoes opens the form that schedules
// a session and the event form: the fields they share (times, place,
// audience, seats, series) are the same inputs, the session's offering
// no weekly series and explaining its online link.
func TestTheSessionFormAsksAsTheEventFormDoes(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	chen := w.client("cochair")
	_, session := w.do(chen, "GET", "/courses/2/sessions/new", nil)
	_, event := w.do(chen, "GET", "/events/new", nil)
	for _, field := range []string{`id="starts_at"`, `id="ends_at"`, `id="address"`, `id="online_url"`, `id="private-hint"`,
		`name="audience"`, `name="registration"`, `id="capacity-hint"`, `id="repeat"`, `id="until"`, `id="except-hint"`} {
		if !strings.Contains(session, field) || !strings.Contains(event, field) {
			t.Errorf("%s: in the session form %v, in the event form %v", field, strings.Contains(session, field), strings.Contains(event, field))
		}
	}
	if strings.Contains(session, `value="weekly"`) || !strings.Contains(event, `value="weekly"`) || !strings.Contains(session, `id="online-hint"`) {
		t.Errorf("the session form offers weekly series or does not explain its link")
	}
}
