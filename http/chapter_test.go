package http_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// twoChapters makes the test chapter one of two: the Long Beach chapter
// is added, and the next list names each member's chapter, Wes's being
// Long Beach.
func (w *world) twoChapters() *rankfile.Body {
	w.t.Helper()
	lb := w.body(&rankfile.Body{Kind: rankfile.KindChapter, Slug: "long-beach", Name: "Long Beach",
		ParentID: w.bodies["chapter"].ParentID})
	lines := strings.Split(strings.TrimSpace(worldList), "\n")
	lines[0] += ",dsa_chapter"
	for i := 1; i < len(lines); i++ {
		chapter := "Test Chapter"
		if strings.HasPrefix(lines[i], "6,") {
			chapter = "Long Beach"
		}
		lines[i] += "," + chapter
	}
	src, err := roster.NewReader(strings.NewReader(strings.Join(lines, "\n") + "\n"))
	if err != nil {
		w.t.Fatal(err)
	}
	if _, err := store.NewRosterService(w.db).ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
		w.t.Fatal(err)
	}
	return lb
}

// TestAChapterStewardSeesTheirChapterAlone: with two chapters, the
// steward makes Chen the test chapter's data steward from his page; Chen
// then finds its members on the roster, its export and the API, sees their
// pages whole, and finds nothing of Wes, who is Long Beach's; he may name
// another steward of his chapter, not of Long Beach.
func TestAChapterStewardSeesTheirChapterAlone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		lb := w.twoChapters()
		chen, stella := w.member("4"), w.client("steward")
		if status, page := w.do(stella, "GET", "/members/"+itoa(chen.ID), nil); status != 200 || !strings.Contains(page, `name="chapter"`) || !strings.Contains(page, "Long Beach") {
			t.Fatalf("Chen's page for the steward (%d) offers no chapter to steward", status)
		}
		status, page := w.do(stella, "GET", "/roster?chapter="+itoa(lb.ID), nil)
		if status != 200 || !strings.Contains(page, `id="chapter"`) || !strings.Contains(page, "west@example.org") || strings.Contains(page, "member@example.org") {
			t.Errorf("the steward's roster of Long Beach (%d) is not Wes alone, or offers no chapters", status)
		}
		status, _ = w.do(stella, "POST", "/members/"+itoa(chen.ID)+"/chapter-steward", url.Values{"chapter": {itoa(w.bodies["chapter"].ID)}})
		if status != 303 {
			t.Fatalf("making Chen the chapter's steward: %d", status)
		}
		c := w.client("cochair")
		status, page = w.do(c, "GET", "/roster?chapter="+itoa(lb.ID), nil)
		if status != 200 || !strings.Contains(page, "member@example.org") || strings.Contains(page, "west@example.org") {
			t.Errorf("Chen's roster (%d): shows Wes, or not Mia", status)
		}
		status, csv := w.do(c, "GET", "/roster.csv", nil)
		if status != 200 || !strings.Contains(csv, "member@example.org") || strings.Contains(csv, "west@example.org") {
			t.Errorf("Chen's export (%d): %.200s", status, csv)
		}
		if status, page := w.do(c, "GET", "/members/"+itoa(w.member("5").ID), nil); status != 200 || !strings.Contains(page, "5 Member Ln") || !strings.Contains(page, "Test Chapter") {
			t.Errorf("Mia's page for Chen (%d) lacks her address or chapter", status)
		}
		if status, page := w.do(c, "GET", "/members/"+itoa(w.member("6").ID), nil); status != 404 || strings.Contains(page, "Westside") {
			t.Errorf("Wes's page for Chen: %d", status)
		}
		token, _, err := store.NewAuthService(w.db).CreateAPIToken(ctx, chen.ID, "Chen's script", 30)
		if err != nil {
			t.Fatal(err)
		}
		status, body := w.apiAs(token, "GET", "/api/v1/roster")
		if status != 200 || !strings.Contains(body, "member@example.org") || strings.Contains(body, "west@example.org") {
			t.Errorf("the API's roster for Chen (%d): %.300s", status, body)
		}
		if status, _ := w.apiAs(token, "GET", "/api/v1/members/"+itoa(w.member("6").ID)); status != 404 {
			t.Errorf("the API's Wes for Chen: %d, want 404", status)
		}
		mia := itoa(w.member("5").ID)
		if status, _ := w.do(c, "POST", "/members/"+mia+"/chapter-steward", url.Values{"chapter": {itoa(lb.ID)}}); status != 403 {
			t.Errorf("Chen making Mia Long Beach's steward: %d, want 403", status)
		}
		if status, _ := w.do(c, "POST", "/members/"+mia+"/chapter-steward", url.Values{"chapter": {itoa(w.bodies["chapter"].ID)}}); status != 303 {
			t.Errorf("Chen making Mia his chapter's steward: %d, want 303", status)
		}
		if status, _ := w.do(c, "POST", "/members/"+itoa(chen.ID)+"/chapter-steward", url.Values{"chapter": {""}}); status != 403 {
			t.Errorf("Chen ending his own role: %d, want 403", status)
		}
		if a := w.actor("member"); a.StewardOf != w.bodies["chapter"].ID {
			t.Errorf("Mia stewards chapter %d", a.StewardOf)
		}
	})
}
