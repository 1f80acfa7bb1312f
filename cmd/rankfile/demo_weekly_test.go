package main

import (
	"context"
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoWeekly checks the demo's draft of the coming week's weekly
// email: coordinator@example.org may edit it, Central's members get their
// general meeting and Westside's their canvass, and its intro reaches
// every member in good standing.
func checkDemoWeekly(t *testing.T, dsn string) {
	ctx := context.Background()
	db := storetest.Open(t, dsn)
	web := appServices(db)
	coordinator, err := web.Members.FindMember(ctx, rankfile.MemberFilter{Email: "coordinator@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	comms, err := web.Auth.Actor(ctx, coordinator.ID)
	if err != nil || !comms.Communications {
		t.Fatalf("coordinator@example.org is not on the communications team: %+v, %v", comms, err)
	}
	list, err := web.Weeklies(ctx, comms)
	if err != nil || len(list) != 1 || list[0].WeekOf != rankfile.ComingWeek(web.Today()) || list[0].Sent() || list[0].Intro != demo.WeeklyIntro || list[0].IntroES != demo.WeeklyIntroES {
		t.Fatalf("the demo's weekly emails: %+v, %v", list, err)
	}
	v, err := web.WeeklyEmail(ctx, comms, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	copies := map[string][]string{}
	for _, p := range v.Previews {
		if p.Branch != nil {
			for _, e := range p.Events {
				copies[p.Branch.Slug] = append(copies[p.Branch.Slug], e.Title)
			}
		}
	}
	if !slices.Contains(copies["central"], "Central branch general meeting") || slices.Contains(copies["westside"], "Central branch general meeting") ||
		!slices.Contains(copies["westside"], "Westside tenant canvass") || slices.Contains(copies["central"], "Westside tenant canvass") {
		t.Errorf("the branches' copies: %v", copies)
	}
	if v.Recipients < 3000 {
		t.Errorf("the intro reaches %d members, want every member in good standing", v.Recipients)
	}
}
