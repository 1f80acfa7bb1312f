package http_test

import (
	"context"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTheRosterEscapesWhatMembersAreCalled puts markup in a member's name
// and phone, as a national list may carry, and looks for it on the
// roster page: it must show as text.
func TestTheRosterEscapesWhatMembersAreCalled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		list := worldList + `9,<script>alert(1)</script>,"O""Brien <b>",xss@example.org,<i>213</i>,9 Main St,90026,2030-01-01,Member in Good Standing` + "\n"
		src, err := roster.NewReader(strings.NewReader(list))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.NewRosterService(w.db).ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, hx := range []bool{false, true} {
			header := []string{}
			if hx {
				header = []string{"HX-Request", "true", "HX-Target", "roster-results"}
			}
			status, page := w.do(w.client("steward"), "GET", "/roster?q=%3Cscript", nil, header...)
			if status != 200 {
				t.Fatalf("status %d", status)
			}
			for _, raw := range []string{"<script>", "<b>", "<i>", `O"Brien`} {
				if strings.Contains(page, raw) {
					t.Errorf("the roster (htmx %v) shows %q unescaped:\n%s", hx, raw, page)
				}
			}
			if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt; O&#34;Brien &lt;b&gt;") ||
				!strings.Contains(page, "&lt;i&gt;213&lt;/i&gt;") {
				t.Errorf("the roster (htmx %v) lacks the escaped member:\n%s", hx, page)
			}
		}
	})
}

// TestTheImportsOfAChapterWithNoneAreAnEmptyList checks that the API
// lists no imports as [], as it lists every other empty list, not null:
// the roster answers none as a database with no imports does (nil).
func TestTheImportsOfAChapterWithNoneAreAnEmptyList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.app.Roster = noImports{w.app.Roster}
		status, body := w.doBody("GET", "/api/v1/imports", "", "Authorization", "Bearer "+w.token("steward"))
		if status != 200 || strings.TrimSpace(body) != "[]" {
			t.Errorf("GET /api/v1/imports with none: %d %s, want 200 []", status, body)
		}
	})
}

// noImports is a roster that has had no imports, as a new database.
type noImports struct{ rankfile.RosterService }

// FindImports finds none, as the store does in a database without any.
func (noImports) FindImports(context.Context, int) ([]*rankfile.ImportReport, error) { return nil, nil }
