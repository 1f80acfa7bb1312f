package app

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// Calendar feeds: the public one and each body's hold public events; a
// member's private feed holds every event they may see, with the call and
// private details of those they hold a seat at. Feeds reach back
// feedHistory, so that calendars keep recent events, and forward without
// end.

// feedHistory is how far back feeds reach.
const feedHistory = 90 * 24 * time.Hour

// PublicFeed returns the public events for the public feed: every body's,
// or with a body id, the events it hosts or co-hosts.
func (a *App) PublicFeed(ctx context.Context, bodyID int64) ([]*rankfile.Event, error) {
	return a.Calendar(ctx, rankfile.Anonymous, rankfile.EventFilter{BodyID: bodyID, From: a.Now().Add(-feedHistory)})
}

// PrivateFeed returns the member's feed that a secret opens.
func (a *App) PrivateFeed(ctx context.Context, token string) ([]*rankfile.Event, error) {
	memberID, err := a.Events.CalendarMember(ctx, token)
	if err != nil {
		return nil, err
	}
	actor, err := a.Auth.Actor(ctx, memberID)
	if err != nil {
		return nil, err
	}
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{From: a.Now().Add(-feedHistory)})
	if err != nil {
		return nil, err
	}
	regs, err := a.Events.MemberRegistrations(ctx, actor.ID())
	if err != nil {
		return nil, err
	}
	holds := map[int64]bool{}
	for _, r := range regs {
		holds[r.EventID] = r.Holds()
	}
	out := make([]*rankfile.Event, 0, len(events))
	for _, e := range events {
		if actor.CanSeeEvent(e) {
			out = append(out, e.ForViewer(holds[e.ID], actor.CanManageEvent(e)))
		}
	}
	return out, nil
}

// CalendarToken returns the secret of the actor's private feed, or a new
// one when reset.
func (a *App) CalendarToken(ctx context.Context, actor *rankfile.Actor, reset bool) (string, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return "", err
	}
	return a.Events.CalendarToken(ctx, actor.ID(), reset)
}
