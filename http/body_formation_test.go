package http_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// formingDraft writes, through the form, a member's draft that forms the
// Transit Justice working group under the chapter, and returns its id.
func (w *world) formingDraft(author *http.Client) string {
	w.t.Helper()
	form := url.Values{"kind": {"new_body"}, "body_id": {itoa(w.bodies["chapter"].ID)}, "title": {"Form Transit Justice"},
		"description": {"A working group for fare-free transit."}, "bodies": {"forms"}, "forms_kind": {"working_group"},
		"forms_name": {"Housing"}, "forms_parent": {itoa(w.bodies["chapter"].ID)}, "dissolves": {""}}
	status, page := w.do(author, "POST", "/proposals", form)
	if status != http.StatusConflict || !strings.Contains(page, "there is a body named") ||
		!strings.Contains(page, `value="forms" checked`) || !strings.Contains(page, `value="Housing"`) {
		w.t.Fatalf("a draft forming a body named as one there is: %d, the form lost what was typed:\n%s", status,
			between(page, "<main", "</form>"))
	}
	form.Set("forms_name", "Transit Justice")
	if status, _ := w.do(author, "POST", "/proposals", form); status != http.StatusSeeOther {
		w.t.Fatalf("writing the draft: %d", status)
	}
	list, _ := w.app.Proposals.FindProposals(ctx, rankfile.ProposalFilter{Status: rankfile.ProposalDraft, VisibleTo: w.member("5").ID})
	if len(list) == 0 || list[0].Forms == nil || list[0].Forms.Name != "Transit Justice" {
		w.t.Fatalf("the draft as stored: %+v", list)
	}
	return itoa(list[0].ID)
}

// TestAProposalFormsAWorkingGroupThroughThePages writes a draft that forms
// a working group, has it adopted through the deciding body's pages, and
// follows the links between the proposal and the body it formed, whose
// first co-chair is the author.
func TestAProposalFormsAWorkingGroupThroughThePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		author, admin := w.client("member"), w.client("admin")
		id := w.formingDraft(author)
		_, page := w.do(author, "GET", "/proposals/"+id, nil)
		if !strings.Contains(page, "If adopted, it forms the working group Transit Justice, part of Test Chapter.") {
			t.Errorf("the draft's page does not say what it forms:\n%s", between(page, "<main", "</main>"))
		}
		_, page = w.do(author, "GET", "/proposals/"+id+"/edit", nil)
		if !strings.Contains(page, `value="forms" checked`) || !strings.Contains(page, `value="Transit Justice"`) {
			t.Errorf("the edit form lost what the draft forms:\n%s", between(page, "<fieldset", "</fieldset>"))
		}
		n, _ := rankfileID(id)
		for _, step := range []*rankfile.ProposalStep{
			rankfile.NewProposalStep(rankfile.ProposalDraft, rankfile.ProposalCollecting, ""),
			rankfile.NewProposalStep(rankfile.ProposalCollecting, rankfile.ProposalQualified, "enough signed"),
		} {
			if err := w.app.Proposals.StepProposal(ctx, n, step); err != nil {
				t.Fatal(err)
			}
		}
		next := &rankfile.Meeting{BodyID: w.bodies["chapter"].ID, Kind: rankfile.MeetingChapter, Title: "Next general meeting",
			StartsAt: time.Now().Add(7 * 24 * time.Hour), Format: rankfile.Online, Sessions: []*rankfile.MeetingSession{{Name: "Online"}}}
		if err := w.app.CreateMeeting(ctx, &rankfile.Actor{Member: w.member("2"), Admin: true}, next); err != nil {
			t.Fatal(err)
		}
		if status, _ := w.do(admin, "POST", "/proposals/"+id+"/schedule", url.Values{"meeting": {itoa(next.ID)}}); status != http.StatusSeeOther {
			t.Fatalf("scheduling: %d", status)
		}
		if status, _ := w.do(admin, "POST", "/proposals/"+id+"/adopted", url.Values{"note": {"Carried"}}); status != http.StatusSeeOther {
			t.Fatalf("adopting: %d", status)
		}
		_, page = w.do(author, "GET", "/proposals/"+id, nil)
		if !strings.Contains(page, `Formed: <a href="/bodies/transit-justice">Transit Justice</a>`) {
			t.Errorf("the adopted proposal does not link the body it formed:\n%s", between(page, "<main", "</main>"))
		}
		_, page = w.do(author, "GET", "/bodies/transit-justice", nil)
		if !strings.Contains(page, `Formed by <a href="/proposals/`+id+`">proposal #`+id+`</a>, adopted `) ||
			!strings.Contains(between(page, `class="seats"`, "</dl>"), "Mia Member") {
			t.Errorf("the body's page lacks its decision or its interim co-chair:\n%s", between(page, "<main", "</main>"))
		}
		if _, page = w.do(author, "GET", "/bodies", nil); !strings.Contains(page, `href="/bodies/transit-justice"`) {
			t.Errorf("the directory does not list the body formed")
		}
		w.checkAPIFormed(id)
	})
}

// rankfileID reads an id written by itoa.
func rankfileID(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }

// checkAPIFormed checks that the API's proposal carries what it forms and
// the body it formed (checkAPI holds each answer to openapi.json).
func (w *world) checkAPIFormed(id string) {
	w.t.Helper()
	status, body := w.doBody("GET", "/api/v1/proposals/"+id, "", "Authorization", "Bearer "+w.token("member"))
	var page struct {
		Proposal rankfile.Proposal
		Formed   *rankfile.Body
	}
	if err := json.Unmarshal([]byte(body), &page); status != http.StatusOK || err != nil || page.Proposal.Forms == nil ||
		page.Proposal.Forms.Kind != rankfile.KindWorkingGroup || page.Formed == nil || page.Formed.Slug != "transit-justice" {
		w.t.Errorf("the API's proposal: %d %v %s", status, err, body)
	}
}

// TestTheFormationFormAndTheBodyFitAPhone opens, 390 pixels wide, in
// English and in Spanish, the draft's form with what it forms and the page
// of a working group formed by a decision.
func TestTheFormationFormAndTheBodyFitAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	id := w.formingDraft(w.client("member"))
	n, _ := rankfileID(id)
	for _, step := range []*rankfile.ProposalStep{
		rankfile.NewProposalStep(rankfile.ProposalDraft, rankfile.ProposalCollecting, ""),
		rankfile.NewProposalStep(rankfile.ProposalCollecting, rankfile.ProposalQualified, ""),
		rankfile.NewProposalStep(rankfile.ProposalQualified, rankfile.ProposalScheduled, ""),
	} {
		if err := w.app.Proposals.StepProposal(ctx, n, step); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.app.DecideProposal(ctx, w.actor("admin"), n, true, "Carried"); err != nil {
		t.Fatal(err)
	}
	other := w.formingDraftNamed("Bike Lanes")
	ctx := browser(t)
	do(t, ctx, "a phone 390 pixels wide, signed in as the author",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink("member")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")))
	for _, lang := range []string{"en", "es"} {
		if lang == "es" {
			do(t, ctx, "switching to Spanish", chromedp.Navigate(w.srv.URL+"/bodies"),
				click(`.languages button[value="es"]`),
				chromedp.WaitVisible(chromedp.CSS(`html[lang="es"]`)))
		}
		for _, page := range []struct{ path, ready string }{
			{"/proposals/" + other + "/edit", "fieldset.formation"}, {"/bodies/transit-justice", "p.formed"},
		} {
			do(t, ctx, page.path, chromedp.Navigate(w.srv.URL+page.path), chromedp.WaitVisible(chromedp.CSS(page.ready)))
			fitsThePhone(t, ctx, page.path)
			screenshot(t, ctx, lang+strings.ReplaceAll(page.path, "/", "-")+".png")
		}
		want := map[string]string{"en": "Formed by proposal #" + id, "es": "Formado por la propuesta n.º " + id}[lang]
		if got := text(t, ctx, "p.formed"); !strings.HasPrefix(got, want) {
			t.Errorf("%s: the body's page says %q, want %q...", lang, got, want)
		}
	}
}

// formingDraftNamed stores, as the member, a draft forming a working group
// of the name under the chapter, and returns its id.
func (w *world) formingDraftNamed(name string) string {
	w.t.Helper()
	p := &rankfile.Proposal{Kind: rankfile.ProposalNewBody, BodyID: w.bodies["chapter"].ID, Title: "Form " + name,
		Forms: &rankfile.BodyFormation{Kind: rankfile.KindWorkingGroup, Name: name, ParentID: w.bodies["chapter"].ID, CoChairs: 3}}
	if err := w.app.CreateProposal(ctx, w.actor("member"), p, nil); err != nil {
		w.t.Fatal(err)
	}
	return itoa(p.ID)
}
