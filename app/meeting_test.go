package app_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// newMeeting is a branched chapter meeting in two sessions, chaired by
// voters 5 and 6, with a report and the qualified proposal p on its
// agenda, and a quorum of 10% of the chapter.
func (w *votingWorld) newMeeting(p *rankfile.Proposal) *rankfile.Meeting {
	return &rankfile.Meeting{BodyID: w.chapter.ID, Kind: rankfile.MeetingChapter, Title: "General meeting",
		StartsAt: w.now, Format: rankfile.Hybrid, Quorum: rankfile.Quorum{Percent: 10},
		Sessions: []*rankfile.MeetingSession{
			{Name: "Central", ChairID: w.member(5).ID, Place: "Union hall"},
			{Name: "Westside", ChairID: w.member(6).ID, Link: "https://meet.example.org/westside"}},
		Agenda: []*rankfile.AgendaItem{
			{Kind: rankfile.AgendaReport, Title: "Treasurer's report"},
			{Kind: rankfile.AgendaProposal, Title: p.Title, ProposalID: p.ID}}}
}

// TestABranchedMeetingChecksEachMemberIntoOneSession calls a meeting in
// two sessions and checks members in, by hosts and by code: a member is
// in one session, only members in good standing count towards the
// quorum, and only hosts see codes and attendance.
func TestABranchedMeetingChecksEachMemberIntoOneSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		m := w.newMeeting(p)
		if err := w.app.CreateMeeting(ctx, w.voter(5), m); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member calling a chapter meeting: %v; want forbidden", err)
		}
		if err := w.app.CreateMeeting(ctx, w.admin, m); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a meeting with a draft on its agenda: %v; want conflict", err)
		}
		w.qualify(p, 2)
		if err := w.app.CreateMeeting(ctx, w.admin, m); err != nil {
			t.Fatal(err)
		}
		if s := w.proposal(w.admin, p.ID).Proposal.Status; s != rankfile.ProposalScheduled {
			t.Errorf("the proposal on the agenda is %s; want scheduled", s)
		}
		central, westside := m.Sessions[0], m.Sessions[1]
		if len(central.Code) != 6 || central.Code == westside.Code {
			t.Errorf("session codes %q and %q", central.Code, westside.Code)
		}

		chairA := w.voter(5)
		if err := w.app.CheckIn(ctx, chairA, m.ID, central.ID, w.member(20).ID); err != nil {
			t.Fatal(err)
		}
		if err := w.app.CheckIn(ctx, chairA, m.ID, westside.ID, w.member(22).ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a chair checking a member into another session: %v; want forbidden", err)
		}
		if err := w.app.CheckIn(ctx, chairA, m.ID, central.ID, w.member(votingVoters+1).ID); err != nil {
			t.Errorf("checking in a lapsed member, who attends without a vote: %v", err)
		}
		typed := strings.ToLower(westside.Code[:3] + " " + westside.Code[3:])
		if s, err := w.app.SelfCheckIn(ctx, w.voter(21), m.ID, typed); err != nil || s.ID != westside.ID {
			t.Fatalf("checking in with the code %q: %v", typed, err)
		}
		if _, err := w.app.SelfCheckIn(ctx, w.voter(21), m.ID, westside.Code); err != nil {
			t.Errorf("checking into the same session again: %v", err)
		}
		_, err := w.app.SelfCheckIn(ctx, w.voter(20), m.ID, westside.Code)
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), "Central") {
			t.Errorf("checking into a second session: %v; want conflict naming Central", err)
		}
		if _, err := w.app.SelfCheckIn(ctx, w.voter(23), m.ID, "WRONG1"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a wrong code: %v; want invalid", err)
		}

		page, err := w.app.Meeting(ctx, w.voter(30), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if page.Present != 2 || page.Needed != 6 || page.Quorate() {
			t.Errorf("present %d of %d needed (quorate %v); want 2 of 6", page.Present, page.Needed, page.Quorate())
		}
		if page.Counts[0].Present != 2 || page.Counts[0].Good != 1 || page.Counts[1].Good != 1 {
			t.Errorf("session counts %+v", page.Counts)
		}
		for _, s := range page.Meeting.Sessions {
			if s.Code != "" {
				t.Errorf("a member sees the code of %s", s.Name)
			}
		}
		page, _ = w.app.Meeting(ctx, chairA, m.ID)
		if page.Meeting.Sessions[0].Code == "" || page.Meeting.Sessions[1].Code != "" || len(page.Hosting) != 1 {
			t.Errorf("the Central chair sees codes %q and %q", page.Meeting.Sessions[0].Code, page.Meeting.Sessions[1].Code)
		}
		if page, _ := w.app.Meeting(ctx, w.voter(21), m.ID); page.MySession == nil || page.MySession.ID != westside.ID {
			t.Errorf("voter 21's session: %+v", page.MySession)
		}
		if _, err := w.app.Attendance(ctx, w.voter(30), m.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member reading the attendance: %v; want forbidden", err)
		}
		list, err := w.app.Attendance(ctx, chairA, m.ID)
		if err != nil || len(list) != 3 || list[0].By != "Voter Number005" || list[2].By != "" || list[2].Name != "Voter Number021" {
			t.Errorf("the attendance: %v", err)
			for _, a := range list {
				t.Logf("%+v", a)
			}
		}
	})
}

// TestABadMeetingIsRefused checks what a meeting must have.
func TestABadMeetingIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		for name, change := range map[string]func(m *rankfile.Meeting){
			"no sessions":              func(m *rankfile.Meeting) { m.Sessions = nil },
			"no title":                 func(m *rankfile.Meeting) { m.Title = " " },
			"a bad quorum":             func(m *rankfile.Meeting) { m.Quorum.Percent = 120 },
			"a bad format":             func(m *rankfile.Meeting) { m.Format = "telepathy" },
			"an empty item":            func(m *rankfile.Meeting) { m.Agenda[0].Title = "" },
			"a motion with a proposal": func(m *rankfile.Meeting) { m.Agenda[0].ProposalID = p.ID },
		} {
			m := w.newMeeting(p)
			m.Agenda = m.Agenda[:1]
			change(m)
			if err := w.app.CreateMeeting(ctx, w.admin, m); rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Errorf("%s: %v; want invalid", name, err)
			}
		}
		if list, err := w.app.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{}); err != nil || len(list) != 0 {
			t.Errorf("refused meetings were stored: %d, %v", len(list), err)
		}
	})
}
