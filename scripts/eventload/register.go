package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

// target is one request in vegeta's JSON format.
type target struct {
	Method string              `json:"method"`
	URL    string              `json:"url"`
	Header map[string][]string `json:"header"`
}

// writeTargets puts an event with o.capacity seats on the calendar and
// prints the registration of each of o.members members as a vegeta
// target.
func writeTargets(ctx context.Context, db *store.DB, o options) error {
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, Brief: true})
	if err != nil {
		return err
	}
	if len(members) < o.members {
		return fmt.Errorf("only %d members are in good standing; make a bigger demo with --list-size", len(members))
	}
	e, err := openTraining(ctx, db, o.capacity)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, e.ID)
	auth := store.NewAuthService(db)
	url := fmt.Sprintf("%s/api/v1/events/%d/registration", o.base, e.ID)
	out := json.NewEncoder(os.Stdout)
	for i, m := range members[:o.members] {
		token, _, err := auth.CreateAPIToken(ctx, m.ID, "bench-register", rankfile.DefaultTokenDays)
		if err != nil {
			return err
		}
		t := target{Method: "POST", URL: url, Header: map[string][]string{"Authorization": {"Bearer " + token},
			"X-Real-IP": {fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)}}}
		if err := out.Encode(t); err != nil {
			return err
		}
	}
	return nil
}

// openTraining puts next week's organizer training on the calendar: for
// members, taking registrations, with capacity seats.
func openTraining(ctx context.Context, db *store.DB, capacity int) (*rankfile.Event, error) {
	chapter, err := chapterID(ctx, db)
	if err != nil {
		return nil, err
	}
	start := eveningIn(db, 7)
	e := &rankfile.Event{BodyID: chapter, Kind: rankfile.EventTraining, Title: "Organizer training: one-on-ones",
		Description: "How to hold a one-on-one conversation, with practice in pairs.", StartsAt: start,
		EndsAt: start.Add(2 * time.Hour), Zone: db.Zone.String(), Address: "Union Hall, 1000 Sunset Blvd, Los Angeles",
		Audience: rankfile.AudienceMembers, Registration: true, Capacity: capacity}
	return e, store.NewEventService(db).CreateEvents(ctx, []*rankfile.Event{e}, nil)
}

// stored is a registration as the database holds it.
type stored struct {
	id, member int64
	status     rankfile.RegistrationStatus
	line       int
	place      int
}

// readStored returns the event's registrations in line (the order of
// arrival), with each one's waitlist place as rankfile reports it. The
// line is read straight from the table: no part of rankfile shows it.
func readStored(ctx context.Context, db *store.DB, dsn string, eventID int64) ([]*stored, error) {
	driver := "sqlite"
	if db.Dialect() == store.Postgres {
		driver = "pgx"
	}
	raw, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	rows, err := raw.QueryContext(ctx, `SELECT id, COALESCE(member_id, 0), status, line FROM event_registrations
		WHERE event_id = $1 ORDER BY line`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*stored
	for rows.Next() {
		s := &stored{}
		if err := rows.Scan(&s.id, &s.member, &s.status, &s.line); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, addPlaces(ctx, db, eventID, out)
}

// addPlaces sets each registration's waitlist place as rankfile reports
// it to hosts and registrants.
func addPlaces(ctx context.Context, db *store.DB, eventID int64, regs []*stored) error {
	list, err := store.NewEventService(db).Registrations(ctx, eventID)
	if err != nil {
		return err
	}
	places := map[int64]int{}
	for _, r := range list {
		places[r.ID] = r.Place
	}
	for _, s := range regs {
		s.place = places[s.id]
	}
	return nil
}
