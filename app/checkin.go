package app

import (
	"context"
	"strings"

	"github.com/rankfile/rankfile"
)

// A session's hosts check members in by name, or by the code a member
// shows on their phone. Hosts are volunteers, not data stewards: they see
// members' names, branches and whether they vote, never their contact
// details.

// CheckInCandidate is a member a host may check in.
type CheckInCandidate struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Branch string `json:"branch,omitempty"`
	// Good is whether they are in good standing today: whether they vote.
	Good bool `json:"good"`
	// In names the session they are checked into, "" when none.
	In string `json:"in,omitempty"`
}

// maxCheckInMatches bounds a host's search: enough for a name, too few to
// page through the roster.
const maxCheckInMatches = 20

// CheckInSearch finds members by the beginning of a name, for a host of
// one of the meeting's sessions; at least two letters are needed.
func (a *App) CheckInSearch(ctx context.Context, actor *rankfile.Actor, meetingID int64, query string) ([]*CheckInCandidate, error) {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanHostMeeting(m)); err != nil {
		return nil, err
	}
	found, err := a.findByName(ctx, query)
	if err != nil {
		return nil, err
	}
	return a.candidates(ctx, m, found)
}

// findByName finds members by the beginning of a name for those who check
// people in: at least two letters, and never an email address, which
// would let a host learn whose address it is.
func (a *App) findByName(ctx context.Context, query string) ([]*rankfile.Member, error) {
	if query = strings.TrimSpace(query); len([]rune(query)) < 2 || strings.Contains(query, "@") {
		return nil, rankfile.Errorf(rankfile.EINVALID, "type at least two letters of a name")
	}
	found, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Search: query, Limit: maxCheckInMatches, Brief: true})
	return found, err
}

// CheckInCandidate returns one member as a host sees them, for the page a
// member's check-in code opens.
func (a *App) CheckInCandidate(ctx context.Context, actor *rankfile.Actor, meetingID, memberID int64) (*CheckInCandidate, error) {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanHostMeeting(m)); err != nil {
		return nil, err
	}
	member, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return nil, err
	}
	list, err := a.candidates(ctx, m, []*rankfile.Member{member})
	if err != nil {
		return nil, err
	}
	return list[0], nil
}

func (a *App) candidates(ctx context.Context, m *rankfile.Meeting, members []*rankfile.Member) ([]*CheckInCandidate, error) {
	branches, err := a.branchNames(ctx)
	if err != nil {
		return nil, err
	}
	out := []*CheckInCandidate{}
	for _, member := range members {
		c := a.candidate(member, branches)
		at, err := a.Meetings.Attendee(ctx, m.ID, member.ID)
		if err != nil {
			return nil, err
		}
		if at != nil {
			c.In = m.Session(at.SessionID).Name
		}
		out = append(out, c)
	}
	return out, nil
}

// candidate is a member as a host sees them.
func (a *App) candidate(m *rankfile.Member, branches map[int64]string) *CheckInCandidate {
	return &CheckInCandidate{ID: m.ID, Name: m.FullName(), Branch: branches[m.Branch.ID()],
		Good: m.StandingOn(a.Today()).IsGood()}
}

// branchNames maps branch ids to names.
func (a *App) branchNames(ctx context.Context) (map[int64]string, error) {
	branches, err := a.BranchList(ctx)
	names := map[int64]string{}
	for _, b := range branches {
		names[b.ID] = b.Name
	}
	return names, err
}

// MeetingsAttended lists the meetings a member attended, latest first:
// for the member, and for data stewards.
func (a *App) MeetingsAttended(ctx context.Context, actor *rankfile.Actor, memberID int64) ([]*rankfile.AttendedMeeting, error) {
	if err := actor.Require(actor.SignedIn() && (actor.ID() == memberID || actor.CanSeeRoster())); err != nil {
		return nil, err
	}
	return a.Meetings.MemberAttendance(ctx, memberID)
}
