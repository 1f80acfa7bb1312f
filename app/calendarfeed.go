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
	from := a.Now().Add(-feedHistory)
	events, err := a.Calendar(ctx, actor, rankfile.EventFilter{From: from})
	if err != nil {
		return nil, err
	}
	mine, err := a.MyEvents(ctx, actor, rankfile.EventFilter{From: from})
	if err != nil {
		return nil, err
	}
	seats := map[int64]*rankfile.Event{}
	for _, v := range mine {
		seats[v.Event.ID] = v.Event
	}
	for i, e := range events {
		if seat, ok := seats[e.ID]; ok {
			events[i] = seat
		}
	}
	return events, nil
}

// CalendarToken returns the secret of the actor's private feed, or a new
// one when reset.
func (a *App) CalendarToken(ctx context.Context, actor *rankfile.Actor, reset bool) (string, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return "", err
	}
	return a.Events.CalendarToken(ctx, actor.ID(), reset)
}
