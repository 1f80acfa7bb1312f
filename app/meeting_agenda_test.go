package app_test

import (
	"slices"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// status returns a proposal's status now.
func (w *votingWorld) status(id int64) rankfile.ProposalStatus {
	w.t.Helper()
	list, err := w.app.Proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: id, NoCounts: true})
	if err != nil || len(list) == 0 {
		w.t.Fatalf("proposal %d: %v", id, err)
	}
	return list[0].Status
}

// TestCallingAMeetingSchedulesItsAgendaInOneTransaction calls a meeting
// whose agenda names one proposal twice: the second scheduling fails, and
// with it the whole meeting, leaving the proposal qualified and no meeting
// behind.
func TestCallingAMeetingSchedulesItsAgendaInOneTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		w.qualify(p, 2)
		m := w.newMeeting(p)
		m.Agenda = append(m.Agenda, &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, Title: "Again", ProposalID: p.ID})
		if err := w.app.CreateMeeting(ctx, w.admin, m); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("an agenda scheduling a proposal twice: %v; want a conflict", err)
		}
		if list, _ := w.app.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{}); len(list) != 0 {
			t.Errorf("%d meetings stored after the failure, want none", len(list))
		}
		if got := w.status(p.ID); got != rankfile.ProposalQualified {
			t.Errorf("the proposal is %s, want still qualified", got)
		}
	})
}

// TestLeadersBuildTheAgendaAfterCallingTheMeeting adds items to a called
// meeting's agenda, moves them and takes them off: a qualified proposal
// added is scheduled for the meeting and shows it; taken off, it is
// qualified again; a member who leads nothing may do none of it.
func TestLeadersBuildTheAgendaAfterCallingTheMeeting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		m := w.newMeeting(p)
		m.Agenda = nil
		if err := w.app.CreateMeeting(ctx, w.admin, m); err != nil {
			t.Fatal(err)
		}
		report := &rankfile.AgendaItem{Kind: rankfile.AgendaReport, Title: "Treasurer's report"}
		if err := w.app.AddAgendaItem(ctx, w.voter(10), m.ID, report); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member adding to the agenda: %v; want forbidden", err)
		}
		proposal := &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, ProposalID: p.ID}
		if err := w.app.AddAgendaItem(ctx, w.admin, m.ID, proposal); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("adding a proposal still a draft: %v; want a conflict", err)
		}
		w.qualify(p, 2)
		for _, item := range []*rankfile.AgendaItem{report, proposal, {Kind: rankfile.AgendaElection, Title: "Elect a treasurer"}} {
			if err := w.app.AddAgendaItem(ctx, w.admin, m.ID, item); err != nil {
				t.Fatal(err)
			}
		}
		if got := w.status(p.ID); got != rankfile.ProposalScheduled {
			t.Errorf("the proposal on the agenda is %s, want scheduled", got)
		}
		page, err := w.app.Proposal(ctx, w.voter(10), p.ID)
		if err != nil || page.Meeting == nil || page.Meeting.ID != m.ID {
			t.Errorf("the proposal's page names meeting %+v, %v; want %d", page.Meeting, err, m.ID)
		}
		if err := w.app.MoveAgendaItem(ctx, w.admin, m.ID, proposal.ID, -1); err != nil {
			t.Fatal(err)
		}
		if err := w.app.MoveAgendaItem(ctx, w.admin, m.ID, proposal.ID, -1); err != nil { // first already: stays
			t.Fatal(err)
		}
		if got := w.agenda(m.ID); !slices.Equal(got, []string{p.Title, "Treasurer's report", "Elect a treasurer"}) {
			t.Errorf("the agenda after moving the proposal up twice: %q", got)
		}
		if err := w.app.RemoveAgendaItem(ctx, w.admin, m.ID, proposal.ID); err != nil {
			t.Fatal(err)
		}
		if got := w.status(p.ID); got != rankfile.ProposalQualified {
			t.Errorf("the proposal taken off the agenda is %s, want qualified", got)
		}
		if got := w.agenda(m.ID); !slices.Equal(got, []string{"Treasurer's report", "Elect a treasurer"}) {
			t.Errorf("the agenda after taking the proposal off: %q", got)
		}
	})
}

// agenda lists the titles of a meeting's agenda in order.
func (w *votingWorld) agenda(id int64) []string {
	w.t.Helper()
	list, err := w.app.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{ID: id})
	if err != nil || len(list) == 0 {
		w.t.Fatalf("meeting %d: %v", id, err)
	}
	var out []string
	for _, item := range list[0].Agenda {
		out = append(out, item.Title)
	}
	return out
}

// TestAVoteDoesNotOpenBeforeTheMeetingStarts tries to open a vote at a
// quorate meeting an hour before its time, then at its time.
func TestAVoteDoesNotOpenBeforeTheMeetingStarts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		m := w.heldMeeting(p, span(10, 20), nil)
		w.now = w.now.Add(-time.Hour)
		v := &rankfile.MeetingVote{AgendaItemID: m.Agenda[1].ID}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != rankfile.ErrMeetingNotStarted {
			t.Errorf("opening a vote an hour early: %v; want %v", err, rankfile.ErrMeetingNotStarted)
		}
		w.now = w.now.Add(time.Hour)
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != nil {
			t.Errorf("opening the vote at the meeting's time: %v", err)
		}
	})
}

// TestChangingOrCancellingAMeetingTellsItsMembers moves a meeting, then
// calls it off: each time every member of the body is owed a notice, the
// proposal on its agenda goes back to qualified, and a cancelled meeting
// changes no more.
func TestChangingOrCancellingAMeetingTellsItsMembers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		w.qualify(p, 2)
		m := w.newMeeting(p)
		m.StartsAt = w.now.Add(48 * time.Hour)
		if err := w.app.CreateMeeting(ctx, w.admin, m); err != nil {
			t.Fatal(err)
		}
		members, _, _ := w.app.Members.FindMembers(ctx, rankfile.MemberFilter{})
		moved := *m
		moved.Title = "General meeting (new time)"
		moved.StartsAt = m.StartsAt.Add(24 * time.Hour)
		if err := w.app.UpdateMeeting(ctx, w.voter(10), &moved); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member moving the meeting: %v; want forbidden", err)
		}
		if err := w.app.UpdateMeeting(ctx, w.admin, &moved); err != nil {
			t.Fatal(err)
		}
		if got := w.notices(rankfile.NoticeMeetingMoved); got != len(members) {
			t.Errorf("%d notices of the move, want one for each of the %d members", got, len(members))
		}
		if err := w.app.CancelMeeting(ctx, w.admin, m.ID, " "); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("cancelling without a reason: %v; want invalid", err)
		}
		if err := w.app.CancelMeeting(ctx, w.admin, m.ID, "The hall flooded."); err != nil {
			t.Fatal(err)
		}
		if got := w.notices(rankfile.NoticeMeetingCancelled); got != len(members) {
			t.Errorf("%d notices of the cancellation, want %d", got, len(members))
		}
		if got := w.status(p.ID); got != rankfile.ProposalQualified {
			t.Errorf("the proposal of the cancelled meeting is %s, want qualified", got)
		}
		if err := w.app.AddAgendaItem(ctx, w.admin, m.ID, &rankfile.AgendaItem{Kind: rankfile.AgendaReport, Title: "Late"}); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("adding to a cancelled meeting's agenda: %v; want a conflict", err)
		}
	})
}

// notices counts the notices of a kind in the outbox.
func (w *votingWorld) notices(kind rankfile.NoticeKind) int {
	list, err := w.app.Outbox.FindNotices(ctx, nil, 10000)
	if err != nil {
		w.t.Fatal(err)
	}
	n := 0
	for _, notice := range list {
		if notice.Kind == kind && notice.MeetingID != 0 {
			n++
		}
	}
	return n
}
