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
// their names, for a host of one of its sessions (see searchNames), and
// how many matched: at most maxNameMatches are shown.
func (a *App) CheckInSearch(ctx context.Context, actor *rankfile.Actor, meetingID int64, query string) ([]*CheckInCandidate, int, error) {
	m, scopes, err := a.hostedMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, 0, err
	}
	found, matched, err := a.searchNames(ctx, actor, scopes, query, fmt.Sprintf("check-in at meeting %d", m.ID))
	if err != nil {
		return nil, 0, err
	}
	out, err := a.candidates(ctx, m, found)
	markNamesakes(out)
	return out, matched, err
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
// for the member, and for their data stewards (a chapter's for its members).
func (a *App) MeetingsAttended(ctx context.Context, actor *rankfile.Actor, memberID int64) ([]*rankfile.AttendedMeeting, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	m, err := a.wholeRecordOf(ctx, actor, memberID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(m != nil); err != nil {
		return nil, err
	}
	return a.Meetings.MemberAttendance(ctx, memberID)
}

// CheckIn checks a member into a session, by one of its hosts.
func (a *App) CheckIn(ctx context.Context, actor *rankfile.Actor, meetingID, sessionID, memberID int64) error {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return err
	}
	if _, err := hostedSession(actor, m, sessionID); err != nil {
		return err
	}
	if err := a.checkAttendee(ctx, m, memberID); err != nil {
		return err
	}
	if err := a.Meetings.CheckIn(as(ctx, actor), meetingID, sessionID, memberID); err != nil {
		return err
	}
	a.meetingChanged(meetingID) // the attendance and quorum shown
	return nil
}

// hostedSession returns the meeting's session the actor hosts.
func hostedSession(actor *rankfile.Actor, m *rankfile.Meeting, sessionID int64) (*rankfile.MeetingSession, error) {
	s := m.Session(sessionID)
	if s == nil {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such session")
	}
	return s, actor.Require(actor.CanHostSession(m, s))
}

// SelfCheckIn checks the actor into the session whose code they typed.
func (a *App) SelfCheckIn(ctx context.Context, actor *rankfile.Actor, meetingID int64, code string) (*rankfile.MeetingSession, error) {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	s := m.SessionByCode(code)
	if s == nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "that is not the code of a session of this meeting: check it with the session's hosts")
	}
	if err := a.checkAttendee(ctx, m, actor.ID()); err != nil {
		return nil, err
	}
	if err := a.Meetings.CheckIn(as(ctx, actor), meetingID, s.ID, actor.ID()); err != nil {
		return nil, err
	}
	a.meetingChanged(meetingID)
	return s, nil
}

// checkAttendee refuses to check in someone who is not a member of the
// meeting's body: a branch's meeting is its members'.
func (a *App) checkAttendee(ctx context.Context, m *rankfile.Meeting, memberID int64) error {
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: m.BodyID})
	if err != nil {
		return err
	}
	if ok, err := a.inBody(ctx, body, memberID); err != nil || ok {
		return err
	}
	return rankfile.Errorf(rankfile.EFORBIDDEN, "only members of the body whose meeting this is are checked in")
}

// Attendance lists who is checked in, for the meeting's hosts.
func (a *App) Attendance(ctx context.Context, actor *rankfile.Actor, meetingID int64) ([]*rankfile.Attendance, error) {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanHostMeeting(m)); err != nil {
		return nil, err
	}
	return a.Meetings.Attendance(ctx, meetingID)
}
