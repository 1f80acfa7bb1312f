package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoEvents checks the demo's calendar: weeks of events, a full
// training with its waitlist in order, last week's canvass with attendance
// taken, and member@example.org registered for the orientation, whose call
// they see and the calendar does not show.
func checkDemoEvents(t *testing.T, dsn string) {
	ctx := context.Background()
	db := storetest.Open(t, dsn)
	web := appServices(db)
	m, err := web.Members.FindMember(ctx, rankfile.MemberFilter{Email: "member@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	me := &rankfile.Actor{Member: m}
	list, err := web.Calendar(ctx, me, rankfile.EventFilter{From: time.Now().Add(-10 * 24 * time.Hour), To: time.Now().Add(30 * 24 * time.Hour)})
	if err != nil || len(list) < 10 {
		t.Fatalf("the demo's calendar holds %d events, %v; want weeks of them", len(list), err)
	}
	checkNoSeriesOnHolidays(ctx, t, web, me)
	var full, past *rankfile.Event
	for _, e := range list {
		if e.Full() && e.Waitlisted > 0 {
			full = e
		}
		if e.Past(time.Now()) {
			past = e
		}
	}
	if full == nil || full.Registered != full.Capacity || full.Waitlisted != 6 {
		t.Errorf("no full event with a waitlist of six: %+v", full)
	}
	if past == nil {
		t.Fatal("no past event")
	}
	regs, err := web.Events.Registrations(ctx, past.ID)
	attended := 0
	for _, r := range regs {
		if r.Attended() {
			attended++
		}
	}
	if err != nil || attended != 15 {
		t.Errorf("last week's canvass: %d attended, %v; want 15 (one walked in)", attended, err)
	}
	mine, err := web.MyEvents(ctx, me, rankfile.EventFilter{From: time.Now()})
	if err != nil || len(mine) != 1 || mine[0].Event.PrivateDetails == "" || mine[0].Event.OnlineURL == "" {
		t.Fatalf("member@example.org's events: %+v, %v; want the orientation with its call", mine, err)
	}
	for _, e := range list {
		if e.ID == mine[0].Event.ID && (e.OnlineURL != "" || e.PrivateDetails != "") {
			t.Errorf("the calendar shows the orientation's call: %+v", e)
		}
	}
}

// checkNoSeriesOnHolidays checks that the demo's series skip the winter
// holidays, as the chapter's volunteers do.
func checkNoSeriesOnHolidays(ctx context.Context, t *testing.T, web *rfapp.App, me *rankfile.Actor) {
	t.Helper()
	all, err := web.Calendar(ctx, me, rankfile.EventFilter{From: time.Now(), To: time.Now().Add(120 * 24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	series := 0
	for _, e := range all {
		if e.SeriesID == 0 {
			continue
		}
		series++
		d := rankfile.DateOf(e.StartsAt.In(e.Location()))
		if (d.Month == time.December && (d.Day == 24 || d.Day == 25 || d.Day == 31)) || (d.Month == time.January && d.Day == 1) {
			t.Errorf("%s falls on %s", e.Title, d)
		}
	}
	if series < 10 {
		t.Errorf("%d events of series ahead, want the weekly phonebank's and the orientations", series)
	}
}

// TestTheDemoEmailsAGuestTheLinkThatConfirms serves the demo, which has no
// SMTP server, registers someone who is not a member for a public event,
// and finds in the server's log the email with the link that confirms it:
// without it a guest could not finish registering in the demo.
func TestTheDemoEmailsAGuestTheLinkThatConfirms(t *testing.T) {
	dsn := storetest.SQLiteDSN(t)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- Main(ctx, []string{"--db", dsn, "demo", "--addr", "127.0.0.1:0"}, func(string) string { return "" }, nil, &stdout, &stderr)
	}()
	defer func() { cancel(); <-done }()
	url, _, _ := strings.Cut(waitForURL(t, &stdout), "\n")
	var events []struct {
		ID           int64 `json:"id"`
		Registration bool  `json:"registration"`
	}
	if err := json.Unmarshal([]byte(get(t, url+"api/v1/events")), &events); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(events, func(e struct {
		ID           int64 `json:"id"`
		Registration bool  `json:"registration"`
	}) bool {
		return e.Registration
	})
	if i < 0 {
		t.Fatal("the demo has no public event taking registrations")
	}
	resp, err := http.Post(fmt.Sprintf("%sapi/v1/events/%d/registration", url, events[i].ID), "application/json",
		strings.NewReader(`{"name":"Gina Guest","email":"gina@example.net"}`))
	if err != nil || resp.StatusCode != http.StatusAccepted {
		t.Fatalf("registering a guest: %v %v", resp.Status, err)
	}
	resp.Body.Close()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		for _, line := range strings.Split(stderr.String(), "\n") {
			if strings.Contains(line, "gina@example.net") && strings.Contains(line, "/registrations/") {
				return
			}
		}
	}
	t.Errorf("the log holds no email to the guest with the link that confirms:\n%s", stderr.String())
}
