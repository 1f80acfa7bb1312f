package http_test

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestAnAdminWritesTheLadderAndMembersSeeIt writes a ladder that does not
// read (it comes back as typed, with the line named), then one that does,
// and checks that a member's home follows it, in English and Spanish.
func TestAnAdminWritesTheLadderAndMembersSeeIt(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	admin, member := w.client("admin"), w.client("member")
	typed := "regular: meetings >= 2 in 60 days\nstalwart: parties >= 3"
	status, page := w.do(admin, "POST", "/ladder", url.Values{"ladder": {typed}})
	if status != http.StatusBadRequest || !strings.Contains(html.UnescapeString(page), typed) ||
		!strings.Contains(html.UnescapeString(page), `line 2: "parties" cannot be counted`) || !strings.Contains(page, `aria-invalid="true"`) {
		t.Fatalf("a ladder that does not read: status %d; want 400 with the text as typed and line 2 named:\n%s", status, page)
	}
	if _, home := w.do(member, "GET", "/", nil); !strings.Contains(home, "Next: Participant") {
		t.Errorf("after the refusal the member's home should still follow the default ladder:\n%s", home)
	}
	if status, _ := w.do(admin, "POST", "/ladder", url.Values{"ladder": {"regular: meetings >= 2 in 60 days"}}); status != http.StatusSeeOther {
		t.Fatalf("saving a ladder: status %d", status)
	}
	_, home := w.do(member, "GET", "/", nil)
	for _, want := range []string{"Your path", "You have not reached the first stage yet.", "Next: regular", "0 of 2 meetings in the last 60 days"} {
		if !strings.Contains(home, want) {
			t.Errorf("the member's home lacks %q", want)
		}
	}
	_, home = w.do(member, "GET", "/", nil, "Cookie", "rankfile_lang=es")
	if !strings.Contains(home, "0 de 2 reuniones en los últimos 60 días") {
		t.Errorf("the member's home in Spanish lacks her path")
	}
	if _, page := w.do(admin, "GET", "/ladder", nil); !strings.Contains(page, "2 meetings in the last 60 days") {
		t.Errorf("the ladder's page does not list the stage as saved")
	}
}
