package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Minutes: the recording secretary writes them, a later meeting of the
// same body approves them, and only then do members see them.

// SaveMinutes stores the text of a meeting's minutes, by a secretary of
// one of its sessions or a leader of its body.
func (a *App) SaveMinutes(ctx context.Context, actor *rankfile.Actor, meetingID int64, text string) error {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanWriteMinutes(m)); err != nil {
		return err
	}
	if err := rankfile.CheckMinutes(text); err != nil {
		return err
	}
	return a.Meetings.SaveMinutes(as(ctx, actor), meetingID, text)
}

// ApproveMinutes records that the meeting atMeetingID, a later meeting of
// the same body, approved the minutes of meetingID: by a chair of the
// later meeting, as it decided.
func (a *App) ApproveMinutes(ctx context.Context, actor *rankfile.Actor, meetingID, atMeetingID int64) error {
	m, err := a.findMeeting(ctx, actor, meetingID)
	if err != nil {
		return err
	}
	at, err := a.findMeeting(ctx, actor, atMeetingID)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanChairMeeting(at)); err != nil {
		return err
	}
	if at.BodyID != m.BodyID || !at.StartsAt.After(m.StartsAt) {
		return rankfile.Errorf(rankfile.EINVALID, "minutes are approved at a later meeting of the same body")
	}
	return a.Meetings.ApproveMinutes(as(ctx, actor), meetingID, atMeetingID)
}

// MinutesToApprove lists the earlier meetings of the same body whose
// minutes wait for approval, for the chair of a meeting.
func (a *App) MinutesToApprove(ctx context.Context, actor *rankfile.Actor, m *rankfile.Meeting) ([]*rankfile.Meeting, error) {
	if !actor.CanChairMeeting(m) {
		return nil, nil
	}
	list, err := a.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{BodyID: m.BodyID})
	var out []*rankfile.Meeting
	for _, earlier := range list {
		if earlier.StartsAt.Before(m.StartsAt) && earlier.Minutes.Text != "" && earlier.Minutes.ApprovedAt.IsZero() {
			out = append(out, earlier)
		}
	}
	return out, err
}
