package app_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store/storetest"
)

// heldMeeting calls the two-session meeting with p (qualified) on its
// agenda, and checks voters from..to-1 into Central and the rest into
// Westside, by their chairs.
func (w *votingWorld) heldMeeting(p *rankfile.Proposal, central, westside []int) *rankfile.Meeting {
	w.t.Helper()
	w.qualify(p, 2)
	m := w.newMeeting(p)
	if err := w.app.CreateMeeting(ctx, w.admin, m); err != nil {
		w.t.Fatal(err)
	}
	for i, voters := range [][]int{central, westside} {
		for _, n := range voters {
			if err := w.app.CheckIn(ctx, w.voter(5+i), m.ID, m.Sessions[i].ID, w.member(n).ID); err != nil {
				w.t.Fatal(err)
			}
		}
	}
	return m
}

func span(from, to int) []int {
	var out []int
	for n := from; n < to; n++ {
		out = append(out, n)
	}
	return out
}

// vote casts voter n's vote, failing on an error.
func (w *votingWorld) vote(m *rankfile.Meeting, v *rankfile.MeetingVote, n int, choice ...int) {
	w.t.Helper()
	if already, err := w.app.CastMeetingVote(ctx, w.voter(n), m.ID, v.ID, choice); err != nil || already {
		w.t.Fatalf("voter %d voting %v: already %v, %v", n, choice, already, err)
	}
}

// TestABranchedVoteDecidesTheProposal takes a yes/no vote on a proposal in
// two sessions, online and by hand, and checks who may vote, that each
// member votes once, the tallies per session and combined, and that the
// proposal takes the outcome.
func TestABranchedVoteDecidesTheProposal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		m := w.heldMeeting(p, span(10, 13), nil)
		item := m.Agenda[1]
		v := &rankfile.MeetingVote{AgendaItemID: item.ID}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); rankfile.ErrorCode(err) != rankfile.ECONFLICT ||
			!strings.Contains(rankfile.ErrorMessage(err), "not quorate") {
			t.Errorf("opening a vote with 3 of 6 present: %v; want not quorate", err)
		}
		for _, n := range append(span(13, 19), votingVoters+1) {
			if err := w.app.CheckIn(ctx, w.voter(5), m.ID, m.Sessions[0].ID, w.member(n).ID); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range span(20, 28) {
			if _, err := w.app.SelfCheckIn(ctx, w.voter(n), m.ID, w.sessionCode(m, 1)); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.app.OpenVote(ctx, w.voter(10), m.ID, v); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member opening a vote: %v; want forbidden", err)
		}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != nil {
			t.Fatal(err)
		}
		if v.Kind != rankfile.VoteYesNo || v.Question != p.Title || v.Threshold != rankfile.ThresholdMajority || v.ProposalID != p.ID {
			t.Errorf("the vote on the proposal: %+v", v)
		}
		report := &rankfile.MeetingVote{AgendaItemID: m.Agenda[0].ID, Kind: rankfile.VoteYesNo, Question: "Accept the report?"}
		if err := w.app.OpenVote(ctx, w.voter(6), m.ID, report); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("Westside's chair opening a vote of the whole meeting: %v; want forbidden", err)
		}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, report); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a second vote while one is open: %v; want conflict", err)
		}

		for _, n := range span(10, 16) {
			w.vote(m, v, n, rankfile.OptionYes)
		}
		w.vote(m, v, 16, rankfile.OptionNo)
		w.vote(m, v, 17) // abstains
		for _, n := range span(20, 23) {
			w.vote(m, v, n, rankfile.OptionYes)
		}
		for _, n := range span(23, 26) {
			w.vote(m, v, n, rankfile.OptionNo)
		}
		if already, err := w.app.CastMeetingVote(ctx, w.voter(10), m.ID, v.ID, []int{rankfile.OptionNo}); err != nil || !already {
			t.Errorf("voting again: already %v, %v; want already, no error", already, err)
		}
		for n, want := range map[int]string{votingVoters + 1: rankfile.EFORBIDDEN, 40: rankfile.EFORBIDDEN} {
			if _, err := w.app.CastMeetingVote(ctx, w.voter(n), m.ID, v.ID, []int{0}); rankfile.ErrorCode(err) != want {
				t.Errorf("voter %d (lapsed or not checked in): %v; want %s", n, err, want)
			}
		}
		if _, err := w.app.CastMeetingVote(ctx, w.voter(18), m.ID, v.ID, []int{2}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a vote for no option: %v; want invalid", err)
		}

		westside := m.Sessions[1].ID
		room := []int64{w.member(26).ID, w.member(27).ID}
		for name, c := range map[string]*app.RoomCount{
			"too few votes":         {Members: room, Counts: []int{1, 0}},
			"a member of Central":   {Members: []int64{w.member(26).ID, w.member(18).ID}, Counts: []int{1, 1}},
			"one who voted already": {Members: []int64{w.member(26).ID, w.member(20).ID}, Counts: []int{1, 1}},
		} {
			if err := w.app.CastRoomVotes(ctx, w.voter(6), m.ID, v.ID, westside, c); err == nil {
				t.Errorf("room votes with %s were taken", name)
			}
		}
		if err := w.app.CastRoomVotes(ctx, w.voter(5), m.ID, v.ID, westside, &app.RoomCount{Members: room, Counts: []int{1, 1}}); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("Central's chair entering Westside's count: %v; want forbidden", err)
		}
		if err := w.app.CastRoomVotes(ctx, w.voter(6), m.ID, v.ID, westside, &app.RoomCount{Members: room, Counts: []int{1, 1}}); err != nil {
			t.Fatal(err)
		}
		if already, err := w.app.CastMeetingVote(ctx, w.voter(26), m.ID, v.ID, []int{0}); err != nil || !already {
			t.Errorf("a member who voted in the room voting online: already %v, %v; want already", already, err)
		}
		progress, err := w.app.Votes.VoteProgress(ctx, v.ID)
		if err != nil || fmt.Sprint(progress) != fmt.Sprintf("[{%d 8 0} {%d 8 2}]", m.Sessions[0].ID, westside) {
			t.Errorf("progress %v, %v; want 8 in each session, 2 of Westside's in the room", progress, err)
		}

		if _, err := w.app.CloseVote(ctx, w.voter(10), m.ID, v.ID, true); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member closing the vote: %v; want forbidden", err)
		}
		if _, err := w.app.CloseVote(ctx, w.voter(6), m.ID, v.ID, true); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("Westside's chair closing the vote of the whole meeting: %v; want forbidden", err)
		}
		closed, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, false) // both sessions have voted
		if err != nil {
			t.Fatal(err)
		}
		r := closed.Result
		central, west := r.Sessions[0], r.Sessions[1]
		if fmt.Sprint(central.Counts, central.Abstain, west.Counts, west.Abstain, west.Room, r.Combined.Counts, r.Combined.Abstain) !=
			"[6 1] 1 [4 4] 0 2 [10 5] 1" || !r.Carried || len(r.Roll) != 0 {
			t.Errorf("the result: central %+v, westside %+v, combined %+v, carried %v", central, west, r.Combined, r.Carried)
		}
		if !strings.HasPrefix(r.Summary, "Carried: 10 yes, 5 no, 1 abstaining") {
			t.Errorf("summary %q", r.Summary)
		}
		page := w.proposal(w.voter(30), p.ID)
		if page.Proposal.Status != rankfile.ProposalAdopted || !strings.Contains(page.History[len(page.History)-1].Note, "Carried") {
			t.Errorf("the proposal after the vote: %s, %+v", page.Proposal.Status, page.History[len(page.History)-1])
		}
		if _, err := w.app.CastMeetingVote(ctx, w.voter(18), m.ID, v.ID, []int{0}); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("voting after the close: %v; want conflict", err)
		}
		if _, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, true); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("closing twice: %v; want conflict", err)
		}
	})
}

// TestClosingAVoteASessionSentNothingInNeedsConfirming closes votes of a
// two-session meeting: while Westside has sent neither a ballot nor a
// count of its room, closing is refused, naming it, and the vote stays
// open; confirmed, it closes. A count of the room alone is enough to close
// without confirming.
func TestClosingAVoteASessionSentNothingInNeedsConfirming(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		m := w.heldMeeting(w.newProposal(), span(10, 20), span(20, 30))
		open := func(question string) *rankfile.MeetingVote {
			v := &rankfile.MeetingVote{AgendaItemID: m.Agenda[0].ID, Kind: rankfile.VoteYesNo, Question: question}
			if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != nil {
				t.Fatal(err)
			}
			return v
		}
		v := open("Accept the report?")
		w.vote(m, v, 10, rankfile.OptionYes)
		_, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, false)
		var unheard *rankfile.UnheardError
		if !errors.As(err, &unheard) || rankfile.ErrorCode(err) != rankfile.ECONFLICT || len(unheard.Sessions) != 1 ||
			unheard.Sessions[0].Name != "Westside" || !strings.Contains(rankfile.ErrorMessage(err), "nothing has come in from Westside") {
			t.Fatalf("closing with nothing from Westside: %v; want a conflict naming Westside", err)
		}
		if votes, _ := w.app.MeetingVotes(ctx, w.voter(5), m.ID); votes[len(votes)-1].Status != rankfile.VoteOpen {
			t.Error("the refused close closed the vote")
		}
		if _, err := w.app.CloseVote(ctx, w.voter(30), m.ID, v.ID, true); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member confirming the close: %v; want forbidden", err)
		}
		closed, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, true)
		if err != nil || closed.Status != rankfile.VoteClosed || closed.Result.Combined.Voted() != 1 {
			t.Fatalf("closing confirmed: %+v, %v", closed, err)
		}

		v = open("Adjourn?")
		w.vote(m, v, 11, rankfile.OptionNo)
		room := &app.RoomCount{Members: []int64{w.member(20).ID}, Counts: []int{1, 0}}
		if err := w.app.CastRoomVotes(ctx, w.voter(6), m.ID, v.ID, m.Sessions[1].ID, room); err != nil {
			t.Fatal(err)
		}
		if closed, err = w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, false); err != nil || closed.Result.Sessions[1].Room != 1 {
			t.Errorf("closing with Westside's count of the room in: %v", err)
		}
	})
}

// sessionCode reads the code of the meeting's i-th session, as its chair
// sees it.
func (w *votingWorld) sessionCode(m *rankfile.Meeting, i int) string {
	page, err := w.app.Meeting(ctx, w.voter(5+i), m.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return page.Meeting.Sessions[i].Code
}

// TestThresholdsChoicesRankingsAndRollCalls takes the other kinds of vote
// at one meeting: a bylaws amendment needing two thirds, a choice that
// ties, a ranked vote counted by the engine, and a roll call.
func TestThresholdsChoicesRankingsAndRollCalls(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		p.Kind = rankfile.ProposalBylaws
		if err := w.app.UpdateProposal(ctx, w.voter(3), p); err != nil {
			t.Fatal(err)
		}
		m := w.heldMeeting(p, span(10, 20), span(20, 30))
		motion := m.Agenda[0].ID
		take := func(v *rankfile.MeetingVote, ballots map[int][]int) *rankfile.VoteResult {
			t.Helper()
			if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != nil {
				t.Fatal(err)
			}
			for n, choice := range ballots {
				w.vote(m, v, n, choice...)
			}
			closed, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, true) // Westside votes in few of them
			if err != nil {
				t.Fatal(err)
			}
			return closed.Result
		}

		bylaws := &rankfile.MeetingVote{AgendaItemID: m.Agenda[1].ID}
		ballots := map[int][]int{}
		for i, n := range span(10, 25) { // 9 yes, 6 no: 60%, short of two thirds
			ballots[n] = []int{map[bool]int{true: rankfile.OptionYes, false: rankfile.OptionNo}[i < 9]}
		}
		if r := take(bylaws, ballots); r.Carried || bylaws.Threshold != rankfile.ThresholdTwoThirds {
			t.Errorf("a bylaws amendment with 60%% (threshold %s): carried %v", bylaws.Threshold, r.Carried)
		}
		if s := w.proposal(w.admin, p.ID).Proposal.Status; s != rankfile.ProposalRejected {
			t.Errorf("the amendment that fell short is %s; want rejected", s)
		}

		choice := &rankfile.MeetingVote{AgendaItemID: motion, Kind: rankfile.VoteChoice, Question: "Where next?",
			Options: []string{"Park", "Library", "Union hall"}, Threshold: rankfile.ThresholdPlurality}
		if r := take(choice, map[int][]int{10: {0}, 11: {0}, 12: {1}, 13: {1}, 14: {2}, 15: nil}); r.Carried || r.Winners != nil {
			t.Errorf("a tied choice chose %v", r.Winners)
		}

		ranked := &rankfile.MeetingVote{AgendaItemID: motion, Kind: rankfile.VoteRanked, Question: "Priorities",
			Options: []string{"Housing", "Transit", "Labor", "Climate"}, Seats: 1}
		// First preferences 3, 3, 2, 1: Climate then Labor are excluded, and
		// their voters' next choices make Transit the winner.
		r := take(ranked, map[int][]int{10: {0}, 11: {0}, 12: {0}, 13: {1}, 14: {1}, 15: {1},
			16: {2, 1}, 17: {2, 1}, 18: {3, 2}, 19: {}})
		if !slices.Equal(r.Winners, []int{1}) || r.Combined.Abstain != 1 || !strings.Contains(r.Count, "Transit") {
			t.Errorf("the ranked vote chose %v (abstaining %d); count:\n%s", r.Winners, r.Combined.Abstain, r.Count)
		}

		roll := &rankfile.MeetingVote{AgendaItemID: motion, Kind: rankfile.VoteYesNo, Question: "Endorse the strike?", RollCall: true}
		r = take(roll, map[int][]int{10: {0}, 21: {1}})
		if len(r.Roll) != 2 || r.Roll[0].Name != "Voter Number010" || r.Roll[0].Session != "Central" ||
			r.Roll[1].Name != "Voter Number021" || !slices.Equal(r.Roll[1].Choice, []int{1}) {
			t.Errorf("the roll call: %+v %+v", r.Roll[0], r.Roll[1])
		}
		if r.Carried || !slices.Equal(r.Combined.Counts, []int{1, 1}) {
			t.Errorf("roll call tally %+v", r.Combined)
		}
	})
}

// TestMinutesAreSeenOnceApproved writes a meeting's minutes and approves
// them at the body's next meeting.
func TestMinutesAreSeenOnceApproved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		first := w.heldMeeting(p, []int{20}, nil)
		next := w.newMeeting(p)
		next.Agenda = next.Agenda[:1]
		next.StartsAt = first.StartsAt.AddDate(0, 0, 30)
		if err := w.app.CreateMeeting(ctx, w.admin, next); err != nil {
			t.Fatal(err)
		}
		if err := w.app.SaveMinutes(ctx, w.voter(30), first.ID, "We met."); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member writing minutes: %v; want forbidden", err)
		}
		if err := w.app.SaveMinutes(ctx, w.admin, first.ID, "Called to order at 7pm. The tenant campaign was adopted."); err != nil {
			t.Fatal(err)
		}
		if page, _ := w.app.Meeting(ctx, w.voter(30), first.ID); page.Meeting.Minutes.Text != "" {
			t.Error("a member sees minutes not yet approved")
		}
		if err := w.app.ApproveMinutes(ctx, w.voter(5), next.ID, first.ID); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("approving at an earlier meeting: %v; want invalid", err)
		}
		if err := w.app.ApproveMinutes(ctx, w.voter(30), first.ID, next.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member approving minutes: %v; want forbidden", err)
		}
		if list, _ := w.app.MinutesToApprove(ctx, w.voter(5), next); len(list) != 1 || list[0].ID != first.ID {
			t.Errorf("minutes to approve at the next meeting: %v", list)
		}
		if err := w.app.ApproveMinutes(ctx, w.voter(5), first.ID, next.ID); err != nil {
			t.Fatal(err)
		}
		page, _ := w.app.Meeting(ctx, w.voter(30), first.ID)
		if !strings.HasPrefix(page.Meeting.Minutes.Text, "Called to order") || page.Meeting.Minutes.ApprovedIn != next.ID {
			t.Errorf("approved minutes as a member sees them: %+v", page.Meeting.Minutes)
		}
		if err := w.app.SaveMinutes(ctx, w.admin, first.ID, "Rewritten."); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("changing approved minutes: %v; want conflict", err)
		}
		attended, err := w.app.MeetingsAttended(ctx, w.voter(20), w.member(20).ID)
		if err != nil || len(attended) != 1 || attended[0].Session != "Central" || attended[0].MeetingID != first.ID {
			t.Errorf("voter 20 attended %v, %v", attended, err)
		}
		if _, err := w.app.MeetingsAttended(ctx, w.voter(20), w.member(21).ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member reading another's meetings: %v; want forbidden", err)
		}
	})
}
