package app_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/count"
	"github.com/rankfile/rankfile/store/storetest"
)

// conventionMeeting calls the convention's meeting, chaired by voter 5,
// with delegates 5 and 20..39 (holding a place in the convention) checked
// in, and the resolutions titled scheduled on its agenda, in that order.
func (w *votingWorld) conventionMeeting(c *rankfile.Body, titles ...string) (*rankfile.Meeting, []int64) {
	w.t.Helper()
	delegates := append([]int{5}, span(20, 40)...)
	for _, n := range delegates {
		p := &rankfile.Position{MemberID: w.member(n).ID, BodyID: c.ID, StartOn: rankfile.MustParseDate("2026-01-01")}
		if err := w.app.Bodies.CreatePosition(ctx, p); err != nil {
			w.t.Fatal(err)
		}
	}
	m := &rankfile.Meeting{BodyID: c.ID, Kind: rankfile.MeetingConvention, Title: "2027 Convention", StartsAt: w.now,
		Format: rankfile.InPerson, Quorum: rankfile.Quorum{Count: 10},
		Sessions: []*rankfile.MeetingSession{{Name: "Plenary", ChairID: w.member(5).ID, Place: "Union hall"}}}
	if err := w.app.CreateMeeting(ctx, w.admin, m); err != nil {
		w.t.Fatal(err)
	}
	var ids []int64
	for i, title := range titles {
		p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: c.ID, Title: title,
			Text: rankfile.ProposalText{Resolved: []string{title + " is a priority."}}}
		if err := w.app.CreateProposal(ctx, w.voter(3), p, nil); err != nil {
			w.t.Fatal(err)
		}
		if err := w.app.OpenSignatures(ctx, w.voter(3), p.ID, w.now.Add(24*time.Hour)); err != nil {
			w.t.Fatal(err)
		}
		if err := w.app.Sign(ctx, w.voter(20+i), p.ID, false); err != nil {
			w.t.Fatal(err)
		}
		if err := w.app.ScheduleProposal(ctx, w.admin, p.ID, m.ID); err != nil {
			w.t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	for _, n := range delegates {
		if err := w.app.CheckIn(ctx, w.voter(5), m.ID, m.Sessions[0].ID, w.member(n).ID); err != nil {
			w.t.Fatal(err)
		}
	}
	return m, ids
}

// TestTheConventionsPrioritiesVoteAdoptsTheSTVWinners takes the priorities
// vote at the convention's meeting: its chair opens it on the five
// resolutions on the agenda, twenty delegates rank them, and closing it
// adopts exactly the three the counting engine elects from the same
// rankings, in its order; the chapter's priorities are those, with a
// record that counts again to the same result.
func TestTheConventionsPrioritiesVoteAdoptsTheSTVWinners(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := w.newConvention("2026-12-01")
		titles := []string{"Housing", "Labor", `"Green" new deal`, "Healthcare", "Electoral"}
		m, ids := w.conventionMeeting(c, titles...)
		if _, err := w.app.OpenPrioritiesVote(ctx, w.voter(20), m.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a delegate opening the priorities vote: %v; want forbidden", err)
		}
		v, err := w.app.OpenPrioritiesVote(ctx, w.voter(5), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if page, err := w.app.Meeting(ctx, w.voter(30), m.ID); err != nil {
			t.Fatal(err)
		} else if p, err := w.app.MeetingPriorities(ctx, page); p != nil || err != nil {
			t.Errorf("the priorities of a vote still open: %+v, %v; want none", p, err)
		}
		if fmt.Sprint(v.Options) != fmt.Sprint(titles) || !slices.Equal(v.OptionProposals, ids) || v.Seats != rankfile.PrioritySeats ||
			v.Kind != rankfile.VoteRanked || v.RollCall {
			t.Errorf("the priorities vote: %+v", v)
		}
		// First preferences 6, 5, 4, 3, 2: Electoral's voters go on to
		// Labor, Healthcare's to the Green New Deal.
		rankings := map[int][]int{}
		e := &count.Election{Title: v.Question, Seats: v.Seats, Candidates: titles}
		n := 20
		for _, group := range []struct {
			count   int
			ranking []int
		}{{6, []int{0, 1}}, {5, []int{1, 0}}, {4, []int{2}}, {3, []int{3, 2}}, {2, []int{4, 1}}} {
			for range group.count {
				rankings[n] = group.ranking
				e.Ballots = append(e.Ballots, count.Ballot{Weight: 1, Ranking: group.ranking})
				n++
			}
		}
		for voter, ranking := range rankings {
			w.vote(m, v, voter, ranking...)
		}
		w.vote(m, v, 5) // the chair abstains
		want, err := count.Count(e, count.Options{Method: count.Scottish, Seed: v.Seed})
		if err != nil {
			t.Fatal(err)
		}
		closed, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(closed.Result.Winners, want.Elected) || len(want.Elected) != rankfile.PrioritySeats {
			t.Errorf("the vote elected %v; the count of the same rankings %v", closed.Result.Winners, want.Elected)
		}
		for i, id := range ids {
			status := rankfile.ProposalScheduled
			if slices.Contains(want.Elected, i) {
				status = rankfile.ProposalAdopted
			}
			if got := w.proposal(w.admin, id).Proposal.Status; got != status {
				t.Errorf("%s is %s; want %s", titles[i], got, status)
			}
		}
		p, err := w.app.ChapterPriorities(ctx, w.voter(30), w.chapter.ID)
		if err != nil || p == nil {
			t.Fatalf("the chapter's priorities: %v, %v", p, err)
		}
		var adopted []int64
		for _, item := range p.Adopted {
			adopted = append(adopted, item.ProposalID)
		}
		var wantIDs []int64
		for _, i := range want.Elected {
			wantIDs = append(wantIDs, ids[i])
		}
		if !slices.Equal(adopted, wantIDs) || p.VoteID != v.ID || p.ConventionName != c.Name || p.MeetingID != m.ID ||
			p.Ballots != 20 || p.Seed != v.Seed {
			t.Errorf("the chapter's priorities: %+v, adopted %v; want %v", p, adopted, wantIDs)
		}
		page, err := w.app.Meeting(ctx, w.voter(30), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if atMeeting, err := w.app.MeetingPriorities(ctx, page); err != nil || atMeeting == nil || atMeeting.ID != p.ID {
			t.Errorf("the meeting's priorities: %+v, %v; want those of id %d", atMeeting, err, p.ID)
		}
		if other, err := w.app.Proposals.FindPriorities(ctx, rankfile.PrioritiesFilter{VoteID: v.ID + 1}); err != nil || len(other) != 0 {
			t.Errorf("the priorities of another vote: %v, %v; want none", other, err)
		}
		wantCommand := fmt.Sprintf("rankfile tally priorities-vote-%d.blt --method scottish --seed %s", v.ID, v.Seed)
		if p.Command != wantCommand || !strings.Contains(p.BLT, `"'Green' new deal"`) {
			t.Errorf("the record: %q\n%s", p.Command, p.BLT)
		}
		record, err := count.ReadBLT(strings.NewReader(p.BLT))
		if err != nil {
			t.Fatal(err)
		}
		recount, err := count.Count(record, count.Options{Method: count.Scottish, Seed: p.Seed})
		if err != nil || !slices.Equal(recount.Elected, want.Elected) {
			t.Errorf("the record counts %v, %v; want %v", recount.Elected, err, want.Elected)
		}
		if _, err := w.app.OpenPrioritiesVote(ctx, w.voter(5), m.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a second priorities vote: %v; want conflict", err)
		}
	})
}

// TestOnlyAConventionsMeetingTakesAPrioritiesVote refuses the vote at a
// chapter meeting, and at a convention with no more resolutions on the
// agenda than there are priorities; a vote opened by hand cannot name
// resolutions to adopt.
func TestOnlyAConventionsMeetingTakesAPrioritiesVote(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		chapter := w.simpleMeeting(w.chapter)
		w.now = w.now.Add(2 * time.Hour) // the chapter's meeting is under way
		if _, err := w.app.OpenPrioritiesVote(ctx, w.admin, chapter.ID); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a chapter meeting's priorities vote: %v; want invalid", err)
		}
		m, ids := w.conventionMeeting(w.newConvention("2026-12-01"), "Housing", "Labor", "Transit")
		if _, err := w.app.OpenPrioritiesVote(ctx, w.voter(5), m.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a priorities vote among three resolutions: %v; want conflict", err)
		}
		page, _ := w.app.Meeting(ctx, w.voter(5), m.ID)
		v := &rankfile.MeetingVote{AgendaItemID: page.Meeting.Agenda[0].ID, Kind: rankfile.VoteRanked, Question: "Priorities?",
			Options: []string{"Housing", "Labor", "Transit"}, Seats: 2, OptionProposals: ids}
		// The agenda's first item is a proposal: a yes/no vote on it. A
		// report's item takes the ranked vote, without the resolutions.
		item := &rankfile.AgendaItem{Kind: rankfile.AgendaReport, Title: "Straw poll"}
		if err := w.app.AddAgendaItem(ctx, w.admin, m.ID, item); err != nil {
			t.Fatal(err)
		}
		v.AgendaItemID = item.ID
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != nil {
			t.Fatal(err)
		}
		w.vote(m, v, 20, 0, 1)
		if _, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, false); err != nil {
			t.Fatal(err)
		}
		if votes, _ := w.app.MeetingVotes(ctx, w.voter(5), m.ID); votes[0].AdoptsPriorities() {
			t.Error("a vote opened by hand adopts priorities")
		}
		if got := w.proposal(w.admin, ids[0]).Proposal.Status; got != rankfile.ProposalScheduled {
			t.Errorf("the straw poll's winner is %s; want still scheduled", got)
		}
	})
}
