package http_test

import (
	"context"
	"net/url"
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

// TestTheRosterFindsNamesWithoutTheirAccents searches the roster page,
// whole and as the search box asks as one types, for an accented name
// typed without its accents, and the other way round.
func TestTheRosterFindsNamesWithoutTheirAccents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		list := worldList + "9,Héctor,Núñez,hn@example.org,213,9 Main St,90026,2030-01-01,Member in Good Standing\n" +
			"10,Ramon,Pena,rp@example.org,213,9 Main St,90026,2030-01-01,Member in Good Standing\n"
		src, err := roster.NewReader(strings.NewReader(list))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.NewRosterService(w.db).ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		for search, want := range map[string]string{"hector": "Héctor Núñez", "nunez": "Héctor Núñez",
			"HECTOR NUN": "Héctor Núñez", "Ramón Peña": "Ramon Pena", "peña": "Ramon Pena"} {
			for _, header := range [][]string{nil, {"HX-Request", "true", "HX-Target", "roster-results"}} {
				status, page := w.do(w.client("steward"), "GET", "/roster?q="+url.QueryEscape(search), nil, header...)
				if status != 200 || !strings.Contains(page, ">"+want+"</a>") {
					t.Errorf("the roster (%v) searched for %q: %d, without %s:\n%s", header, search, status, want, page)
				}
			}
		}
	})
}
