package main

import (
	"context"
	"testing"

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
