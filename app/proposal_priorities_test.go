package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// newConvention makes the chapter's convention, taking submissions until
// lastDay.
func (w *votingWorld) newConvention(lastDay string) *rankfile.Body {
	w.t.Helper()
	c := &rankfile.Body{Kind: rankfile.KindConvention, Slug: "convention-2027", Name: "2027 Convention", ParentID: w.chapter.ID}
	if err := w.app.Bodies.CreateBody(ctx, c); err != nil {
		w.t.Fatal(err)
	}
	if err := w.db.SetSetting(ctx, rankfile.SubmissionsClose(c.Slug), lastDay); err != nil {
		w.t.Fatal(err)
	}
	if err := w.db.SetSetting(ctx, "signatures_needed."+c.Slug, "1"); err != nil {
		w.t.Fatal(err)
	}
	return c
}

// TestAConventionTakesResolutionsUntilItsDeadline checks the kinds a
// convention takes and its last day for them.
func TestAConventionTakesResolutionsUntilItsDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := w.newConvention("2026-11-10") // the world's today is 2 November
		campaign := &rankfile.Proposal{Kind: rankfile.ProposalCampaign, BodyID: c.ID, Title: "A campaign"}
		err := w.app.CreateProposal(ctx, w.voter(3), campaign, nil)
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "resolutions and bylaws amendments only") {
			t.Errorf("a campaign before the convention: %v", err)
		}
		bylaws := &rankfile.Proposal{Kind: rankfile.ProposalBylaws, BodyID: c.ID, Title: "Two-year terms",
			Text: rankfile.ProposalText{Resolved: []string{"Officers serve two years."}}}
		if err := w.app.CreateProposal(ctx, w.voter(3), bylaws, nil); err != nil {
			t.Fatal(err)
		}
		w.now = time.Date(2026, 11, 10, 23, 59, 0, 0, w.now.Location())
		late := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: c.ID, Title: "Late",
			Text: rankfile.ProposalText{Resolved: []string{"Something."}}}
		if err := w.app.CreateProposal(ctx, w.voter(3), late, nil); err != nil {
			t.Errorf("a resolution on the last day: %v", err)
		}
		w.now = w.now.Add(2 * time.Minute) // 11 November
		err = w.app.OpenSignatures(ctx, w.voter(3), bylaws.ID, w.now.Add(24*time.Hour))
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), "until 2026-11-10") {
			t.Errorf("opening a bylaws amendment after the deadline: %v", err)
		}
		if s := w.proposal(w.voter(3), bylaws.ID).Proposal.Status; s != rankfile.ProposalDraft {
			t.Errorf("the refused proposal is %s", s)
		}
	})
}

// TestPrioritiesAreCountedBySTVWithThreeSeats has the convention's
// delegates rank five resolutions on its agenda; STV with three seats
// adopts three as the next year's priorities.
func TestPrioritiesAreCountedBySTVWithThreeSeats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := w.newConvention("2026-12-01")
		session := &rankfile.Meeting{BodyID: c.ID, Kind: rankfile.MeetingConvention, Title: "Convention, priorities vote",
			StartsAt: w.now.Add(72 * time.Hour), Format: rankfile.InPerson, Sessions: []*rankfile.MeetingSession{{Name: "Plenary"}}}
		if err := w.app.CreateMeeting(ctx, w.admin, session); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for i, title := range []string{"Housing", "Labor", "Ecosocialism", "Healthcare", "Electoral"} {
			p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: c.ID, Title: title,
				Text: rankfile.ProposalText{Resolved: []string{title + " is a priority."}}}
			if err := w.app.CreateProposal(ctx, w.voter(3), p, nil); err != nil {
				t.Fatal(err)
			}
			if err := w.app.OpenSignatures(ctx, w.voter(3), p.ID, w.now.Add(24*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if err := w.app.Sign(ctx, w.voter(20+i), p.ID, false); err != nil {
				t.Fatal(err)
			}
			if err := w.app.ScheduleProposal(ctx, w.admin, p.ID, session.ID); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, p.ID)
		}
		// 20 delegates: Housing 6 first choices, Labor 5, Ecosocialism 4,
		// Healthcare 3 (who go on to Ecosocialism), Electoral 2 (to Labor).
		var rankings [][]int64
		add := func(n int, r ...int) {
			for range n {
				var ranking []int64
				for _, i := range r {
					ranking = append(ranking, ids[i])
				}
				rankings = append(rankings, ranking)
			}
		}
		add(6, 0, 1)
		add(5, 1, 0)
		add(4, 2)
		add(3, 3, 2)
		add(2, 4, 1)
		if _, _, err := w.app.CountPriorities(ctx, w.voter(30), c.ID, rankings, "2027"); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member counting the priorities: %v; want forbidden", err)
		}
		if _, _, err := w.app.CountPriorities(ctx, w.admin, c.ID, [][]int64{{ids[0], ids[0]}}, "2027"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a ballot ranking a resolution twice: %v; want invalid", err)
		}
		rep, adopted, err := w.app.CountPriorities(ctx, w.admin, c.ID, rankings, "2027")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range adopted {
			got = append(got, p.Title)
		}
		if fmt.Sprint(got) != "[Housing Labor Ecosocialism]" || len(rep.Elected) != 3 {
			t.Errorf("adopted priorities: %v", got)
		}
		for i, id := range ids {
			want := rankfile.ProposalScheduled
			if i < 3 {
				want = rankfile.ProposalAdopted
			}
			if s := w.proposal(w.admin, id).Proposal.Status; s != want {
				t.Errorf("%s is %s; want %s", w.proposal(w.admin, id).Proposal.Title, s, want)
			}
		}
	})
}
