package app_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
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
		c := blockCampaign(t, w, 24)
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

// blockCampaign starts a campaign keeping its targets a year, of n voters
// along one block of N Main St with coordinates, and one on Elm St
// without.
func blockCampaign(t *testing.T, w *votingWorld, n int) *rankfile.Campaign {
	t.Helper()
	c := &rankfile.Campaign{BodyID: w.chapter.ID, Name: "Yes on H", Kind: rankfile.CampaignMeasure, RetentionMonths: 12}
	if err := w.app.CreateCampaign(ctx, w.admin, c); err != nil {
		t.Fatal(err)
	}
	var list strings.Builder
	list.WriteString("Name,Address,Zip,Lat,Lon\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&list, "Voter %d,%d N Main St,90026,%.6f,-118.26\n", i, 1200+2*i, 34.07+float64(i)*0.00005)
	}
	list.WriteString("Voter X,9 Elm St,90026,,\n")
	m := rankfile.TargetMapping{"full_name": "Name", "address": "Address", "zip": "Zip", "lat": "Lat", "lon": "Lon"}
	if _, bad, err := w.app.ImportTargets(ctx, w.admin, c.ID, "voters", m, strings.NewReader(list.String())); err != nil || bad != nil {
		t.Fatal(err, bad)
	}
	return c
}

// turfWorld is blockCampaign of ten voters on one block, cut into one turf
// checked out to member 5, and a door without coordinates left out.
func turfWorld(t *testing.T, w *votingWorld) (*rankfile.Turf, []*rankfile.TurfDoor, *rankfile.Household) {
	t.Helper()
	c := blockCampaign(t, w, 10)
	cut, err := w.app.CutTurfs(ctx, w.admin, c.ID, geo.TurfSize{Min: 5, Target: 10, Max: 20})
	if err != nil || len(cut.Turfs) != 1 {
		t.Fatal(cut, err)
	}
	if err := w.app.CheckOutTurf(ctx, w.admin, cut.Turfs[0].ID, w.member(5).ID, 0, w.now.Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	_, doors, err := w.app.TurfDoors(ctx, w.admin, cut.Turfs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	uncut, _ := w.app.Turfs.UncutDoors(ctx, c.ID)
	return cut.Turfs[0], doors, uncut[0]
}

// TestAttemptsAreStoredOnce records knocks as a phone sends them: sent
// again (the answer was lost), they are stored once; a batch with a door
// outside the turf, or from someone who does not hold it, stores nothing;
// a "do not contact" marks the voter; a campaign's runner enters a paper
// sheet for the canvasser who walked it.
func TestAttemptsAreStoredOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		turf, doors, outside := turfWorld(t, w)
		targets, _ := w.app.Campaigns.Targets(ctx, turf.CampaignID)
		living := map[int64]int64{} // household -> target
		for _, tg := range targets {
			living[tg.HouseholdID] = tg.ID
		}
		knock := func(id string, door int64, result rankfile.AttemptResult, support int) *rankfile.Attempt {
			return &rankfile.Attempt{ClientID: id, TurfID: turf.ID, HouseholdID: door, TargetID: living[door],
				Channel: rankfile.ChannelDoor, Result: result, Support: support, At: w.now}
		}
		batch := func() []*rankfile.Attempt {
			return []*rankfile.Attempt{knock("phone-a-0001", doors[0].Household.ID, rankfile.ResultContact, 4),
				knock("phone-a-0002", doors[1].Household.ID, rankfile.ResultDoNotContact, 0)}
		}
		canvasser := w.voter(5)
		if n, err := w.app.RecordAttempts(ctx, canvasser, batch()); err != nil || n != 0 {
			t.Fatalf("first send: %d repeats, %v", n, err)
		}
		if n, err := w.app.RecordAttempts(ctx, canvasser, batch()); err != nil || n != 2 {
			t.Fatalf("sent again: %d repeats, %v; want 2", n, err)
		}
		if got, _ := w.app.Attempts.HouseholdAttempts(ctx, doors[0].Household.ID); len(got) != 1 || got[0].Support != 4 || got[0].ByMemberID != w.member(5).ID {
			t.Errorf("the first door's attempts: %+v", got)
		}
		bad := append(batch()[:0], knock("phone-a-0003", doors[2].Household.ID, rankfile.ResultNotHome, 0),
			knock("phone-a-0004", outside.ID, rankfile.ResultNotHome, 0))
		if _, err := w.app.RecordAttempts(ctx, canvasser, bad); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a door outside the turf: %v", err)
		}
		if _, err := w.app.RecordAttempts(ctx, w.voter(6), bad[:1]); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("someone without the turf: %v", err)
		}
		if got, _ := w.app.Attempts.HouseholdAttempts(ctx, doors[2].Household.ID); len(got) != 0 {
			t.Errorf("a refused batch stored %d attempts", len(got))
		}
		if _, err := w.app.RecordAttempts(ctx, canvasser, []*rankfile.Attempt{knock("phone-a-0005", doors[3].Household.ID, rankfile.ResultNotHome, 3)}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("support from nobody home: %v", err)
		}
		paper := knock("paper-sheet-0001", doors[2].Household.ID, rankfile.ResultRefused, 0)
		paper.ByMemberID = w.member(7).ID
		if _, err := w.app.RecordAttempts(ctx, w.admin, []*rankfile.Attempt{paper}); err != nil {
			t.Fatal(err)
		}
		if got, _ := w.app.Attempts.HouseholdAttempts(ctx, doors[2].Household.ID); len(got) != 1 || got[0].ByMemberID != w.member(7).ID {
			t.Errorf("the paper sheet's attempt: %+v", got)
		}
		whole, err := w.app.Attempts.FieldResults(ctx, turf.CampaignID, "")
		if want := (rankfile.FieldResults{Doors: 3, Attempts: 3, Contacts: 1, Supporters: 1}); err != nil || len(whole) != 1 || *whole[0] != want {
			t.Errorf("the campaign's results: %+v, %v; want %+v", whole, err, want)
		}
		byCanvasser, err := w.app.Attempts.FieldResults(ctx, turf.CampaignID, rankfile.ResultsByCanvasser)
		if err != nil || len(byCanvasser) != 2 || byCanvasser[0].Doors != 2 || byCanvasser[1].Doors != 1 ||
			byCanvasser[1].Key != fmt.Sprint(w.member(7).ID) {
			t.Errorf("by canvasser: %+v, %v", byCanvasser, err)
		}
		if byDay, err := w.app.Attempts.FieldResults(ctx, turf.CampaignID, rankfile.ResultsByDay); err != nil || len(byDay) != 1 || byDay[0].Key != "2026-11-02" {
			t.Errorf("by day: %+v, %v", byDay, err)
		}
		targets, _ = w.app.Campaigns.Targets(ctx, turf.CampaignID)
		for _, tg := range targets {
			dnc, heard := tg.HouseholdID == doors[1].Household.ID, tg.HouseholdID == doors[0].Household.ID
			if tg.DoNotContact != dnc || tg.LastHeardOn.IsZero() == heard {
				t.Errorf("%s: do not contact %v, heard from %v", tg.Name(), tg.DoNotContact, tg.LastHeardOn)
			}
		}
	})
}

// TestRetentionPurgesWhomTheCampaignNoLongerKeeps checks a year's
// retention thirteen months on: the voter who asked to stay in touch and
// the one heard from three months ago stay; the rest go, their knocks
// kept without who answered or what was noted.
func TestRetentionPurgesWhomTheCampaignNoLongerKeeps(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		turf, doors, _ := turfWorld(t, w)
		targets, _ := w.app.Campaigns.Targets(ctx, turf.CampaignID)
		living := map[int64]int64{}
		for _, tg := range targets {
			living[tg.HouseholdID] = tg.ID
		}
		talk := func(id string, door int, keep bool) {
			t.Helper()
			h := doors[door].Household.ID
			a := &rankfile.Attempt{ClientID: id, TurfID: turf.ID, HouseholdID: h, TargetID: living[h], Channel: rankfile.ChannelDoor,
				Result: rankfile.ResultContact, KeepInTouch: keep, Notes: "lives with her sister", At: w.now}
			if _, err := w.app.RecordAttempts(ctx, w.voter(5), []*rankfile.Attempt{a}); err != nil {
				t.Fatal(err)
			}
		}
		talk("knock-keep-0001", 0, true)
		talk("knock-once-0001", 1, false)
		w.now = w.now.AddDate(0, 10, 0)
		talk("knock-late-0001", 2, false)
		w.now = w.now.AddDate(0, 3, 0)
		if n, err := w.app.PurgeTargets(ctx); err != nil || n != len(targets)-2 {
			t.Fatalf("purged %d, %v; want %d", n, err, len(targets)-2)
		}
		left, _ := w.app.Campaigns.Targets(ctx, turf.CampaignID)
		stayed := map[int64]bool{}
		for _, tg := range left {
			stayed[tg.HouseholdID] = true
		}
		if len(left) != 2 || !stayed[doors[0].Household.ID] || !stayed[doors[2].Household.ID] {
			t.Errorf("left %d: %+v", len(left), left)
		}
		kept, _ := w.app.Attempts.HouseholdAttempts(ctx, doors[1].Household.ID)
		if len(kept) != 1 || kept[0].TargetID != 0 || kept[0].Notes != "" || kept[0].Result != rankfile.ResultContact {
			t.Errorf("the purged voter's knock: %+v", kept)
		}
		if n, err := w.app.PurgeTargets(ctx); err != nil || n != 0 {
			t.Errorf("purging again: %d, %v", n, err)
		}
	})
}

// fakeGeocoder knows the places of some addresses, as a geocoding service
// does, and fails when told to.
type fakeGeocoder struct {
	places map[string]rankfile.Point
	asked  []string
	fail   bool
}

func (g *fakeGeocoder) Locate(_ context.Context, address string) (*rankfile.Point, error) {
	g.asked = append(g.asked, address)
	if g.fail {
		return nil, errors.New("the geocoder answered 502 Bad Gateway")
	}
	if p, ok := g.places[address]; ok {
		return &p, nil
	}
	return nil, rankfile.Errorf(rankfile.ENOTFOUND, "the geocoder knows no such address")
}

// TestLocateDoorsAsksTheGeocoderOnce checks that doors without coordinates
// are located by the chapter's geocoder, with their full address; that an
// address it does not know is not asked about again; and the refusals: no
// geocoder set, a member who does not run the campaign.
func TestLocateDoorsAsksTheGeocoderOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := &rankfile.Campaign{BodyID: w.chapter.ID, Name: "Yes on H", Kind: rankfile.CampaignMeasure}
		if err := w.app.CreateCampaign(ctx, w.admin, c); err != nil {
			t.Fatal(err)
		}
		list := "Name,Address,City,State,Zip\nAna Núñez,1234 N Main St Apt 5,Los Angeles,CA,90026\nBo Li,9 Elm St,Los Angeles,CA,90026\nCy Ray,1 Nowhere Ln,Los Angeles,CA,90026\n"
		m := rankfile.TargetMapping{"full_name": "Name", "address": "Address", "city": "City", "state": "State", "zip": "Zip"}
		if _, bad, err := w.app.ImportTargets(ctx, w.admin, c.ID, "sheet", m, strings.NewReader(list)); err != nil || bad != nil {
			t.Fatal(err, bad)
		}
		if _, err := w.app.LocateDoors(ctx, w.admin, c.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("without a geocoder: %v", err)
		}
		g := &fakeGeocoder{places: map[string]rankfile.Point{
			"1234 N Main St #5, Los Angeles, CA 90026": {Lat: 34.07, Lon: -118.26},
			"9 Elm St, Los Angeles, CA 90026":          {Lat: 34.08, Lon: -118.27},
		}}
		w.app.Geocoder = g
		if _, err := w.app.LocateDoors(ctx, w.voter(5), c.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member: %v", err)
		}
		r, err := w.app.LocateDoors(ctx, w.admin, c.ID)
		if err != nil || *r != (app.LocateReport{Located: 2, Missed: 1, Asked: 3}) {
			t.Fatalf("located %+v, %v", r, err)
		}
		if r, err = w.app.LocateDoors(ctx, w.admin, c.ID); err != nil || r.Asked != 0 || len(g.asked) != 3 {
			t.Errorf("asked again: %+v, %v, %q", r, err, g.asked)
		}
		h, _ := w.app.Campaigns.Households(ctx, c.ID)
		located := 0
		for _, x := range h {
			if x.Point != nil {
				located++
			}
		}
		if located != 2 {
			t.Errorf("%d doors located, want 2", located)
		}
	})
}

// TestTurfsAreDrawnAndAdjustedByHand draws a turf around the first four
// doors of a block and picks the door the geocoder could not place from
// the list; the turf walks the block in order with that door last. A door
// in it cannot go in a second drawn turf. Adjusting takes two doors out
// and adds two uncut ones; a turf out with a canvasser cannot be adjusted,
// and a member may do neither.
func TestTurfsAreDrawnAndAdjustedByHand(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		c := blockCampaign(t, w, 8)
		uncut, _ := w.app.Turfs.UncutDoors(ctx, c.ID)
		var unplaced int64
		for _, h := range uncut {
			if h.Point == nil {
				unplaced = h.ID
			}
		}
		// blockCampaign's doors climb north from 34.07005 along one street.
		outline := []rankfile.Point{{Lat: 34.0700, Lon: -118.2601}, {Lat: 34.0700, Lon: -118.2599}, {Lat: 34.07022, Lon: -118.2599},
			{Lat: 34.07022, Lon: -118.2601}}
		if _, err := w.app.DrawTurf(ctx, w.voter(5), c.ID, "", outline, nil); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Fatalf("a member draws a turf: %v", err)
		}
		turf, err := w.app.DrawTurf(ctx, w.admin, c.ID, "", outline, []int64{unplaced})
		if err != nil || turf.Doors != 5 || turf.Name != "Turf 1" {
			t.Fatalf("the drawn turf: %+v, %v; want 5 doors", turf, err)
		}
		_, doors, _ := w.app.TurfDoors(ctx, w.admin, turf.ID)
		if doors[4].Household.ID != unplaced {
			t.Errorf("the door without coordinates is not last: %+v", doors[4])
		}
		if _, err := w.app.DrawTurf(ctx, w.admin, c.ID, "Again", outline, nil); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("doors drawn into a second turf: %v", err)
		}
		left, _ := w.app.Turfs.UncutDoors(ctx, c.ID)
		if len(left) != 4 {
			t.Fatalf("%d doors left uncut, want 4", len(left))
		}
		remove := []int64{doors[0].Household.ID, doors[1].Household.ID}
		add := []int64{left[0].ID, left[1].ID}
		if err := w.app.AdjustTurf(ctx, w.voter(5), turf.ID, add, remove); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member adjusts a turf: %v", err)
		}
		if err := w.app.AdjustTurf(ctx, w.admin, turf.ID, add, remove); err != nil {
			t.Fatal(err)
		}
		_, after, _ := w.app.TurfDoors(ctx, w.admin, turf.ID)
		var ids []int64
		for _, d := range after {
			ids = append(ids, d.Household.ID)
		}
		if len(ids) != 5 || slices.Contains(ids, remove[0]) || !slices.Contains(ids, add[1]) || after[4].Position != 5 {
			t.Errorf("the adjusted turf: %v", ids)
		}
		if left, _ := w.app.Turfs.UncutDoors(ctx, c.ID); len(left) != 4 {
			t.Errorf("%d doors uncut after the adjustment, want 4 (two out, two in)", len(left))
		}
		if err := w.app.CheckOutTurf(ctx, w.admin, turf.ID, w.member(5).ID, 0, w.now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := w.app.AdjustTurf(ctx, w.admin, turf.ID, nil, remove[:0]); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a turf out with a canvasser adjusted: %v", err)
		}
	})
}

// TestAPhoneSendsAfterItsTurfCameBackEarly takes a turf back from its
// canvasser before her time is up, and closes another: her phone, offline
// meanwhile, still sends its knocks, and the turf is free for the next
// canvasser (who then holds it).
func TestAPhoneSendsAfterItsTurfCameBackEarly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		turf, doors, _ := turfWorld(t, w)
		if err := w.app.ReturnTurf(ctx, w.admin, turf.ID); err != nil {
			t.Fatal(err)
		}
		knock := &rankfile.Attempt{ClientID: "late-knock-0001", TurfID: turf.ID, HouseholdID: doors[0].Household.ID,
			Channel: rankfile.ChannelDoor, Result: rankfile.ResultNotHome, At: w.now.Add(-time.Minute)}
		if _, err := w.app.RecordAttempts(ctx, w.voter(5), []*rankfile.Attempt{knock}); err != nil {
			t.Fatalf("the phone's knock after the turf came back: %v", err)
		}
		if _, _, err := w.app.TurfDoors(ctx, w.voter(5), turf.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("the canvasser still reads the returned turf: %v", err)
		}
		if err := w.app.CheckOutTurf(ctx, w.admin, turf.ID, w.member(6).ID, 0, w.now.Add(time.Hour)); err != nil {
			t.Fatalf("the returned turf to the next canvasser: %v", err)
		}
		if err := w.app.CloseTurf(ctx, w.admin, turf.ID); err != nil {
			t.Fatal(err)
		}
		knock = &rankfile.Attempt{ClientID: "late-knock-0002", TurfID: turf.ID, HouseholdID: doors[1].Household.ID,
			Channel: rankfile.ChannelDoor, Result: rankfile.ResultNotHome, At: w.now}
		if _, err := w.app.RecordAttempts(ctx, w.voter(6), []*rankfile.Attempt{knock}); err != nil {
			t.Errorf("the phone's knock after the turf closed: %v", err)
		}
	})
}
