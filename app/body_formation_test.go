package app_test

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// formingProposal has voter 3 write a proposal that forms a working group
// under the chapter, with voter 4 as a co-author who accepts.
func (w *votingWorld) formingProposal(name string) *rankfile.Proposal {
	w.t.Helper()
	p := &rankfile.Proposal{Kind: rankfile.ProposalNewBody, BodyID: w.chapter.ID, Title: "Form the " + name,
		Text:  rankfile.ProposalText{Description: "A working group on " + name + "."},
		Forms: &rankfile.BodyFormation{Kind: rankfile.KindWorkingGroup, Name: name, ParentID: w.chapter.ID}}
	if err := w.app.CreateProposal(ctx, w.voter(3), p, []string{"voter4@example.org"}); err != nil {
		w.t.Fatal(err)
	}
	if err := w.app.AcceptAuthorship(ctx, w.voter(4), p.ID); err != nil {
		w.t.Fatal(err)
	}
	return p
}

// scheduled qualifies p and puts it on a meeting's agenda.
func (w *votingWorld) scheduled(p *rankfile.Proposal) {
	w.t.Helper()
	w.qualify(p, 2)
	if err := w.app.CreateMeeting(ctx, w.admin, w.newMeeting(p)); err != nil {
		w.t.Fatal(err)
	}
}

// formedBy returns the body p formed, or nil.
func (w *votingWorld) formedBy(p *rankfile.Proposal) *rankfile.Body {
	w.t.Helper()
	b, err := w.app.Bodies.FindBody(ctx, rankfile.BodyFilter{FormedBy: p.ID})
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return nil
	} else if err != nil {
		w.t.Fatal(err)
	}
	return b
}

// TestADraftThatFormsOrDissolvesABodyIsChecked checks what a draft may
// say of bodies: a free name and an active parent for the body it forms,
// an active committee or working group for the one it dissolves.
func TestADraftThatFormsOrDissolvesABodyIsChecked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		form := func(name string, parent int64) *rankfile.Proposal {
			return &rankfile.Proposal{Kind: rankfile.ProposalNewBody, BodyID: w.chapter.ID, Title: "Form it",
				Forms: &rankfile.BodyFormation{Kind: rankfile.KindCommittee, Name: name, ParentID: parent}}
		}
		for name, c := range map[string]struct {
			p    *rankfile.Proposal
			want string
		}{
			"a name an active body has":  {form(" test chapter ", w.chapter.ID), rankfile.ECONFLICT},
			"a parent that is not there": {form("Labor", 9999), rankfile.EINVALID},
			"a caucus":                   {&rankfile.Proposal{Kind: rankfile.ProposalNewBody, BodyID: w.chapter.ID, Title: "x", Forms: &rankfile.BodyFormation{Kind: rankfile.KindCaucus, Name: "x", ParentID: w.chapter.ID}}, rankfile.EINVALID},
			"dissolving the chapter":     {&rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: w.chapter.ID, Title: "x", Dissolves: w.chapter.ID}, rankfile.EINVALID},
			"dissolving nothing there":   {&rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: w.chapter.ID, Title: "x", Dissolves: 9999}, rankfile.EINVALID},
		} {
			if err := w.app.CreateProposal(ctx, w.voter(3), c.p, nil); rankfile.ErrorCode(err) != c.want {
				t.Errorf("%s: %v, want %s", name, err, c.want)
			}
		}
		if list, _ := w.app.Proposals.FindProposals(ctx, rankfile.ProposalFilter{}); len(list) != 0 {
			t.Errorf("refused drafts were stored: %d", len(list))
		}
	})
}

// TestAnAdoptedProposalFormsItsBody adopts, by a meeting's vote, a
// proposal that forms a working group: the body is formed in the vote's
// transaction with its default seats, its authors hold the co-chair
// seats from that day and it records the decision. A rejected proposal
// forms nothing, and an adoption whose body cannot be formed (its name
// taken meanwhile) is refused whole.
func TestAnAdoptedProposalFormsItsBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		rejected := w.formingProposal("Rent Strike")
		w.scheduled(rejected)
		if err := w.app.DecideProposal(ctx, w.admin, rejected.ID, false, "Not now"); err != nil {
			t.Fatal(err)
		}
		if b := w.formedBy(rejected); b != nil {
			t.Errorf("a rejected proposal formed %+v", b)
		}

		taken := w.formingProposal("Tenant Power")
		w.scheduled(taken)
		squatter := &rankfile.Body{Kind: rankfile.KindCommittee, Slug: "tenants", Name: "Tenant power", ParentID: w.chapter.ID}
		if err := w.app.Bodies.CreateBody(ctx, squatter); err != nil {
			t.Fatal(err)
		}
		if err := w.app.DecideProposal(ctx, w.admin, taken.ID, true, "Adopted"); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("adopting when the name is taken: %v, want conflict", err)
		}
		if page := w.proposal(w.voter(3), taken.ID); page.Proposal.Status != rankfile.ProposalScheduled || w.formedBy(taken) != nil {
			t.Errorf("a refused adoption left %s, formed %+v", page.Proposal.Status, w.formedBy(taken))
		}

		p := w.formingProposal("Housing Justice")
		m := w.heldMeeting(p, span(10, 19), span(20, 28))
		v := &rankfile.MeetingVote{AgendaItemID: m.Agenda[1].ID}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != nil {
			t.Fatal(err)
		}
		for _, n := range span(10, 16) {
			w.vote(m, v, n, rankfile.OptionYes)
		}
		if _, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, true); err != nil {
			t.Fatal(err)
		}
		w.checkFormed(p)
	})
}

// checkFormed checks the working group p formed: its kind, parent, seats,
// interim co-chairs (p's two authors) and the link to p both ways.
func (w *votingWorld) checkFormed(p *rankfile.Proposal) *rankfile.Body {
	w.t.Helper()
	b := w.formedBy(p)
	if b == nil || b.Kind != rankfile.KindWorkingGroup || b.ParentID != w.chapter.ID || b.Slug != "housing-justice" ||
		b.Joining != rankfile.JoinOpen || !b.CreatedAt.Equal(w.now) {
		w.t.Fatalf("the body formed: %+v", b)
	}
	seats, err := w.app.Bodies.FindSeats(ctx, b.ID)
	if err != nil || len(seats) != 1 || seats[0].Title != rankfile.SeatCoChair || seats[0].Count != 2 {
		w.t.Errorf("its seats: %+v, %v", seats, err)
	}
	held, err := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: b.ID, ActiveOn: w.app.Today()})
	var holders []int64
	for _, pos := range held {
		if pos.SeatID == seats[0].ID {
			holders = append(holders, pos.MemberID)
		}
	}
	if err != nil || !slices.Equal(holders, []int64{w.member(3).ID, w.member(4).ID}) {
		w.t.Errorf("its co-chairs: %v, %v; want the authors, voters 3 and 4", holders, err)
	}
	if page := w.proposal(w.voter(30), p.ID); page.Proposal.Status != rankfile.ProposalAdopted || page.Formed == nil ||
		page.Formed.ID != b.ID || page.FormsUnder == nil || page.FormsUnder.ID != w.chapter.ID {
		w.t.Errorf("the proposal's page: %s, formed %+v under %+v", page.Proposal.Status, page.Formed, page.FormsUnder)
	}
	return b
}

// TestAnAdoptedProposalDissolvesItsBody dissolves a committee by a
// decision: it is kept, with its seats' past holders, but leaves the
// directory, takes no members and holds no new meetings.
func TestAnAdoptedProposalDissolvesItsBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := &rankfile.Body{Kind: rankfile.KindCommittee, Slug: "labor", Name: "Labor", ParentID: w.chapter.ID, Joining: rankfile.JoinByRequest}
		if err := w.app.Bodies.CreateBody(ctx, c); err != nil {
			t.Fatal(err)
		}
		seats, _ := w.app.Bodies.FindSeats(ctx, c.ID)
		chair := &rankfile.Position{MemberID: w.member(7).ID, BodyID: c.ID, SeatID: seats[0].ID, StartOn: rankfile.MustParseDate("2026-01-01")}
		if err := w.app.Bodies.CreatePosition(ctx, chair); err != nil {
			t.Fatal(err)
		}
		if err := w.app.RequestToJoin(ctx, w.voter(9), "labor"); err != nil {
			t.Fatal(err)
		}
		p := &rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: w.chapter.ID, Title: "Dissolve Labor", Dissolves: c.ID}
		if err := w.app.CreateProposal(ctx, w.voter(3), p, nil); err != nil {
			t.Fatal(err)
		}
		w.scheduled(p)
		if err := w.app.DecideProposal(ctx, w.admin, p.ID, true, "Adopted"); err != nil {
			t.Fatal(err)
		}
		b, err := w.app.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: c.ID})
		if err != nil || !b.Dissolved() || b.DissolvedBy != p.ID {
			t.Fatalf("the committee after: %+v, %v", b, err)
		}
		held, err := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: c.ID})
		if err != nil || len(held) != 1 || held[0].EndOn != w.app.Today() {
			t.Errorf("its chair's position: %+v, %v; want kept, ended today", held, err)
		}
		tree, err := w.app.Directory(ctx, w.voter(8))
		tree.Walk(func(n *rankfile.BodyNode, _ int) {
			if n.Body.ID == c.ID {
				t.Errorf("the directory lists the dissolved committee")
			}
		})
		if err := w.app.Join(ctx, w.voter(8), "labor"); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("joining it: %v, want conflict", err)
		}
		pending, _ := w.app.Bodies.FindJoinRequests(ctx, rankfile.JoinRequestFilter{BodyID: c.ID, PendingOnly: true})
		if len(pending) != 1 {
			t.Fatalf("pending requests: %+v", pending)
		} else if err := w.app.DecideJoin(ctx, w.admin, pending[0].ID, true); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("letting in one who asked before it was dissolved: %v, want conflict", err)
		}
		m := w.newMeeting(p)
		m.BodyID, m.Agenda = c.ID, nil
		if err := w.app.CreateMeeting(ctx, w.admin, m); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a new meeting of it: %v, want conflict", err)
		}
		again := &rankfile.Proposal{Kind: rankfile.ProposalOther, BodyID: w.chapter.ID, Title: "Dissolve it again", Dissolves: c.ID}
		if err := w.app.CreateProposal(ctx, w.voter(3), again, nil); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a draft dissolving it again: %v, want conflict", err)
		}
	})
}
