package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
	"github.com/rankfile/rankfile/store/storetest"
)

const tenantsList = "Name,Phone,Address,Zip\n" +
	"Ana Núñez,(213) 555-0101,1234 N Main St Apt 5,90026\n" +
	"Bo Li,,1236 N Main St,90026\n"

var tenantsMapping = rankfile.TargetMapping{"full_name": "Name", "phone": "Phone", "address": "Address", "zip": "Zip"}

// TestCampaignsAreRunByTheirBodys checks who may do what: members see the
// campaigns but neither start one, nor import a list, nor add to the
// do-not-contact list; an admin does all three. A list with a bad line
// is returned with the line and nothing is stored; the next import of a
// source finds its columns by the source's name.
func TestCampaignsAreRunByTheirBodys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := &rankfile.Campaign{BodyID: w.chapter.ID, Name: "Tenants of Main St", Kind: rankfile.CampaignTenant}
		member := w.voter(5)
		if err := w.app.CreateCampaign(ctx, member, c); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Fatalf("a member starts a campaign: %v", err)
		}
		if err := w.app.CreateCampaign(ctx, w.admin, c); err != nil {
			t.Fatal(err)
		}
		if found, err := w.app.FindCampaigns(ctx, member, 0); err != nil || len(found) != 1 {
			t.Errorf("a member sees %v, %v", found, err)
		}
		if _, _, err := w.app.ImportTargets(ctx, member, c.ID, "sign-up sheet", tenantsMapping, strings.NewReader(tenantsList)); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member imports a list: %v", err)
		}
		bad := tenantsList + "Cy Ray,555,1238 N Main St,90026\n"
		done, lines, err := w.app.ImportTargets(ctx, w.admin, c.ID, "sign-up sheet", tenantsMapping, strings.NewReader(bad))
		if err != nil || done != nil || len(lines) != 1 || lines[0].Line != 4 {
			t.Fatalf("a list with a bad line: %+v, %v, %v", done, lines, err)
		}
		if targets, _ := w.app.Campaigns.Targets(ctx, c.ID); len(targets) != 0 {
			t.Fatalf("%d targets stored from a refused list", len(targets))
		}
		if _, _, err := w.app.ImportTargets(ctx, w.admin, c.ID, "sign-up sheet", nil, strings.NewReader(tenantsList)); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a new source without a mapping: %v", err)
		}
		if done, _, err = w.app.ImportTargets(ctx, w.admin, c.ID, "sign-up sheet", tenantsMapping, strings.NewReader(tenantsList)); err != nil || done.Added != 2 {
			t.Fatalf("import %+v, %v", done, err)
		}
		if done, _, err = w.app.ImportTargets(ctx, w.admin, c.ID, "sign-up sheet", nil, strings.NewReader(tenantsList)); err != nil || done.Merged != 2 {
			t.Fatalf("the source again, by its name: %+v, %v", done, err)
		}
		entry := &rankfile.DoNotContactEntry{Kind: rankfile.DoNotContactPhone, Value: "213 555 0101"}
		if err := w.app.AddDoNotContact(ctx, member, entry); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member adds to the do-not-contact list: %v", err)
		}
		if err := w.app.AddDoNotContact(ctx, w.admin, entry); err != nil {
			t.Fatal(err)
		}
	})
}

// TestTurfsAreCutCheckedOutAndComeBack cuts a block's doors into turfs:
// every door with coordinates is in one turf, the one without waits; the
// second cut finds nothing left; a turf checked out is the canvasser's to
// read and nobody else's but the campaign's runners; another canvasser
// cannot take it while it is out, and can when its time is up.
func TestTurfsAreCutCheckedOutAndComeBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := &rankfile.Campaign{BodyID: w.chapter.ID, Name: "Yes on H", Kind: rankfile.CampaignMeasure}
		if err := w.app.CreateCampaign(ctx, w.admin, c); err != nil {
			t.Fatal(err)
		}
		var list strings.Builder
		list.WriteString("Name,Address,Zip,Lat,Lon\n")
		for n := 1; n <= 24; n++ {
			fmt.Fprintf(&list, "Voter %d,%d N Main St,90026,%.6f,-118.26\n", n, 1200+2*n, 34.07+float64(n)*0.00005)
		}
		list.WriteString("Voter X,9 Elm St,90026,,\n")
		m := rankfile.TargetMapping{"full_name": "Name", "address": "Address", "zip": "Zip", "lat": "Lat", "lon": "Lon"}
		if _, bad, err := w.app.ImportTargets(ctx, w.admin, c.ID, "voters", m, strings.NewReader(list.String())); err != nil || bad != nil {
			t.Fatal(err, bad)
		}
		member := w.voter(5)
		if _, err := w.app.CutTurfs(ctx, member, c.ID, geo.TurfSize{Min: 6, Target: 8, Max: 10}); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Fatalf("a member cuts turfs: %v", err)
		}
		cut, err := w.app.CutTurfs(ctx, w.admin, c.ID, geo.TurfSize{Min: 6, Target: 8, Max: 10})
		if err != nil || len(cut.Turfs) != 3 || cut.Unplaced != 1 {
			t.Fatalf("cut %+v, %v; want 3 turfs of 8 and the door without coordinates waiting", cut, err)
		}
		again, err := w.app.CutTurfs(ctx, w.admin, c.ID, geo.TurfSize{Min: 6, Target: 8, Max: 10})
		if err != nil || len(again.Turfs) != 0 || again.Unplaced != 1 {
			t.Fatalf("a second cut %+v, %v; want nothing new", again, err)
		}
		turf := cut.Turfs[0]
		if _, _, err := w.app.TurfDoors(ctx, member, turf.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member reads a turf not theirs: %v", err)
		}
		if err := w.app.CheckOutTurf(ctx, w.admin, turf.ID, member.Member.ID, 0, w.now.Add(3*time.Hour)); err != nil {
			t.Fatal(err)
		}
		_, doors, err := w.app.TurfDoors(ctx, member, turf.ID)
		if err != nil || len(doors) != 8 {
			t.Fatalf("the canvasser reads %d doors, %v", len(doors), err)
		}
		other := w.member(6).ID
		if err := w.app.CheckOutTurf(ctx, w.admin, turf.ID, other, 0, w.now.Add(3*time.Hour)); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a turf out with someone is given to another: %v", err)
		}
		w.now = w.now.Add(4 * time.Hour)
		if _, _, err := w.app.TurfDoors(ctx, member, turf.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("the canvasser reads the turf after its time: %v", err)
		}
		if err := w.app.CheckOutTurf(ctx, w.admin, turf.ID, other, 0, w.now.Add(3*time.Hour)); err != nil {
			t.Errorf("the turf back by itself: %v", err)
		}
		if err := w.app.CheckOutTurf(ctx, w.admin, turf.ID, other, 0, w.now.Add(100*time.Hour)); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a turf out for four days: %v", err)
		}
	})
}
