package main

import (
	"context"
	"testing"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoFeedback checks the demo's trainings: the coordinator of
// Central sees the results of the two with enough answers and none of the
// last, and member@example.org, who came to it, may still answer.
func checkDemoFeedback(t *testing.T, dsn string) {
	ctx := context.Background()
	db := storetest.Open(t, dsn)
	web := appServices(db)
	central, err := web.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: demo.FeedbackBody})
	if err != nil {
		t.Fatal(err)
	}
	coordinator := demoActor(t, web, "coordinator@example.org")
	months, err := web.FeedbackTrends(ctx, coordinator, rfapp.FeedbackTrendFilter{BodyID: central.ID})
	if err != nil || len(months) == 0 {
		t.Fatalf("Central's trends: %v, %v", months, err)
	}
	shown, withheld := 0, 0
	for _, m := range months {
		shown += m.Results.Events
		withheld += m.Results.Withheld
	}
	if shown != 2 || withheld != 1 {
		t.Errorf("Central's trainings: %d with results, %d withheld; want 2 and 1", shown, withheld)
	}
	me := demoActor(t, web, "member@example.org")
	attended, err := web.EventsAttended(ctx, me)
	if err != nil || len(attended) == 0 {
		t.Fatalf("member@example.org attended %v, %v", attended, err)
	}
	v, err := web.FeedbackForm(ctx, me, attended[0].EventID)
	if err != nil || v.Answered || v.Closed != "" {
		t.Errorf("her last training's form: %+v, %v; want it open to her", v, err)
	}
}
