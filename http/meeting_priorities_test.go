package http_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestAClosedPrioritiesVoteShowsItsPrioritiesOnTheMeetingsPage closes
// the convention's priorities vote: the meeting's page then lists the
// priorities adopted, in the count's order, and links to the count's
// record, in English and in Spanish.
func TestAClosedPrioritiesVoteShowsItsPrioritiesOnTheMeetingsPage(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	m, ids := w.convention()
	v, err := w.app.OpenPrioritiesVote(ctx, w.actor("coordinator"), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := "/meetings/" + itoa(m.ID)
	if _, page := w.do(w.client("member"), "GET", path, nil); strings.Contains(page, `<section class="priorities"`) {
		t.Errorf("the meeting's page shows priorities while the vote is open")
	}
	for role, ranking := range map[string][]int{"steward": {3, 0}, "admin": {3, 2}, "member": {0, 3}, "other-branch": {2}} {
		if _, err := w.app.CastMeetingVote(ctx, w.actor(role), m.ID, v.ID, ranking); err != nil {
			t.Fatal(err)
		}
	}
	closed, err := w.app.CloseVote(ctx, w.actor("coordinator"), m.ID, v.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	adopted, err := w.app.ChapterPriorities(ctx, w.actor("member"), w.bodies["chapter"].ID)
	if err != nil || adopted == nil {
		t.Fatalf("the chapter's priorities: %v, %v", adopted, err)
	}
	var links []string
	for _, i := range closed.Result.Winners {
		links = append(links, `<a href="/proposals/`+itoa(ids[i])+`">`)
	}
	for lang, heading := range map[string]string{"en": "Next year&#39;s priorities", "es": "Las prioridades del próximo año"} {
		_, page := w.do(w.client("member"), "GET", path, nil, "Cookie", "rankfile_lang="+lang)
		section := between(page, `<section class="priorities" aria-labelledby="priorities-h">`, "</section>")
		if missing := lacks(section, `<h2 id="priorities-h">`+heading+`</h2>`, `href="/priorities/`+itoa(adopted.ID)+`"`); len(missing) > 0 {
			t.Errorf("in %s the meeting's priorities lack %q:\n%s", lang, missing, section)
		}
		at := -1
		for _, link := range links {
			next := strings.Index(section, link)
			if next <= at {
				t.Errorf("in %s the priorities are not listed in the count's order %v:\n%s", lang, links, section)
				break
			}
			at = next
		}
	}
}
