package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// An event's hosts check people in from its registrations, or add walk-ins:
// members found by name, or people who are not members with their name
// and email. Attendees may check themselves in with the event's code.

// EventRegistrations lists an event's registrations for those who check
// people in at it.
func (a *App) EventRegistrations(ctx context.Context, actor *rankfile.Actor, eventID int64) (*rankfile.Event, []*rankfile.Registration, error) {
	e, err := a.checkInEvent(ctx, actor, eventID)
	if err != nil {
		return nil, nil, err
	}
	regs, err := a.Events.Registrations(ctx, eventID)
	return e, regs, err
}

// checkInEvent returns an event the actor checks people in at: one they
// manage, or a course's session they train.
func (a *App) checkInEvent(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Event, error) {
	e, trainers, err := a.doorEvent(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return e, actor.Require(actor.CanCheckIn(e, trainers))
}

// walkInEvent returns an event the actor may add walk-ins to now.
func (a *App) walkInEvent(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Event, error) {
	e, trainers, err := a.doorEvent(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !actor.CanCheckIn(e, trainers) {
		return nil, actor.Require(false)
	}
	if !actor.CanAddWalkIns(e, trainers, a.Now()) {
		return nil, rankfile.Errorf(rankfile.EFORBIDDEN, "a session's trainers add walk-ins from two hours before it starts until it ends")
	}
	return e, nil
}

// CheckInRegistrant records that someone registered (or waitlisted) came.
func (a *App) CheckInRegistrant(ctx context.Context, actor *rankfile.Actor, eventID, registrationID int64) (*rankfile.Registration, error) {
	if _, err := a.checkInEvent(ctx, actor, eventID); err != nil {
		return nil, err
	}
	reg, err := a.Events.CheckIn(as(ctx, actor), eventID, registrationID, nil)
	return a.checkedIn(ctx, eventID, reg, err)
}

// CheckInWalkIn records that someone who had not registered came: a member
// who may see the event, by id, or a contact.
func (a *App) CheckInWalkIn(ctx context.Context, actor *rankfile.Actor, eventID int64, who rankfile.Registrant) (*rankfile.Registration, error) {
	e, err := a.walkInEvent(ctx, actor, eventID)
	if err != nil {
		return nil, err
	}
	if who.MemberID != 0 {
		scopes, err := a.eventScope(ctx, e)
		if err != nil {
			return nil, err
		}
		if ok, err := a.inScopes(ctx, scopes, who.MemberID); err != nil {
			return nil, err
		} else if !ok {
			return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such member among those this event is for")
		}
	}
	reg, err := a.Events.CheckIn(as(ctx, actor), eventID, 0, &who)
	return a.checkedIn(ctx, eventID, reg, err)
}

// WalkInSearch finds members who may come to an event by the beginning of
// their names, for its hosts to check in one who did not register (see
// searchNames).
// It returns how many matched too: at most maxNameMatches are shown.
func (a *App) WalkInSearch(ctx context.Context, actor *rankfile.Actor, eventID int64, query string) ([]*CheckInCandidate, int, error) {
	e, err := a.walkInEvent(ctx, actor, eventID)
	if err != nil {
		return nil, 0, err
	}
	scopes, err := a.eventScope(ctx, e)
	if err != nil {
		return nil, 0, err
	}
	found, matched, err := a.searchNames(ctx, actor, scopes, query, fmt.Sprintf("walk-in at event %d", e.ID))
	if err != nil {
		return nil, 0, err
	}
	branches, err := a.branchNames(ctx)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*CheckInCandidate, len(found))
	for i, m := range found {
		out[i] = a.candidate(m, branches)
	}
	markNamesakes(out)
	return out, matched, nil
}

// eventScope selects the members who may come to an event: the members
// of its host and co-hosts for one of theirs, else any member of its
// host's chapter (any member at all for a national body's).
func (a *App) eventScope(ctx context.Context, e *rankfile.Event) ([]rankfile.MemberFilter, error) {
	if e.Audience != rankfile.AudienceBody {
		scope, err := a.chapterScope(ctx, e.BodyID)
		return []rankfile.MemberFilter{scope}, err
	}
	var scopes []rankfile.MemberFilter
	for _, id := range e.Hosts() {
		body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: id})
		if err != nil {
			return nil, err
		}
		scopes = append(scopes, rankfile.MembersOf(body, a.Today()))
	}
	return scopes, nil
}

// CheckInAtEvent checks the actor in with the code shown at the event, from
// an hour before it starts until it ends.
func (a *App) CheckInAtEvent(ctx context.Context, actor *rankfile.Actor, eventID int64, code string) (*rankfile.Registration, error) {
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	if err := e.CheckSelfCheckIn(a.Now(), code); err != nil {
		return nil, err
	}
	reg, err := a.Events.CheckIn(as(ctx, actor), eventID, 0, &rankfile.Registrant{MemberID: actor.ID()})
	return a.checkedIn(ctx, eventID, reg, err)
}

// EventsAttended lists the events the actor attended, latest first.
func (a *App) EventsAttended(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.AttendedEvent, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	return a.Events.MemberEvents(ctx, actor.ID())
}
