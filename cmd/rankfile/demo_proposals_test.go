package main

import (
	"context"
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoProposals checks the demo has a proposal at every stage, and
// that member@example.org can sign the resolution two short of its
// threshold, which her signature and one more qualify.
func checkDemoProposals(t *testing.T, dsn string) {
	ctx := context.Background()
	db := storetest.Open(t, dsn)
	if err := db.LoadSettings(ctx); err != nil {
		t.Fatal(err)
	}
	web := appServices(db)
	member, err := web.Members.FindMember(ctx, rankfile.MemberFilter{Email: "member@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	me := &rankfile.Actor{Member: member}
	all, err := web.ListProposals(ctx, me, "")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[rankfile.ProposalStatus]bool{}
	var near *rankfile.Proposal
	for _, p := range all {
		seen[p.Status] = true
		if p.Status == rankfile.ProposalCollecting && p.Threshold-p.Signatures.Valid == 2 {
			near = p
		}
	}
	for _, s := range rankfile.ProposalStatuses {
		if !seen[s] {
			t.Errorf("the demo has no proposal that is %s", s)
		}
	}
	if near == nil {
		t.Fatal("the demo has no proposal two signatures short of its threshold")
	}
	page, err := web.Proposal(ctx, me, near.ID)
	if err != nil || !page.CanSign || near.Version != 2 || len(page.Amendments) != 2 || len(page.Comments) != 2 {
		t.Fatalf("member@example.org on %q: %v, may sign %v, version %d, %d amendments, %d comments",
			near.Title, err, page != nil && page.CanSign, near.Version, len(page.Amendments), len(page.Comments))
	}
	if err := web.Sign(ctx, me, near.ID, false); err != nil {
		t.Fatal(err)
	}
	checkDemoFormedBody(t, web, me)
}

// checkDemoFormedBody checks that an adopted proposal formed a working
// group the directory lists, its author its interim co-chair.
func checkDemoFormedBody(t *testing.T, web *rfapp.App, me *rankfile.Actor) {
	ctx := context.Background()
	b, err := web.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "strike-support"})
	if err != nil || b.FormedBy == 0 || b.Kind != rankfile.KindWorkingGroup {
		t.Fatalf("the working group a proposal formed: %+v, %v", b, err)
	}
	page, err := web.BodyPage(ctx, me, b.Slug, 1)
	if err != nil || len(page.Seats) != 1 || len(page.Seats[0].Holders) != 1 || page.FormedOn.IsZero() {
		t.Errorf("its page: %+v, %v; want one interim co-chair and the day it was formed", page, err)
	}
	tree, err := web.Directory(ctx, me)
	listed := false
	tree.Walk(func(n *rankfile.BodyNode, _ int) { listed = listed || n.Body.ID == b.ID })
	if err != nil || !listed {
		t.Errorf("the directory does not list it: %v", err)
	}
}

// checkDemoMeetings checks the demo's meetings: last month's decided the
// resolution on its agenda by a vote of its five sessions, part of it
// counted by hand, and has minutes; this month's is quorate, chaired in
// Central by the coordinator, who can open a vote on which
// member@example.org, once checked in, votes.
func checkDemoMeetings(t *testing.T, dsn string) {
	ctx := context.Background()
	db := storetest.Open(t, dsn)
	web := appServices(db)
	actor := func(email string) *rankfile.Actor {
		m, err := web.Members.FindMember(ctx, rankfile.MemberFilter{Email: email})
		if err != nil {
			t.Fatal(err)
		}
		return &rankfile.Actor{Member: m}
	}
	coordinator, me := actor("coordinator@example.org"), actor("member@example.org")
	list, err := web.ListMeetings(ctx, me)
	if err != nil || len(list) != 4 {
		t.Fatalf("the demo's meetings: %d, %v", len(list), err)
	}
	if list[0].Title != "September general meeting" || len(list[0].Agenda) != 3 {
		t.Errorf("the first meeting is %q with %d items, want September's that decided three proposals", list[0].Title, len(list[0].Agenda))
	}
	checkDemoDissolved(t, web)
	checkDemoChoices(t, web)
	checkDemoPriorities(t, web, me, list[1])
	list = append(list[:1], list[2:]...)
	past, err := web.Meeting(ctx, coordinator, list[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(past.Meeting.Sessions) != 5 || len(past.Votes) != 4 || past.Meeting.Minutes.Text == "" {
		t.Errorf("last month's meeting: %d sessions, %d votes, minutes %q", len(past.Meeting.Sessions), len(past.Votes), past.Meeting.Minutes.Text)
	}
	for i, v := range past.Votes { // the third, on an endorsement, fell short of two thirds
		if v.Result == nil || v.Result.Carried != (i != 2) || v.Result.Combined.Room != 5 {
			t.Errorf("last month's vote %q: %+v", v.Question, v.Result)
		}
	}
	p, err := web.Proposal(ctx, me, past.Votes[0].ProposalID)
	if err != nil || p.Proposal.Status != rankfile.ProposalAdopted {
		t.Errorf("the resolution the meeting voted on: %v", err)
	}
	next, err := web.Meeting(ctx, coordinator, list[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	checkDemoAgenda(t, web, me, next.Meeting)
	if !next.Quorate() || len(next.Hosting) != 1 || next.Hosting[0].Name != "Central" {
		t.Fatalf("this month's meeting: quorate %v, the coordinator hosts %v", next.Quorate(), next.Hosting)
	}
	if _, err := web.SelfCheckIn(ctx, me, next.Meeting.ID, next.Hosting[0].Code); err != nil {
		t.Fatal(err)
	}
	v := &rankfile.MeetingVote{AgendaItemID: next.Meeting.Agenda[2].ID, Kind: rankfile.VoteYesNo, Question: "Support the strike?"}
	if err := web.OpenVote(ctx, coordinator, next.Meeting.ID, v); err != nil {
		t.Fatal(err)
	}
	if _, err := web.CastMeetingVote(ctx, me, next.Meeting.ID, v.ID, []int{rankfile.OptionYes}); err != nil {
		t.Errorf("member@example.org voting at this month's meeting: %v", err)
	}
}

// checkDemoPriorities checks the demo's convention: its priorities vote
// adopted three resolutions, which the chapter's page shows with the
// count's record, recounted to the same result.
func checkDemoPriorities(t *testing.T, web *rfapp.App, me *rankfile.Actor, convention *rankfile.Meeting) {
	ctx := context.Background()
	chapter, err := web.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "los-angeles-chapter"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := web.ChapterPriorities(ctx, me, chapter.ID)
	if err != nil || p == nil || len(p.Adopted) != rankfile.PrioritySeats || p.MeetingID != convention.ID {
		t.Fatalf("the chapter's priorities: %+v, %v (the convention %q)", p, err, convention.Title)
	}
	votes, err := web.MeetingVotes(ctx, me, convention.ID)
	if err != nil || len(votes) != 1 || !votes[0].AdoptsPriorities() {
		t.Fatalf("the convention's votes: %v, %v", votes, err)
	}
	rep, err := rfapp.RecountPriorities(p)
	for i, winner := range votes[0].Result.Winners {
		if err != nil || p.Adopted[i].ProposalID != votes[0].OptionProposals[winner] || rep.Elected[i] != winner {
			t.Errorf("priority %d: %+v, recounted %v, %v; the vote elected %v", i+1, p.Adopted[i], rep.Elected, err, votes[0].Result.Winners)
		}
	}
}

// checkDemoAgenda checks the agenda the demo built for this month's
// meeting after calling it: the minutes' approval moved to the top, and
// the endorsement that qualified, scheduled for it and showing so.
func checkDemoAgenda(t *testing.T, web *rfapp.App, me *rankfile.Actor, m *rankfile.Meeting) {
	var got []string
	for _, item := range m.Agenda {
		got = append(got, string(item.Kind)+" "+item.Title)
	}
	want := []string{"motion Approve the minutes of the October general meeting", "report Branch reports",
		"motion Support the port truckers' strike", "proposal Endorse the renters' protection ballot measure",
		"proposal Endorse Dana Whitfield for California State Assembly, District 52"}
	if !slices.Equal(got, want) {
		t.Fatalf("this month's agenda %q, want %q", got, want)
	}
	p, err := web.Proposal(context.Background(), me, m.Agenda[3].ProposalID)
	if err != nil || p.Proposal.Status != rankfile.ProposalScheduled || p.Meeting == nil || p.Meeting.ID != m.ID {
		t.Errorf("the endorsement on the agenda: %v, %+v", err, p)
	}
}

// checkDemoDissolved checks that the September meeting dissolved Census
// Outreach: its page remains, no form offers it.
func checkDemoDissolved(t *testing.T, web *rfapp.App) {
	ctx := context.Background()
	b, err := web.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "census-outreach"})
	if err != nil || !b.Dissolved() {
		t.Fatalf("Census Outreach: %+v, %v; want dissolved", b, err)
	}
	choices, err := web.ActiveBodyList(ctx)
	if err != nil || slices.ContainsFunc(choices, func(c *rankfile.Body) bool { return c.ID == b.ID }) {
		t.Errorf("the forms offer the dissolved Census Outreach (%v)", err)
	}
}

// checkDemoChoices checks that member@example.org's page shows her own
// choices in its history.
func checkDemoChoices(t *testing.T, web *rfapp.App) {
	ctx := context.Background()
	m, err := web.Members.FindMember(ctx, rankfile.MemberFilter{Email: "member@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	history, err := web.Members.MemberHistory(ctx, m.ID)
	if err != nil || !slices.ContainsFunc(history, func(c *rankfile.MemberChange) bool {
		return c.Kind == rankfile.ChangePreferences && c.Note == "language en, mail Yes, do not call true, weekly email true"
	}) {
		t.Errorf("member@example.org's history lacks her choices (%v)", err)
	}
}
