package app_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestCampaignResultsCountKnocksAndCalls knocks on two of a turf's ten
// doors (a supporter at one) and calls a voter from the campaign's
// phonebank (a supporter who will volunteer): the results say three
// attempts, one a call, two conversations, two supporters, one volunteer,
// the turf a fifth knocked, and name each volunteer. A member who does not
// run the campaign may not see them.
func TestCampaignResultsCountKnocksAndCalls(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		turf, doors, _ := turfWorld(t, w)
		canvasser := w.voter(5)
		knocks := []*rankfile.Attempt{
			{ClientID: "knock-r-0001", TurfID: turf.ID, HouseholdID: doors[0].Household.ID, Channel: rankfile.ChannelDoor,
				Result: rankfile.ResultContact, Support: 5, At: w.now},
			{ClientID: "knock-r-0002", TurfID: turf.ID, HouseholdID: doors[1].Household.ID, Channel: rankfile.ChannelDoor,
				Result: rankfile.ResultNotHome, At: w.now},
		}
		if _, err := w.app.RecordAttempts(ctx, canvasser, knocks); err != nil {
			t.Fatal(err)
		}
		p := &rankfile.Phonebank{CampaignID: turf.CampaignID, Name: "Calls", Source: rankfile.PhonebankTargets}
		if err := w.app.CreatePhonebank(ctx, w.admin, p); err != nil {
			t.Fatal(err)
		}
		caller := w.voter(6)
		if err := w.app.AddCaller(ctx, w.admin, p.ID, caller.ID()); err != nil {
			t.Fatal(err)
		}
		tgs, _ := w.app.Campaigns.Targets(ctx, turf.CampaignID)
		for _, tg := range tgs { // blockCampaign's voters have no phones: give one a number
			if tg.HouseholdID == doors[5].Household.ID {
				if _, err := w.app.Phonebanks.AddCalls(ctx, p.ID, []*rankfile.Call{{TargetID: tg.ID, Name: "Voter", Phone: "+12135550100"}}); err != nil {
					t.Fatal(err)
				}
			}
		}
		calls, err := w.app.ClaimCalls(ctx, caller, p.ID)
		if err != nil || len(calls) != 1 {
			t.Fatal(calls, err)
		}
		call := &rankfile.Attempt{ClientID: "call-r-0001", CallID: calls[0].ID, Result: rankfile.ResultContact, Support: 4,
			Volunteer: true, At: w.now}
		if _, err := w.app.RecordCalls(ctx, caller, p.ID, []*rankfile.Attempt{call}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.CampaignResults(ctx, canvasser, turf.CampaignID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a canvasser sees the campaign's results: %v", err)
		}
		r, err := w.app.CampaignResults(ctx, w.admin, turf.CampaignID)
		if err != nil {
			t.Fatal(err)
		}
		want := rankfile.FieldResults{Doors: 3, Attempts: 3, Calls: 1, Contacts: 2, Supporters: 2, Volunteers: 1}
		if *r.Total != want {
			t.Errorf("total %+v, want %+v", *r.Total, want)
		}
		if len(r.ByTurf) != 1 || r.ByTurf[0].Completion != 0.2 || r.ByTurf[0].Results.Doors != 2 {
			t.Errorf("by turf: %+v", r.ByTurf[0])
		}
		if len(r.ByCanvasser) != 2 || r.ByCanvasser[0].Name != w.member(5).FullName() || r.ByCanvasser[1].Results.Volunteers != 1 {
			t.Errorf("by canvasser: %+v %+v", r.ByCanvasser[0], r.ByCanvasser[1])
		}
		if len(r.Phonebanks) != 1 || r.Phonebanks[0].Progress.Done != 1 {
			t.Errorf("phonebanks: %+v", r.Phonebanks)
		}
	})
}

// TestFieldWorkFeedsTheLadder sets a ladder whose "canvasser" stage asks
// for two doors in thirty days and whose "caller" stage asks for a call:
// the member who knocked on two doors is a canvasser on her path, and the
// phonebank's stage filter finds her among the chapter's canvassers.
func TestFieldWorkFeedsTheLadder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		if err := w.app.SetLadder(ctx, w.admin, "canvasser: doors >= 2 in 30 days\ncaller: calls >= 1"); err != nil {
			t.Fatal(err)
		}
		turf, doors, _ := turfWorld(t, w)
		var knocks []*rankfile.Attempt
		for i, d := range doors[:2] {
			knocks = append(knocks, &rankfile.Attempt{ClientID: "ladder-knock-" + string(rune('a'+i)) + "1", TurfID: turf.ID,
				HouseholdID: d.Household.ID, Channel: rankfile.ChannelDoor, Result: rankfile.ResultNotHome, At: w.now})
		}
		canvasser := w.voter(5)
		if _, err := w.app.RecordAttempts(ctx, canvasser, knocks); err != nil {
			t.Fatal(err)
		}
		path, err := w.app.MyPath(ctx, canvasser)
		if err != nil || path.Stage != "canvasser" {
			t.Fatalf("after two doors: %+v, %v; want the canvasser stage", path, err)
		}
		stages, err := w.app.Benchmarks.MemberStages(ctx, w.app.Today())
		if err != nil || stages[canvasser.ID()] != "canvasser" || len(stages) != 1 {
			t.Errorf("the chapter's stages: %v, %v", stages, err)
		}
	})
}
