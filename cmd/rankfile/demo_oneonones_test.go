package main

import (
	"context"
	"testing"

	"github.com/rankfile/rankfile"
)

// checkDemoOneOnOnes checks that member@example.org, an organizer in the
// demo, finds their people at /people in the order to call them, a
// follow-up due today among them, and reads the notes they wrote, opened
// with the demo's key.
func checkDemoOneOnOnes(t *testing.T, dsn string) {
	ctx := context.Background()
	web := demoApp(t, dsn)
	mine := demoActor(t, web, "member@example.org")
	list, err := web.People(ctx, mine)
	if err != nil || list.Total < 5 {
		t.Fatalf("member@example.org's people: %+v, %v; want 5 and those onboarding gave her", list, err)
	}
	var groups []rankfile.PersonGroup
	for _, g := range list.Groups {
		groups = append(groups, g.Group)
	}
	// She called one of her new members today (recent), which ticks that
	// member's first one-on-one.
	want := []rankfile.PersonGroup{rankfile.PersonNew, rankfile.PersonFollowUp, rankfile.PersonStale, rankfile.PersonReturning, rankfile.PersonRecent}
	if len(groups) != len(want) {
		t.Fatalf("groups = %v, want %v", groups, want)
	}
	for i := range want {
		if groups[i] != want[i] {
			t.Errorf("groups = %v, want %v", groups, want)
		}
	}
	for _, p := range list.Groups[4].People {
		if p.Checklist == nil || p.Checklist.Done < 1 {
			t.Errorf("a new member called today shows %+v; want the first one-on-one ticked", p.Checklist)
		}
	}
	due := list.Groups[1].People[0]
	c, err := web.Conversations(ctx, mine, due.Member.ID)
	if err != nil || c == nil || len(c.Conversations) != 1 || c.Conversations[0].Notes == "" {
		t.Errorf("the notes of the follow-up: %+v, %v", c, err)
	}
}
