package main

import (
	"context"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoPhonebanks checks the demo's renewal phonebank: a list of
// lapsed members with a week of calls made from it, and
// member@example.org holding a batch whose numbers she sees; and this
// Saturday's canvass handing out the campaign's turfs.
func checkDemoPhonebanks(t *testing.T, dsn string) {
	ctx := context.Background()
	db := storetest.Open(t, dsn)
	web := appServices(db)
	me := demoActor(t, web, "member@example.org")
	list, err := web.FindPhonebanks(ctx, me, 0)
	if err != nil || len(list) != 1 || !strings.Contains(list[0].Name, "Renewal") {
		t.Fatalf("the demo's phonebanks: %v, %v", list, err)
	}
	v, err := web.Phonebank(ctx, me, list[0].ID)
	if err != nil || !v.Calls || len(v.Held) == 0 || v.Progress.Calls < 20 || v.Progress.Done == 0 {
		t.Errorf("member@example.org's renewal calls: %+v held %d, %v", v.Progress, len(v.Held), err)
	}
	canvasses, err := web.Events.FindEvents(ctx, rankfile.EventFilter{Kinds: []rankfile.EventKind{rankfile.EventCanvass}, From: web.Now()})
	linked := 0
	for _, e := range canvasses {
		if id, _ := web.Shifts.CanvassCampaign(ctx, e.ID); id != 0 {
			linked++
		}
	}
	if err != nil || linked != 1 {
		t.Errorf("%d canvasses hand out the campaign's turfs, %v; want this Saturday's", linked, err)
	}
}
