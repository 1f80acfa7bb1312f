package demo_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/geo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestAWeekOnTheDoors fills a small demo chapter, gives it a campaign of
// 240 doors cut into turfs of 20, and records the week: the script is
// the demo's, in both languages; the week's attempts are spread over
// seven past days among several canvassers, with contacts, supporters
// and volunteers among them, and a turf is out with member@example.org
// today.
func TestAWeekOnTheDoors(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx, db, setClock := smallDemo(t, dsn, 300)
		a := &app.App{Members: store.NewMemberService(db), Bodies: store.NewBodyService(db), Auth: store.NewAuthService(db),
			Campaigns: store.NewCampaignService(db), Turfs: store.NewTurfService(db), Attempts: store.NewAttemptService(db),
			Zone: db.Zone, Now: db.Now}
		c := smallCampaign(t, ctx, a, db)
		if err := demo.CampaignScript(ctx, a, c.ID); err != nil {
			t.Fatal(err)
		}
		sum, err := demo.FieldResults(ctx, a, setClock, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Turfs != 11 || sum.Attempts != 220 || sum.Contacts == 0 || sum.Supporters == 0 || sum.Volunteers == 0 || sum.Today == nil {
			t.Fatalf("the week %+v; want 11 turfs walked, 220 attempts, some of each kind, one turf out today", sum)
		}
		days, err := a.Attempts.FieldResults(ctx, c.ID, rankfile.ResultsByDay)
		if err != nil || len(days) < 3 {
			t.Errorf("the week's days: %d, %v", len(days), err)
		}
		canvassers, _ := a.Attempts.FieldResults(ctx, c.ID, rankfile.ResultsByCanvasser)
		if len(canvassers) < 5 {
			t.Errorf("%d canvassers, want several", len(canvassers))
		}
		mine, err := a.CanvassTurfs(ctx, memberActor(t, ctx, a, "member@example.org"))
		if err != nil || len(mine) != 1 || !mine[0].Held {
			t.Errorf("member@example.org's turfs today: %+v, %v", mine, err)
		}
		script, _ := a.Campaigns.CampaignScript(ctx, c.ID)
		if !strings.Contains(script.ScriptES, "alquiler") || len(script.Questions) != 3 {
			t.Errorf("the script %+v", script)
		}
	})
}

// smallCampaign is 240 doors on twelve blocks, cut into turfs of 20.
func smallCampaign(t *testing.T, ctx context.Context, a *app.App, db *store.DB) *rankfile.Campaign {
	t.Helper()
	chapter, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "los-angeles-chapter"})
	if err != nil {
		t.Fatal(err)
	}
	admin := memberActor(t, ctx, a, demo.Accounts[0].Email)
	admin.Admin = true
	c := &rankfile.Campaign{BodyID: chapter.ID, Name: "Rent control now", Kind: rankfile.CampaignMeasure}
	if err := a.CreateCampaign(ctx, admin, c); err != nil {
		t.Fatal(err)
	}
	var list strings.Builder
	list.WriteString("Name,Address,Zip,Lat,Lon\n")
	for i := range 240 {
		fmt.Fprintf(&list, "Voter %d,%d Block %d St,90026,%.5f,%.5f\n", i, 100+2*(i%20), i/20, 34.07+float64(i/20)*0.002, -118.26+float64(i%20)*0.0002)
	}
	m := rankfile.TargetMapping{"full_name": "Name", "address": "Address", "zip": "Zip", "lat": "Lat", "lon": "Lon"}
	if _, bad, err := a.ImportTargets(ctx, admin, c.ID, "voters", m, strings.NewReader(list.String())); err != nil || bad != nil {
		t.Fatal(err, bad)
	}
	if cut, err := a.CutTurfs(ctx, admin, c.ID, geo.TurfSize{Min: 20, Target: 20, Max: 20}); err != nil || len(cut.Turfs) != 12 {
		t.Fatalf("cut %+v, %v", cut, err)
	}
	return c
}

func memberActor(t *testing.T, ctx context.Context, a *app.App, email string) *rankfile.Actor {
	t.Helper()
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: email})
	if err != nil {
		t.Fatal(err)
	}
	return &rankfile.Actor{Member: m}
}
