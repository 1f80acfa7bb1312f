package app

import (
	"context"
	"strings"

	"github.com/rankfile/rankfile"
)

// A meeting changed or called off by its body's leaders. Meetings take no
// registrations, so the members of the body are who might be coming: each
// is sent notice, in their language, of a new time or place, or of the
// meeting called off and why.

// UpdateMeeting changes a meeting's title, times, quorum and sessions, by
// its body's leaders; a new time or place is sent to the body's members.
// The body stays: a meeting of another body is another meeting.
func (a *App) UpdateMeeting(ctx context.Context, actor *rankfile.Actor, m *rankfile.Meeting) error {
	old, err := a.managedMeeting(ctx, actor, m.ID)
	if err != nil {
		return err
	}
	m.BodyID, m.Agenda = old.BodyID, nil
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: m.BodyID})
	if err != nil {
		return err
	}
	if err := a.checkSessionPeople(ctx, body, m); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	var tell []int64
	if m.MovedFrom(old) && !old.Over(a.Now()) {
		if tell, err = a.bodyMemberIDs(ctx, body); err != nil {
			return err
		}
	}
	return a.Meetings.UpdateMeeting(as(ctx, actor), m, tell)
}

// CancelMeeting calls a meeting off, by its body's leaders, with the
// reason its members are told; the proposals on its agenda go back to
// qualified, for another meeting to take up.
func (a *App) CancelMeeting(ctx context.Context, actor *rankfile.Actor, id int64, reason string) error {
	m, err := a.managedMeeting(ctx, actor, id)
	if err != nil {
		return err
	}
	if err := rankfile.CheckCancelReason(reason); err != nil {
		return err
	}
	body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: m.BodyID})
	if err != nil {
		return err
	}
	var tell []int64
	if !m.Over(a.Now()) {
		if tell, err = a.bodyMemberIDs(ctx, body); err != nil {
			return err
		}
	}
	note := meetingNote("proposal.note.meetingcancelled", m)
	return a.Meetings.CancelMeeting(as(ctx, actor), id, strings.TrimSpace(reason), unscheduleStep(note), tell)
}

// bodyMemberIDs lists the members of a body today: who is told of its
// meetings' changes.
func (a *App) bodyMemberIDs(ctx context.Context, body *rankfile.Body) ([]int64, error) {
	list, _, err := a.Members.FindMembers(ctx, rankfile.MembersOf(body, a.Today()))
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(list))
	for _, m := range list {
		ids = append(ids, m.ID)
	}
	return ids, nil
}
