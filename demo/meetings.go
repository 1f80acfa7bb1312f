package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Meetings makes the demo's meetings through the web app's operations: the
// chapter convention of forty days ago, which adopted this year's
// priorities by its delegates' ranked vote (see priorities.go); last
// month's branched general meeting, held in the five branches at once,
// which adopted a resolution by a vote taken online and counted by hand,
// endorsed one candidate and declined another (see endorsements.go),
// chose where to hold the holiday party, and has minutes waiting for
// approval; and this month's, starting in an hour, which
// coordinator@example.org chairs in Central, with members already checked
// in. setClock works as for Elections. It returns this month's meeting.
func Meetings(ctx context.Context, a *app.App, setClock func(time.Time)) (*rankfile.Meeting, error) {
	d, err := newProposalDemo(ctx, a)
	if err != nil || len(d.signers) < minDemoSigners {
		return nil, err // a demo too small for them has no meetings
	}
	m := &meetingDemo{proposalDemo: d, rng: rand.New(rand.NewPCG(7, 11))}
	if m.endorse, err = newEndorsementDemo(m); err != nil {
		return nil, err
	}
	if err := m.convention(setClock); err != nil {
		return nil, err
	}
	if err := m.past(setClock); err != nil {
		return nil, err
	}
	if m.petition, err = m.endorse.later(setClock); err != nil {
		return nil, err
	}
	return m.upcoming()
}

type meetingDemo struct {
	*proposalDemo
	rng *rand.Rand
	// endorse makes the endorsement cycle whose petitions the meetings
	// decide (endorsements.go); petition is the one qualified for this
	// month's meeting.
	endorse  *endorsementDemo
	petition *rankfile.Proposal
}

// branched calls a general meeting in the five branches, chaired by the
// coordinator in Central and by members elsewhere.
func (d *meetingDemo) branched(title string, at time.Time, quorum int, agenda []*rankfile.AgendaItem) (*rankfile.Meeting, error) {
	sessions, err := d.a.BranchSessions(d.ctx)
	if err != nil {
		return nil, err
	}
	for i, s := range sessions {
		s.Place = fmt.Sprintf("%s branch hall", s.Name)
		s.ChairID, s.SecretaryID = d.signers[100+2*i].ID(), d.signers[101+2*i].ID()
		if s.Name == "Central" {
			s.ChairID = d.coordinator.ID()
		}
	}
	m := &rankfile.Meeting{BodyID: d.chapter.ID, Kind: rankfile.MeetingChapter, Title: title, StartsAt: at,
		Format: rankfile.Hybrid, Quorum: rankfile.Quorum{Count: quorum}, Sessions: sessions, Agenda: agenda}
	return m, d.a.CreateMeeting(d.ctx, d.admin, m)
}

// checkIn checks signers from..to-1 into their branch's session, or the
// first session, by the admin.
func (d *meetingDemo) checkIn(m *rankfile.Meeting, from, to int) error {
	for _, s := range d.signers[from:to] {
		session := m.Sessions[0]
		for _, ses := range m.Sessions {
			if ses.BranchID == s.Member.Branch.ID() {
				session = ses
			}
		}
		if err := d.a.CheckIn(d.ctx, d.admin, m.ID, session.ID, s.ID()); err != nil {
			return err
		}
	}
	return nil
}

// past is last month's general meeting.
func (d *meetingDemo) past(setClock func(time.Time)) error {
	y, mo, day := d.a.Now().In(d.a.Zone).AddDate(0, 0, -25).Date()
	at := time.Date(y, mo, day, 19, 0, 0, 0, d.a.Zone) // seven in the evening, 25 days ago
	defer setClock(time.Time{})
	endorsements, err := d.endorse.prepare(at, setClock)
	if err != nil {
		return err
	}
	setClock(at.Add(-10 * 24 * time.Hour))
	p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, Title: "Join the regional tenant union federation",
		Summary: "The chapter affiliates with the federation of tenant unions and sends two delegates.",
		Text: rankfile.ProposalText{Whereas: []string{"tenant unions in the region coordinate rent strikes through the federation;"},
			Resolved: []string{"the chapter joins the regional tenant union federation;", "the steering committee appoints two delegates."}}}
	if err := d.write(d.coordinator, p, 21); err != nil {
		return err
	}
	if err := d.sign(p, 60, 52); err != nil {
		return err
	}
	setClock(at)
	agenda := append([]*rankfile.AgendaItem{{Kind: rankfile.AgendaReport, Title: "Treasurer's report"},
		{Kind: rankfile.AgendaProposal, Title: p.Title, ProposalID: p.ID}}, endorsements...)
	m, err := d.branched("October general meeting", at, 60, append(agenda,
		&rankfile.AgendaItem{Kind: rankfile.AgendaMotion, Title: "Where to hold the holiday party"}))
	if err != nil {
		return err
	}
	if err := d.checkIn(m, 0, 100); err != nil {
		return err
	}
	setClock(at.Add(40 * time.Minute))
	resolution := &rankfile.MeetingVote{AgendaItemID: m.Agenda[1].ID}
	if err := d.takeVote(m, resolution, func(i int) []int { return []int{d.pick(0.72)} }); err != nil {
		return err
	}
	setClock(at.Add(55 * time.Minute))
	if err := d.endorse.decide(m, endorsements); err != nil {
		return err
	}
	setClock(at.Add(70 * time.Minute))
	party := &rankfile.MeetingVote{AgendaItemID: m.Agenda[len(m.Agenda)-1].ID, Kind: rankfile.VoteChoice, Question: "Where do we hold the holiday party?",
		Options: []string{"The union hall", "Echo Park", "The Eastside branch's space"}, Threshold: rankfile.ThresholdPlurality}
	if err := d.takeVote(m, party, func(i int) []int { return []int{i % 3 * (i % 2)} }); err != nil {
		return err
	}
	setClock(at.Add(2 * time.Hour))
	if err := d.a.SaveMinutes(d.ctx, d.admin, m.ID, fmt.Sprintf(`Called to order at %s, in five branch sessions at once.

1. **Treasurer's report.** Dues income is steady; the report was received.
2. **%s.** Adopted by a vote of the branches together (see the decision below).
3. **Endorsements.** The Electoral Politics committee presented its recommendations; the meeting endorsed Ysa Morales for City Council, District 13, and did not reach the two thirds the bylaws ask to endorse Renata Okafor for the school board.
4. **The holiday party.** The meeting chose the union hall.

Adjourned at %s.`, at.In(d.a.Zone).Format("3:04 pm"), p.Title, at.Add(2*time.Hour).In(d.a.Zone).Format("3:04 pm"))); err != nil {
		return err
	}
	setClock(at.Add(26 * time.Hour))
	return d.endorse.national()
}

// pick is 0 (yes) with probability yes, else 1.
func (d *meetingDemo) pick(yes float64) int {
	if d.rng.Float64() < yes {
		return 0
	}
	return 1
}

// takeVote opens a vote, has ninety of the members checked in vote on
// their phones as choose says, the Westside session count five more by
// hand, and closes it.
func (d *meetingDemo) takeVote(m *rankfile.Meeting, v *rankfile.MeetingVote, choose func(i int) []int) error {
	if err := d.a.OpenVote(d.ctx, d.coordinator, m.ID, v); err != nil {
		return err
	}
	attendance, err := d.a.Meetings.Attendance(d.ctx, m.ID)
	if err != nil {
		return err
	}
	var room []int64
	for i, at := range attendance {
		westside := m.Session(at.SessionID).Name == "Westside"
		if westside && len(room) < 5 && at.Good {
			room = append(room, at.MemberID)
			continue
		}
		if i >= 90 || !at.Good {
			continue
		}
		member, err := d.a.Members.FindMember(d.ctx, rankfile.MemberFilter{ID: at.MemberID})
		if err != nil {
			return err
		}
		if _, err := d.a.CastMeetingVote(d.ctx, &rankfile.Actor{Member: member}, m.ID, v.ID, choose(i)); err != nil {
			return err
		}
	}
	if len(room) > 0 {
		counts := make([]int, v.OptionCount())
		counts[0] = len(room)
		if err := d.a.CastRoomVotes(d.ctx, d.admin, m.ID, v.ID, m.Sessions[westsideIndex(m)].ID,
			&app.RoomCount{Members: room, Counts: counts}); err != nil {
			return err
		}
	}
	// Confirmed: a branch the demo's attendance leaves empty sends nothing.
	_, err = d.a.CloseVote(d.ctx, d.coordinator, m.ID, v.ID, true)
	return err
}

func westsideIndex(m *rankfile.Meeting) int {
	for i, s := range m.Sessions {
		if s.Name == "Westside" {
			return i
		}
	}
	return 0
}

// upcoming is this month's general meeting, called to order a quarter of
// an hour ago, with forty members checked in, for the coordinator to run.
// Its agenda is built after it was called, as a leader builds it on the
// meeting's agenda page: two motions and a report, the endorsement that
// qualified for it, and the minutes' approval moved to the top.
func (d *meetingDemo) upcoming() (*rankfile.Meeting, error) {
	m, err := d.branched("November general meeting", d.a.Now().Add(-15*time.Minute).Truncate(time.Minute), 25, nil)
	if err != nil {
		return nil, err
	}
	items := []*rankfile.AgendaItem{
		{Kind: rankfile.AgendaReport, Title: "Branch reports"},
		{Kind: rankfile.AgendaMotion, Title: "Approve the minutes of the October general meeting"},
		{Kind: rankfile.AgendaMotion, Title: "Support the port truckers' strike"}}
	if p, err := d.qualified(endorsementTitle); err != nil {
		return nil, err
	} else if p != nil {
		items = append(items, &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, ProposalID: p.ID})
	}
	if d.petition != nil {
		items = append(items, &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, ProposalID: d.petition.ID})
	}
	for _, item := range items {
		if err := d.a.AddAgendaItem(d.ctx, d.admin, m.ID, item); err != nil {
			return nil, err
		}
	}
	if err := d.a.MoveAgendaItem(d.ctx, d.admin, m.ID, items[1].ID, -1); err != nil {
		return nil, err
	}
	page, err := d.a.Meeting(d.ctx, d.admin, m.ID)
	if err != nil {
		return nil, err
	}
	return page.Meeting, d.checkIn(page.Meeting, 0, 40)
}

// qualified returns the chapter's qualified proposal with the title, or
// nil.
func (d *meetingDemo) qualified(title string) (*rankfile.Proposal, error) {
	list, err := d.a.Proposals.FindProposals(d.ctx, rankfile.ProposalFilter{BodyID: d.chapter.ID, Status: rankfile.ProposalQualified, NoCounts: true})
	for _, p := range list {
		if p.Title == title {
			return p, err
		}
	}
	return nil, err
}
