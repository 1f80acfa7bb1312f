package main

import (
	"context"
	"fmt"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store"
)

// fillYear puts n public events of the chapter on the calendar, from a
// month ago over the year that follows, a dozen or so a day between nine
// and nine, each with the text a real one has: what the public feed of a
// busy chapter holds.
func fillYear(ctx context.Context, db *store.DB, n int) error {
	chapter, err := chapterID(ctx, db)
	if err != nil {
		return err
	}
	first := eveningIn(db, -30).Add(-10 * time.Hour)
	events := make([]*rankfile.Event, n)
	for i := range events {
		events[i] = yearEvent(chapter, first.AddDate(0, 0, i*365/n).Add(time.Duration(i%12)*time.Hour), i, db.Zone.String())
	}
	return store.NewEventService(db).CreateEvents(ctx, events, nil)
}

// yearEvent is the i-th event of the year, starting at start.
func yearEvent(chapter int64, start time.Time, i int, zone string) *rankfile.Event {
	kind := rankfile.EventKinds[i%len(rankfile.EventKinds)]
	e := &rankfile.Event{BodyID: chapter, Kind: kind, Audience: rankfile.AudiencePublic,
		Title: fmt.Sprintf("Echo Park %s no. %d", kind, i+1),
		Description: "Join neighbours to talk about rent, repairs and the tenants' union. Bring a friend; food and " +
			"childcare are provided. We will knock on doors in pairs, so no one goes alone.",
		StartsAt: start, EndsAt: start.Add(90 * time.Minute), Zone: zone,
		Address:       fmt.Sprintf("%d Sunset Blvd, Los Angeles, CA 90026", 1000+i),
		Accessibility: "Step-free entrance; ASL on request.", Registration: i%3 == 0}
	if i%4 == 0 {
		e.OnlineURL = fmt.Sprintf("https://call.example/j/%d", i)
	}
	return e
}

// touch changes the title of the first public event still to come, as a
// host would, and prints it: the next fetch of the feed must show it.
func touch(ctx context.Context, db *store.DB) error {
	events := store.NewEventService(db)
	list, err := events.FindEvents(ctx, rankfile.EventFilter{From: time.Now(), Audiences: []rankfile.Audience{rankfile.AudiencePublic},
		Scheduled: true, Limit: 1})
	if err != nil || len(list) == 0 {
		return fmt.Errorf("no public event to change: %v", err)
	}
	e := list[0]
	e.Title = "Echo Park canvass changed at " + time.Now().Format("15:04:05.000")
	if err := events.UpdateEvent(ctx, e, app.EventNotices); err != nil {
		return err
	}
	fmt.Println(e.Title)
	return nil
}
