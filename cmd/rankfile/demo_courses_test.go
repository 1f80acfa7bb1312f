package main

import (
	"context"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoCourseRules checks the training program's rules in the demo:
// the canvass lead seat and canvasses' leads require canvassing, the next
// canvass has leads who hold it, and public speaking is flagged to the
// admin as not offered this quarter.
func checkDemoCourseRules(t *testing.T, dsn string) {
	ctx := context.Background()
	web := appServices(storetest.Open(t, dsn))
	admin := demoActor(t, web, "steward@example.org")
	v, err := web.CourseRequirements(ctx, admin)
	if err != nil || len(v.Requirements) != 2 || v.Requirements[0].SeatTitle != "Canvass lead" || v.Requirements[1].EventKind != rankfile.EventCanvass {
		t.Fatalf("the requirements: %+v, %v", v, err)
	}
	events, err := web.Calendar(ctx, admin, rankfile.EventFilter{Kinds: []rankfile.EventKind{rankfile.EventCanvass}, From: web.Now(), Limit: 1})
	if err != nil || len(events) != 1 {
		t.Fatalf("the next canvass: %v", err)
	}
	if ev, err := web.Event(ctx, demoActor(t, web, "member@example.org"), events[0].ID); err != nil || len(ev.Leads) != 2 {
		t.Errorf("the next canvass's leads: %+v, %v", ev, err)
	}
	unoffered, err := web.NotOfferedThisQuarter(ctx, admin)
	found := false
	for _, c := range unoffered {
		found = found || c.Title == "Public speaking"
	}
	if err != nil || !found {
		t.Errorf("not offered this quarter: %v, %v; want public speaking among them", unoffered, err)
	}
}
