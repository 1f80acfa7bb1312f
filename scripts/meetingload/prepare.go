package meetingload

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

// Voter is a member who votes and follows the meeting.
type Voter struct {
	ID      int64  `json:"id"`
	Token   string `json:"token"`
	Session int64  `json:"session"`
}

// Prepare calls a meeting of the demo chapter with a session in each
// branch, checks n members in good standing into their branch's session,
// gives each an API token, and opens a yes/no vote.
func Prepare(ctx context.Context, db *store.DB, n int) (meetingID, voteID int64, voters []Voter, err error) {
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, Brief: true})
	if err != nil {
		return 0, 0, nil, err
	}
	if len(members) < n {
		return 0, 0, nil, fmt.Errorf("only %d members are in good standing; make a bigger demo with --list-size", len(members))
	}
	bodies := store.NewBodyService(db)
	chapter, err := bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "los-angeles-chapter"})
	if err != nil {
		return 0, 0, nil, err
	}
	branches, err := bodies.FindBodies(ctx, rankfile.BodyFilter{Kind: rankfile.KindBranch})
	if err != nil {
		return 0, 0, nil, err
	}
	m := &rankfile.Meeting{BodyID: chapter.ID, Kind: rankfile.MeetingChapter, Title: "A meeting everyone votes at",
		StartsAt: db.Now(), Format: rankfile.InPerson, Quorum: rankfile.Quorum{Percent: 10},
		Agenda: []*rankfile.AgendaItem{{Kind: rankfile.AgendaMotion, Title: "Measure the software"}}}
	for _, b := range branches {
		m.Sessions = append(m.Sessions, &rankfile.MeetingSession{Name: b.Name, BranchID: b.ID})
	}
	meetings := store.NewMeetingService(db)
	if err := meetings.CreateMeeting(ctx, m, nil); err != nil {
		return 0, 0, nil, err
	}
	auth := store.NewAuthService(db)
	var out []Voter
	for i, member := range members[:n] {
		session := m.Sessions[i%len(m.Sessions)]
		for _, s := range m.Sessions {
			if s.BranchID == member.Branch.ID() {
				session = s
			}
		}
		if err := meetings.CheckIn(ctx, m.ID, session.ID, member.ID); err != nil {
			return 0, 0, nil, err
		}
		token, _, err := auth.CreateAPIToken(ctx, member.ID, "bench-vote", rankfile.DefaultTokenDays)
		if err != nil {
			return 0, 0, nil, err
		}
		out = append(out, Voter{ID: member.ID, Token: token, Session: session.ID})
	}
	v := &rankfile.MeetingVote{MeetingID: m.ID, AgendaItemID: m.Agenda[0].ID, Kind: rankfile.VoteYesNo, Question: "Is it fast enough?"}
	if err := meetings.OpenVote(ctx, v); err != nil {
		return 0, 0, nil, err
	}
	return m.ID, v.ID, out, nil
}
