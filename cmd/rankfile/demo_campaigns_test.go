package main

import (
	"context"
	"testing"

	"github.com/rankfile/rankfile"
)

// checkDemoCampaigns checks that the demo's field campaign has about 5,000
// doors, all on the map and in Central, about 1.6 voters a door, and turfs
// in every state: member@example.org's out until tonight, a pair's, some
// back and some closed; and that a do-not-contact entry marked a voter.
func checkDemoCampaigns(t *testing.T, dsn string) {
	ctx := context.Background()
	web := demoApp(t, dsn)
	coordinator := demoActor(t, web, "coordinator@example.org")
	list, err := web.FindCampaigns(ctx, coordinator, 0)
	if err != nil || len(list) != 2 || list[0].Kind != rankfile.CampaignMeasure || list[1].Kind != rankfile.CampaignCandidate {
		t.Fatalf("campaigns %v, %v; want Central's and the endorsed candidate's", list, err)
	}
	sum, err := web.CampaignSummary(ctx, coordinator, list[0].ID)
	if err != nil || !sum.Runs {
		t.Fatalf("summary %+v, %v", sum, err)
	}
	n := sum.Counts
	if n.Households < 4500 || n.Households > 6000 || n.Located != n.Households || n.Targets < n.Households*3/2 || n.Targets > n.Households*17/10 {
		t.Errorf("counts %+v; want about 5,000 doors on the map, 1.6 voters each", n)
	}
	s := sum.TurfStates
	// The campaign's own step leaves two out and two back; the week on
	// the doors after it walks more, and leaves member@example.org's out.
	if s.Out < 2 || s.Back < 2 || s.Closed != 3 || s.Free < 50 {
		t.Errorf("turfs by state %+v", s)
	}
	board, err := web.TurfBoard(ctx, coordinator, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	mine := demoActor(t, web, "member@example.org")
	for _, turf := range board.Turfs {
		if turf.State == rankfile.TurfOut && turf.CanvasserID == mine.ID() && (turf.Doors < 40 || turf.Doors > 80) {
			t.Errorf("member@example.org's turf has %d doors", turf.Doors)
		}
	}
	marked, _, err := web.Campaigns.FindTargets(ctx, rankfile.TargetFilter{CampaignID: list[0].ID})
	dnc := 0
	for _, x := range marked {
		if x.DoNotContact {
			dnc++
		}
	}
	if err != nil || dnc == 0 {
		t.Errorf("no voter is marked do not contact: %v", err)
	}
}
