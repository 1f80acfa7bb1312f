package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// RegisterForEvent registers the actor, a member, for an event: a seat
// while there is one, else the waitlist. The confirmation email is queued
// with it.
func (a *App) RegisterForEvent(ctx context.Context, actor *rankfile.Actor, eventID int64) (*rankfile.Registration, error) {
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanRegister(e)); err != nil {
		return nil, err
	}
	if err := a.checkSessionPrerequisites(ctx, actor, eventID, actor.ID()); err != nil {
		return nil, err
	}
	return a.Events.Register(as(ctx, actor), eventID, rankfile.Registrant{MemberID: actor.ID()}, EventNotices)
}

// RegisterGuest asks for someone who is not signed in to be registered
// for a public event with their name, email, phone and ZIP. Anyone can
// type any address, so the registration is unconfirmed, holding nothing,
// until its link, emailed to the address (at most so often), confirms it
// (ConfirmGuestRegistration). What the caller is told must not depend on
// what this returns: that would tell them about the address.
func (a *App) RegisterGuest(ctx context.Context, eventID int64, c *rankfile.Contact) (*rankfile.Registration, error) {
	// Only a public event is found for someone not signed in.
	if _, err := a.findEvent(ctx, rankfile.Anonymous, eventID); err != nil {
		return nil, err
	}
	if err := a.checkSessionPrerequisites(ctx, rankfile.Anonymous, eventID, 0); err != nil {
		return nil, err
	}
	return a.Events.Register(ctx, eventID, rankfile.Registrant{Contact: c}, EventNotices)
}

// CancelRegistration cancels a registration: the actor's own, or any at
// an event they manage. The first on the waitlist takes the seat.
func (a *App) CancelRegistration(ctx context.Context, actor *rankfile.Actor, registrationID int64) error {
	reg, err := a.Events.FindRegistration(ctx, registrationID)
	if err != nil {
		return err
	}
	if reg.MemberID != actor.ID() || !actor.SignedIn() {
		e, err := a.findEvent(ctx, actor, reg.EventID)
		if err != nil {
			return err
		}
		if err := actor.Require(actor.CanManageEvent(e)); err != nil {
			return err
		}
	}
	return a.Events.CancelRegistration(as(ctx, actor), registrationID, EventNotices)
}

// CancelMyRegistration cancels the actor's own registration for an event.
func (a *App) CancelMyRegistration(ctx context.Context, actor *rankfile.Actor, eventID int64) error {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	v, err := a.Event(ctx, actor, eventID)
	if err != nil {
		return err
	}
	if v.Mine == nil {
		return rankfile.Errorf(rankfile.ENOTFOUND, "you are not registered for this event")
	}
	return a.Events.CancelRegistration(as(ctx, actor), v.Mine.ID, EventNotices)
}

// GuestRegistration returns the event and registration a contact's link
// opens, with the details their registration lets them see.
func (a *App) GuestRegistration(ctx context.Context, token string) (*EventView, error) {
	reg, err := a.Events.RegistrationByToken(ctx, token)
	if err != nil {
		return nil, err
	}
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{ID: reg.EventID})
	if err != nil || len(events) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such event")
	}
	return &EventView{Event: events[0].ForViewer(reg.Holds(), false), Mine: reg}, nil
}

// ConfirmGuestRegistration confirms the registration a contact's link
// opens: a seat while there is one, else the waitlist. ECONFLICT for a
// link that lapsed, a cancelled registration, or an event that takes no
// registrations now.
func (a *App) ConfirmGuestRegistration(ctx context.Context, token string) (*EventView, error) {
	reg, err := a.Events.RegistrationByToken(ctx, token)
	if err != nil {
		return nil, err
	}
	if _, err := a.Events.ConfirmRegistration(ctx, reg.ID, EventNotices); err != nil {
		return nil, err
	}
	return a.GuestRegistration(ctx, token)
}

// CancelGuestRegistration cancels the registration a contact's link opens.
func (a *App) CancelGuestRegistration(ctx context.Context, token string) error {
	reg, err := a.Events.RegistrationByToken(ctx, token)
	if err != nil {
		return err
	}
	return a.Events.CancelRegistration(ctx, reg.ID, EventNotices)
}
