package http_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// dissolved makes a Labor committee under the chapter and dissolves it by
// an adopted proposal.
func (w *world) dissolved() *rankfile.Body {
	w.t.Helper()
	c := w.body(&rankfile.Body{Kind: rankfile.KindCommittee, Slug: "labor", Name: "Labor", ParentID: w.bodies["chapter"].ID})
	p := &rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: w.bodies["chapter"].ID, Title: "Dissolve Labor", Dissolves: c.ID}
	if err := w.app.CreateProposal(ctx, w.actor("admin"), p, nil); err != nil {
		w.t.Fatal(err)
	}
	step := rankfile.NewProposalStep(rankfile.ProposalDraft, rankfile.ProposalAdopted, "adopted").Adopting(p)
	if err := w.app.Proposals.StepProposal(ctx, p.ID, step); err != nil {
		w.t.Fatal(err)
	}
	return c
}

// formsNamingBodies are the pages whose forms offer bodies as choices, by
// who reads them.
var formsNamingBodies = map[string][]string{
	"admin":   {"/proposals/new", "/events/new", "/events", "/meetings/new", "/elections/new"},
	"steward": {"/roster"},
}

// TestADissolvedBodyIsNoChoiceOnAnyForm: once the Labor committee is
// dissolved, no form offers it (who decides a proposal, an event's host
// and co-hosts, the calendar's and the roster's filters, the body of a
// meeting or an election), though its page remains; a proposal or an
// event sent for it anyway is refused and nothing is stored.
func TestADissolvedBodyIsNoChoiceOnAnyForm(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		c := w.client("admin")
		if _, page := w.do(c, "GET", "/proposals/new", nil); strings.Contains(page, ">Labor<") {
			t.Fatal("the form offers Labor before there is one")
		}
		labor := w.dissolved()
		for role, paths := range formsNamingBodies {
			for _, path := range paths {
				status, page := w.do(w.client(role), "GET", path, nil)
				if status != 200 || strings.Contains(page, "Labor") {
					t.Errorf("%s (%d) offers the dissolved committee", path, status)
				}
			}
		}
		if status, page := w.do(c, "GET", "/bodies/labor", nil); status != 200 || !strings.Contains(page, "Labor") {
			t.Errorf("the dissolved committee's page: %d", status)
		}
		before, _ := w.app.Proposals.FindProposals(ctx, rankfile.ProposalFilter{BodyID: labor.ID})
		status, page := w.do(c, "POST", "/proposals", url.Values{"kind": {"other"}, "body_id": {itoa(labor.ID)},
			"title": {"Organize the warehouses"}, "description": {"We organize."}})
		after, _ := w.app.Proposals.FindProposals(ctx, rankfile.ProposalFilter{BodyID: labor.ID})
		if status != 409 || !strings.Contains(page, "Labor was dissolved on") || len(after) != len(before) {
			t.Errorf("a proposal posted for it: %d, %d proposals stored; want 409 and none\n%s", status, len(after)-len(before), between(page, "<main", "</main>"))
		}
		event := url.Values{"body_id": {itoa(labor.ID)}, "kind": {"training"}, "audience": {"public"},
			"title": {"Warehouse walk"}, "starts_at": {"2030-01-10T18:00"}, "ends_at": {"2030-01-10T20:00"}, "address": {"1 Union Hall"}, "zone": {"America/Los_Angeles"}}
		status, page = w.do(c, "POST", "/events", event)
		if events, _ := w.app.Events.FindEvents(ctx, rankfile.EventFilter{BodyID: labor.ID}); status != 409 || len(events) != 0 {
			t.Errorf("an event posted for it: %d, %d stored\n%s", status, len(events), between(page, "<main", "</main>"))
		}
		event.Set("body_id", itoa(w.bodies["chapter"].ID))
		if status, _ = w.do(c, "POST", "/events", event); status != 303 {
			t.Errorf("the same event posted for the chapter: %d", status)
		}
	})
}
