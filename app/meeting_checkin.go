package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// A session's hosts check members in by name, or by the code a member
// shows on their phone. Hosts are volunteers, not data stewards: they see
// members' names, branches and whether they vote, never their contact
// details.

// CheckInSearch finds members of the meeting's body by the beginning of
// their names, for a host of one of its sessions (see searchNames).
func (a *App) CheckInSearch(ctx context.Context, actor *rankfile.Actor, meetingID int64, query string) ([]*CheckInCandidate, error) {
	m, scopes, err := a.hostedMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	found, err := a.searchNames(ctx, actor, scopes, query, fmt.Sprintf("check-in at meeting %d", m.ID))
	if err != nil {
		return nil, err
	}
	return a.candidates(ctx, m, found)
}

// hostedMeeting returns a meeting the actor hosts a session of, and the
// scope of who may be checked in at it: the members of its body.
func (a *App) hostedMeeting(ctx context.Context, actor *rankfile.Actor, meetingID int64) (*rankfile.Meeting, []rankfile.MemberFilter, error) {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, nil, err
	}
	if err := actor.Require(actor.CanHostMeeting(m)); err != nil {
		return nil, nil, err
	}
	scopes, err := a.meetingScope(ctx, m)
	return m, scopes, err
}

// meetingScope selects who may be checked in at a meeting: the members
// of its body, in any standing (only those in good standing vote).
func (a *App) meetingScope(ctx context.Context, m *rankfile.Meeting) ([]rankfile.MemberFilter, error) {
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: m.BodyID})
	if err != nil {
		return nil, err
	}
	return []rankfile.MemberFilter{rankfile.MembersOf(body, a.Today())}, nil
}

// CheckInCandidate returns one member as a host sees them, for the page a
// member's check-in code opens. It counts as a search: ids are easy to
// try one after another.
func (a *App) CheckInCandidate(ctx context.Context, actor *rankfile.Actor, meetingID, memberID int64) (*CheckInCandidate, error) {
	m, scopes, err := a.hostedMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	member, err := a.scopedMember(ctx, actor, scopes, memberID, fmt.Sprintf("check-in code at meeting %d", m.ID))
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

// MeetingsAttended lists the meetings a member attended, latest first:
// for the member, and for data stewards.
func (a *App) MeetingsAttended(ctx context.Context, actor *rankfile.Actor, memberID int64) ([]*rankfile.AttendedMeeting, error) {
	if err := actor.Require(actor.SignedIn() && (actor.ID() == memberID || actor.CanSeeRoster())); err != nil {
		return nil, err
	}
	return a.Meetings.MemberAttendance(ctx, memberID)
}
