package http_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestConfirmPagesShowTheSafeChoiceAsSecondary asks each step that
// removes, cancels or closes for good: its button is a danger button and
// the way back, where the page offers one, a secondary one; the
// stylesheet styles the three kinds of button.
func TestConfirmPagesShowTheSafeChoiceAsSecondary(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	for _, c := range []struct {
		name, role, method, path string
		form                     url.Values
		want                     []string
	}{
		{"removing a member of a committee", "cochair", "GET", w.housingRemoval(), nil,
			[]string{`<button class="danger">Yes, remove</button>`, `<a class="button secondary" href="/bodies/housing">No, go back</a>`}},
		{"cancelling a meeting", "admin", "GET", "/meetings/1/edit", nil,
			[]string{`<button class="danger">Cancel the meeting</button>`}},
		{"cancelling an event", "admin", "GET", "/events/1", nil,
			[]string{`<button class="danger">Yes, cancel it</button>`}},
	} {
		_, page := w.do(w.client(c.role), c.method, c.path, c.form, "Accept-Language", "en")
		if missing := lacks(page, c.want...); len(missing) > 0 {
			t.Errorf("%s: the page lacks %q", c.name, missing)
		}
	}
	w.checkInAll()
	chair := []string{"Authorization", "Bearer " + w.token("coordinator")}
	if status, body := w.doBody("POST", "/api/v1/meetings/1/votes", `{"agenda_item_id":1,"kind":"yes_no","question":"Accept the reports?"}`, chair...); status != http.StatusCreated {
		t.Fatalf("opening a vote: %d %s", status, body)
	}
	_, page := w.do(w.client("coordinator"), "POST", "/meetings/1/votes/1/close", url.Values{}, "Accept-Language", "en")
	if missing := lacks(page, `<button class="danger">Close the vote anyway</button>`,
		`<a class="button secondary" href="/meetings/1">Keep the vote open</a>`); len(missing) > 0 {
		t.Errorf("closing a vote nothing came in from: the page lacks %q", missing)
	}
	css := regexp.MustCompile(`href="([^"]*/app\.css[^"]*)"`).FindStringSubmatch(page)
	if css == nil {
		t.Fatal("no stylesheet")
	}
	_, sheet := w.do(w.client(""), "GET", css[1], nil)
	for _, selector := range []string{"button, .button {", ".button.secondary", ".button.danger"} {
		if !strings.Contains(sheet, selector) {
			t.Errorf("the stylesheet has no %q", selector)
		}
	}
}

// housingRemoval is the path that asks to remove member 8 from Housing.
func (w *world) housingRemoval() string {
	w.t.Helper()
	held, err := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: w.bodies["housing"].ID, MemberID: w.member("8").ID})
	if err != nil || len(held) != 1 {
		w.t.Fatalf("member 8's places in Housing: %v, %v", held, err)
	}
	return "/bodies/housing/positions/" + itoa(held[0].ID) + "/remove"
}
