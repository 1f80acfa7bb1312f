package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// EventView is an event as one person sees it: the call and the private
// details only when they hold a seat (or manage the event), and their own
// registration.
type EventView struct {
	Event *rankfile.Event `json:"event"`
	// Mine is the viewer's registration, nil when they have none.
	Mine *rankfile.Registration `json:"registration,omitempty"`
	// Manage says whether the viewer manages the event: edits and
	// cancels it.
	Manage bool `json:"manage"`
	// CheckIn says whether the viewer checks people in at the event and
	// sees its registrations: those who manage it, and a session's
	// trainers.
	CheckIn bool `json:"check_in"`
	// Leads are the members who run the event, shown to members signed in.
	Leads []*rankfile.EventLead `json:"leads,omitempty"`
	// Shift is what the viewer holds from a canvass or a phonebank: the
	// turf or the calls handed to her at check-in.
	Shift *rankfile.ShiftWork `json:"shift,omitempty"`
	// trainers are a course's session's trainers, read once for the page.
	trainers []int64
}

// CreateEvent puts an event on the calendar, or with a recurrence every
// occurrence of a series, for the leaders of its host body and admins.
// Co-hosts are bodies whose leaders manage it too.
func (a *App) CreateEvent(ctx context.Context, actor *rankfile.Actor, e *rankfile.Event, r *rankfile.Recurrence) ([]*rankfile.Event, error) {
	if err := actor.Require(actor.CanCreateEvent(e.BodyID)); err != nil {
		return nil, err
	}
	if err := a.checkActiveBodies(ctx, nil, append([]int64{e.BodyID}, e.CohostIDs...)...); err != nil {
		return nil, err
	}
	if e.Zone == "" {
		e.Zone = a.Zone.String()
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	events := []*rankfile.Event{e}
	if r != nil {
		var err error
		if events, err = r.Occurrences(e); err != nil {
			return nil, err
		}
	}
	if err := a.Events.CreateEvents(as(ctx, actor), events, r); err != nil {
		return nil, err
	}
	return events, nil
}

// UpdateEvent changes an event; a new time or place is sent to everyone
// registered or waitlisted.
func (a *App) UpdateEvent(ctx context.Context, actor *rankfile.Actor, e *rankfile.Event) error {
	old, err := a.findEvent(ctx, actor, e.ID)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanManageEvent(old) && actor.CanManageEvent(e)); err != nil {
		return err
	}
	if err := a.checkActiveBodies(ctx, append([]int64{old.BodyID}, old.CohostIDs...), append([]int64{e.BodyID}, e.CohostIDs...)...); err != nil {
		return err
	}
	return a.Events.UpdateEvent(as(ctx, actor), e, EventNotices)
}

// CancelEvent cancels an event and tells everyone registered or
// waitlisted.
func (a *App) CancelEvent(ctx context.Context, actor *rankfile.Actor, id int64) error {
	e, err := a.findEvent(ctx, actor, id)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanManageEvent(e)); err != nil {
		return err
	}
	return a.Events.CancelEvent(as(ctx, actor), id, EventNotices)
}

// findEvent returns an event the actor may see. Someone not signed in is
// asked to sign in for an event only members see, since links to events
// go round in emails; a member who may not see one is told it is not
// found, so that its existence is not told either.
func (a *App) findEvent(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Event, error) {
	e, err := a.eventByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return e, seeEvent(actor, actor.CanSeeEvent(e))
}

// eventByID returns an event whoever asks, ENOTFOUND if there is none.
func (a *App) eventByID(ctx context.Context, id int64) (*rankfile.Event, error) {
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{ID: id})
	if err != nil {
		return nil, err
	}
	if len(events) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such event")
	}
	return events[0], nil
}

// seeEvent is findEvent's answer to an actor who may see an event or not.
func seeEvent(actor *rankfile.Actor, may bool) error {
	switch {
	case may:
		return nil
	case !actor.SignedIn():
		return rankfile.Errorf(rankfile.EUNAUTHORIZED, "sign in to see this event")
	}
	return rankfile.Errorf(rankfile.ENOTFOUND, "no such event")
}

// doorEvent returns an event the actor may see or check people in at,
// with its trainers when it is a course's session: a trainer sees the
// session they run though it be for a body they are not in.
func (a *App) doorEvent(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Event, []int64, error) {
	e, err := a.eventByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	trainers, err := a.sessionTrainers(ctx, e)
	if err != nil {
		return nil, nil, err
	}
	return e, trainers, seeEvent(actor, actor.CanSeeEvent(e) || actor.CanCheckIn(e, trainers))
}

// sessionTrainers returns the trainers of a course's session, none for
// other events. They are asked for here, on an event's page and at its
// door, rather than carried by every actor on every request.
func (a *App) sessionTrainers(ctx context.Context, e *rankfile.Event) ([]int64, error) {
	if e.Kind != rankfile.EventTraining {
		return nil, nil
	}
	_, trainers, err := a.Courses.SessionCourse(ctx, e.ID)
	return trainers, err
}

// Event returns an event as the actor sees it.
func (a *App) Event(ctx context.Context, actor *rankfile.Actor, id int64) (*EventView, error) {
	e, trainers, err := a.doorEvent(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	v := &EventView{Manage: actor.CanManageEvent(e), CheckIn: actor.CanCheckIn(e, trainers), trainers: trainers}
	if actor.SignedIn() {
		if v.Mine, err = a.Events.MemberRegistration(ctx, id, actor.ID()); err != nil {
			return nil, err
		}
		if v.Leads, err = a.Events.EventLeads(ctx, id); err != nil {
			return nil, err
		}
		if v.Shift, err = a.ShiftWork(ctx, actor, e); err != nil {
			return nil, err
		}
	}
	v.Event = e.ForViewer(v.Mine.Holds(), v.CheckIn)
	return v, nil
}

// Calendar returns the events the actor may see that f selects, each as
// someone without a seat sees it (managers see their events whole).
func (a *App) Calendar(ctx context.Context, actor *rankfile.Actor, f rankfile.EventFilter) ([]*rankfile.Event, error) {
	if !actor.SignedIn() {
		f.Audiences = []rankfile.Audience{rankfile.AudiencePublic}
	}
	events, err := a.Events.FindEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]*rankfile.Event, 0, len(events))
	for _, e := range events {
		if actor.CanSeeEvent(e) {
			out = append(out, e.ForViewer(false, actor.CanManageEvent(e)))
		}
	}
	return out, nil
}

// MyEvents returns the events the actor is registered for or waitlisted
// on from the time given, each with their registration.
func (a *App) MyEvents(ctx context.Context, actor *rankfile.Actor, f rankfile.EventFilter) ([]*EventView, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	f.RegisteredMember = actor.ID()
	events, err := a.Events.FindEvents(ctx, f)
	if err != nil {
		return nil, err
	}
	regs, err := a.Events.MemberRegistrations(ctx, actor.ID())
	if err != nil {
		return nil, err
	}
	byEvent := map[int64]*rankfile.Registration{}
	for _, r := range regs {
		byEvent[r.EventID] = r
	}
	out := make([]*EventView, 0, len(events))
	for _, e := range events {
		mine := byEvent[e.ID]
		manage := actor.CanManageEvent(e)
		out = append(out, &EventView{Event: e.ForViewer(mine.Holds(), manage), Mine: mine, Manage: manage})
	}
	return out, nil
}
