package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestAWalkIsTheHoldersAndCarriesNoPhones checks the canvasser's side: the
// turf out with them is on their list, and stays there a week after its
// time to send what the phone kept; its walk has the doors in order with
// names and the script, and carries no phone number; a member without
// the turf reads no walk.
func TestAWalkIsTheHoldersAndCarriesNoPhones(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		turf, doors, _ := turfWorld(t, w)
		canvasser := w.voter(5)
		if err := w.app.SetCampaignScript(ctx, w.admin, &rankfile.CampaignScript{CampaignID: turf.CampaignID, Script: "Hi!"}); err != nil {
			t.Fatal(err)
		}
		mine, err := w.app.CanvassTurfs(ctx, canvasser)
		if err != nil || len(mine) != 1 || !mine[0].Held || mine[0].Campaign.Name != "Yes on H" {
			t.Fatalf("the canvasser's turfs %+v, %v", mine, err)
		}
		walk, err := w.app.Walk(ctx, canvasser, turf.ID)
		if err != nil || len(walk.Doors) != len(doors) || walk.Doors[0].Household.ID != doors[0].Household.ID ||
			len(walk.Doors[0].People) != 1 || walk.Script.Script != "Hi!" {
			t.Fatalf("the walk %+v, %v", walk, err)
		}
		b, _ := json.Marshal(walk)
		if strings.Contains(string(b), "phone") || strings.Contains(string(b), "+1") {
			t.Errorf("the walk carries phones: %s", b)
		}
		if _, err := w.app.Walk(ctx, w.voter(6), turf.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member walks a turf not theirs: %v", err)
		}
		w.now = w.now.Add(24 * time.Hour)
		if mine, _ := w.app.CanvassTurfs(ctx, canvasser); len(mine) != 1 || mine[0].Held {
			t.Errorf("a day after: %+v", mine)
		}
		w.now = w.now.Add(8 * 24 * time.Hour)
		if mine, _ := w.app.CanvassTurfs(ctx, canvasser); len(mine) != 0 {
			t.Errorf("a week after: %+v", mine)
		}
	})
}
