package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// A meeting's agenda, built by the body's leaders after they called it:
// reports, motions, elections and the body's qualified proposals, each
// proposal scheduled for the meeting as it goes on and taken back as it
// comes off.

// managedMeeting returns a meeting the actor may change: one of a body
// they lead, not cancelled.
func (a *App) managedMeeting(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Meeting, error) {
	m, err := a.findMeeting(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanCallMeeting(m.BodyID)); err != nil {
		return nil, err
	}
	return m, m.CheckChangeable()
}

// AddAgendaItem adds an item at the end of a meeting's agenda, by its
// body's leaders. A proposal's item takes the proposal's title when it
// has none, and schedules the proposal for the meeting, which then
// decides it by its vote.
func (a *App) AddAgendaItem(ctx context.Context, actor *rankfile.Actor, meetingID int64, item *rankfile.AgendaItem) error {
	m, err := a.managedMeeting(ctx, actor, meetingID)
	if err != nil {
		return err
	}
	item.Position = len(m.Agenda) + 1
	p, err := a.agendaProposal(ctx, m, item)
	if err != nil {
		return err
	}
	if p != nil {
		if m.Over(a.Now()) {
			return rankfile.Errorf(rankfile.ECONFLICT, "the meeting is over: put the proposal on an upcoming meeting's agenda")
		}
		if item.Title == "" {
			item.Title = p.Title
		}
	}
	if err := item.Validate(); err != nil {
		return err
	}
	return a.Meetings.AddAgendaItem(as(ctx, actor), meetingID, item, scheduleStep(m))
}

// MoveAgendaItem moves an item one place up (by -1) or down (by 1), by
// the meeting's body's leaders.
func (a *App) MoveAgendaItem(ctx context.Context, actor *rankfile.Actor, meetingID, itemID int64, by int) error {
	if _, err := a.managedMeeting(ctx, actor, meetingID); err != nil {
		return err
	}
	return a.Meetings.MoveAgendaItem(as(ctx, actor), meetingID, itemID, by)
}

// RemoveAgendaItem takes an item off a meeting's agenda, by its body's
// leaders; a proposal's item puts the proposal back to qualified, ready
// for another meeting.
func (a *App) RemoveAgendaItem(ctx context.Context, actor *rankfile.Actor, meetingID, itemID int64) error {
	m, err := a.managedMeeting(ctx, actor, meetingID)
	if err != nil {
		return err
	}
	return a.Meetings.RemoveAgendaItem(as(ctx, actor), meetingID, itemID, unscheduleStep(meetingNote("proposal.note.unscheduled", m)))
}

// unscheduleStep is the step that takes a proposal back from a meeting's
// agenda to qualified. It owes no email: the authors heard when it
// qualified, and hear again when it is scheduled anew.
func unscheduleStep(note string) *rankfile.ProposalStep {
	return &rankfile.ProposalStep{From: rankfile.ProposalScheduled, To: rankfile.ProposalQualified, Note: note}
}

// UpcomingMeetings lists the meetings of a body not yet over nor
// cancelled, soonest first: where a proposal may be scheduled.
func (a *App) UpcomingMeetings(ctx context.Context, actor *rankfile.Actor, bodyID int64) ([]*rankfile.Meeting, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	list, err := a.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{BodyID: bodyID})
	if err != nil {
		return nil, err
	}
	var out []*rankfile.Meeting
	for _, m := range list {
		if !m.Cancelled() && !m.Over(a.Now()) {
			hostedSessions(actor, m)
			out = append(out, m)
		}
	}
	return out, nil
}
