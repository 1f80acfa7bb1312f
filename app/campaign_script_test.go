package app_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestScriptsAreWrittenByRunnersReadByHolders checks that a campaign's
// runners write its script, the canvasser holding one of its turfs reads
// it but may not change it, and a member without a turf does neither;
// once the turf's time is up its canvasser no longer reads it.
func TestScriptsAreWrittenByRunnersReadByHolders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		turf, _, _ := turfWorld(t, w)
		canvasser, other := w.voter(5), w.voter(6)
		s := &rankfile.CampaignScript{CampaignID: turf.CampaignID, Script: "Hi!", Issues: []string{"Rent"}}
		if err := w.app.SetCampaignScript(ctx, canvasser, s); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("the canvasser writes the script: %v", err)
		}
		if err := w.app.SetCampaignScript(ctx, w.admin, s); err != nil {
			t.Fatal(err)
		}
		if got, err := w.app.CampaignScript(ctx, canvasser, turf.CampaignID); err != nil || got.Script != "Hi!" {
			t.Errorf("the canvasser reads %+v, %v", got, err)
		}
		if _, err := w.app.CampaignScript(ctx, other, turf.CampaignID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member without a turf reads the script: %v", err)
		}
		if _, err := w.app.CampaignScript(ctx, w.admin, turf.CampaignID+9); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("no such campaign: %v", err)
		}
		w.now = w.now.Add(4 * time.Hour)
		if _, err := w.app.CampaignScript(ctx, canvasser, turf.CampaignID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("the canvasser reads the script after the turf came back: %v", err)
		}
	})
}
