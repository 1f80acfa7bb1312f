package main

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	rfapp "github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoTrainingReport checks the training report over the demo's
// year: steward@example.org, an admin, sees every course's sessions held,
// members trained, and feedback shown for the sessions where six
// answered and withheld for those where four did.
func checkDemoTrainingReport(t *testing.T, dsn string) {
	ctx := context.Background()
	web := appServices(storetest.Open(t, dsn))
	r, err := web.TrainingReport(ctx, demoActor(t, web, "steward@example.org"), rfapp.TrainingReportQuery{})
	if err != nil {
		t.Fatal(err)
	}
	sessions, trained := 0, 0
	for _, c := range r.Totals {
		sessions += c.Sessions
	}
	for _, c := range r.Figures.Trained {
		if c.AllBranches && c.AllLevels {
			trained += c.Members
		}
	}
	shown, withheld := 0, 0
	for _, f := range r.Feedback {
		shown += f.Counted
		withheld += f.Sessions - f.Counted
	}
	if sessions < 20 || trained < 50 || shown == 0 || withheld == 0 {
		t.Errorf("the demo's report: %d sessions, %d trained, feedback of %d shown and %d withheld; want a year of each",
			sessions, trained, shown, withheld)
	}
}

// checkDemoCourseRules checks the training program's rules in the demo:
// the canvass lead seat and canvasses' leads require canvassing, the
// Highland Park canvass has leads who hold it, and public speaking is flagged to the
// admin as not offered this quarter.
func checkDemoCourseRules(t *testing.T, dsn string) {
	ctx := context.Background()
	web := appServices(storetest.Open(t, dsn))
	admin := demoActor(t, web, "steward@example.org")
	v, err := web.CourseRequirements(ctx, admin)
	if err != nil || len(v.Requirements) != 2 || v.Requirements[0].SeatTitle != "Canvass lead" || v.Requirements[1].EventKind != rankfile.EventCanvass {
		t.Fatalf("the requirements: %+v, %v", v, err)
	}
	events, err := web.Calendar(ctx, admin, rankfile.EventFilter{Kinds: []rankfile.EventKind{rankfile.EventCanvass}, From: web.Now()})
	i := slices.IndexFunc(events, func(e *rankfile.Event) bool { return strings.Contains(e.Title, "Highland Park") })
	if err != nil || i < 0 {
		t.Fatalf("the Highland Park canvass: %v", err)
	}
	if ev, err := web.Event(ctx, demoActor(t, web, "member@example.org"), events[i].ID); err != nil || len(ev.Leads) != 2 {
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
