package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// HostPage is what a session's hosts work from: their sessions' codes and
// attendance, and, during a vote, who has voted, so that they count the
// room's votes of those who have not.
type HostPage struct {
	*MeetingPage
	Attendance []*rankfile.Attendance
	// Voted holds the members who have voted in the open vote.
	Voted map[int64]bool
}

// HostMeeting returns the hosts' page of a meeting.
func (a *App) HostMeeting(ctx context.Context, actor *rankfile.Actor, meetingID int64) (*HostPage, error) {
	page, err := a.Meeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(len(page.Hosting) > 0); err != nil {
		return nil, err
	}
	h := &HostPage{MeetingPage: page, Voted: map[int64]bool{}}
	all, err := a.Meetings.Attendance(ctx, meetingID)
	if err != nil {
		return nil, err
	}
	for _, at := range all {
		for _, s := range page.Hosting {
			if at.SessionID == s.ID {
				h.Attendance = append(h.Attendance, at)
			}
		}
	}
	if page.Open != nil {
		voted, err := a.Votes.VotedMembers(ctx, page.Open.ID)
		if err != nil {
			return nil, err
		}
		for _, id := range voted {
			h.Voted[id] = true
		}
	}
	return h, nil
}
