package app_test

import (
	"slices"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// dissolvedCommittee makes a Labor committee, runs do while it is
// active, and dissolves it by an adopted proposal.
func (w *votingWorld) dissolvedCommittee(do func(c *rankfile.Body)) *rankfile.Body {
	w.t.Helper()
	c := &rankfile.Body{Kind: rankfile.KindCommittee, Slug: "labor", Name: "Labor", ParentID: w.chapter.ID}
	if err := w.app.Bodies.CreateBody(ctx, c); err != nil {
		w.t.Fatal(err)
	}
	do(c)
	p := &rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: w.chapter.ID, Title: "Dissolve Labor", Dissolves: c.ID}
	if err := w.app.CreateProposal(ctx, w.voter(3), p, nil); err != nil {
		w.t.Fatal(err)
	}
	w.scheduled(p)
	if err := w.app.DecideProposal(ctx, w.admin, p.ID, true, "Adopted"); err != nil {
		w.t.Fatal(err)
	}
	return c
}

// hasBody reports whether a list of bodies holds the one with id.
func hasBody(list []*rankfile.Body, id int64) bool {
	return slices.ContainsFunc(list, func(b *rankfile.Body) bool { return b.ID == id })
}

// TestADissolvedBodyIsOfferedAsNoChoice: the lists forms offer bodies
// from leave a dissolved committee out (but for a record that names it
// already), while the record keeps it.
func TestADissolvedBodyIsOfferedAsNoChoice(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := w.dissolvedCommittee(func(*rankfile.Body) {})
		active, err := w.app.ActiveBodyList(ctx)
		if err != nil || hasBody(active, c.ID) || !hasBody(active, w.chapter.ID) {
			t.Errorf("the choices of bodies: %v; want the chapter without the dissolved committee", err)
		}
		if kept, _ := w.app.ActiveBodyList(ctx, c.ID); !hasBody(kept, c.ID) {
			t.Error("a record's own dissolved body is not among its form's choices")
		}
		if callable, err := w.app.CallableBodies(ctx, w.admin); err != nil || hasBody(callable, c.ID) {
			t.Errorf("an admin may call meetings of the dissolved committee (%v)", err)
		}
		if all, _ := w.app.BodyList(ctx); !hasBody(all, c.ID) {
			t.Error("the record of bodies lost the dissolved committee")
		}
	})
}

// TestNothingNewNamesADissolvedBody: a proposal, an event (as host or
// co-host), an election and a meeting sent for a dissolved committee are
// refused as a conflict and nothing is stored; a record moved to it is
// refused too, while one made before it was dissolved may still change.
func TestNothingNewNamesADissolvedBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		var before *rankfile.Event
		c := w.dissolvedCommittee(func(c *rankfile.Body) {
			before = w.newEvent(func(e *rankfile.Event) { e.BodyID = c.ID })
		})
		draft := &rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: c.ID, Title: "Organize the warehouses"}
		if err := w.app.CreateProposal(ctx, w.voter(3), draft, nil); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a proposal for it: %v, want conflict", err)
		}
		start := w.now.Add(48 * time.Hour)
		for _, e := range []*rankfile.Event{
			{BodyID: c.ID, Kind: rankfile.EventTraining, Title: "Hosted", Address: "1 Union Hall", StartsAt: start, EndsAt: start.Add(time.Hour), Audience: rankfile.AudiencePublic},
			{BodyID: w.chapter.ID, CohostIDs: []int64{c.ID}, Kind: rankfile.EventTraining, Title: "Co-hosted", Address: "1 Union Hall", StartsAt: start, EndsAt: start.Add(time.Hour), Audience: rankfile.AudiencePublic},
		} {
			if _, err := w.app.CreateEvent(ctx, w.admin, e, nil); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
				t.Errorf("the event %q: %v, want conflict", e.Title, err)
			}
		}
		e := &rankfile.Election{Title: "Labor chairs", BodyID: c.ID, Cutoff: rankfile.MustParseDate("2026-11-01"),
			NominationsOpen: w.now.Add(time.Hour), NominationsClose: w.now.Add(48 * time.Hour),
			VotingOpen: w.now.Add(72 * time.Hour), VotingClose: w.now.Add(96 * time.Hour),
			Contests: []*rankfile.Contest{{Title: "Co-chairs", Seats: 2, Method: rankfile.MethodMeek}}}
		if err := w.app.CreateElection(ctx, w.admin, e); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("an election of it: %v, want conflict", err)
		}
		m := w.newMeeting(&rankfile.Proposal{})
		m.BodyID, m.Agenda = c.ID, nil
		if err := w.app.CreateMeeting(ctx, w.admin, m); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a meeting of it: %v, want conflict", err)
		}
		w.checkNothingNamed(c)

		moved := &rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: w.chapter.ID, Title: "Organize the docks"}
		if err := w.app.CreateProposal(ctx, w.voter(3), moved, nil); err != nil {
			t.Fatal(err)
		}
		moved.BodyID = c.ID
		if err := w.app.UpdateProposal(ctx, w.voter(3), moved); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a draft moved to it: %v, want conflict", err)
		}
		before.Title = "Warehouse walk, moved"
		if err := w.app.UpdateEvent(ctx, w.admin, before); err != nil {
			t.Errorf("changing an event it hosted before: %v", err)
		}
		chapterEvent := w.newEvent(nil)
		chapterEvent.CohostIDs = []int64{c.ID}
		if err := w.app.UpdateEvent(ctx, w.admin, chapterEvent); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("an event given it as co-host: %v, want conflict", err)
		}
		w.checkNothingNamed(c)
	})
}

// checkNothingNamed checks that no proposal, election or meeting names the
// dissolved body c, and no event but the one it hosted before.
func (w *votingWorld) checkNothingNamed(c *rankfile.Body) {
	w.t.Helper()
	proposals, _ := w.app.Proposals.FindProposals(ctx, rankfile.ProposalFilter{BodyID: c.ID})
	meetings, _ := w.app.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{BodyID: c.ID})
	elections, _ := w.app.Elections.FindElections(ctx, rankfile.ElectionFilter{})
	events, _ := w.app.Events.FindEvents(ctx, rankfile.EventFilter{})
	named, held := 0, 0
	for _, e := range events {
		if e.BodyID == c.ID || slices.Contains(e.CohostIDs, c.ID) {
			named++
		}
	}
	for _, e := range elections {
		if e.BodyID == c.ID {
			held++
		}
	}
	if len(proposals) != 0 || len(meetings) != 0 || named != 1 || held != 0 {
		w.t.Errorf("stored for the dissolved body: %d proposals, %d meetings, %d events, %d elections; want 0, 0, 1, 0",
			len(proposals), len(meetings), named, held)
	}
}
