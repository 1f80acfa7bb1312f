package http_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestATurfIsDrawnFromThePage has the co-chair draw a turf around two of
// three doors on Housing's campaign: the map's doors come with their
// coordinates, the outline makes a turf of the two, and its adjusting
// page takes one out; a member may open neither page.
func TestATurfIsDrawnFromThePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		cochair := w.actor("cochair")
		c := &rankfile.Campaign{BodyID: w.bodies["housing"].ID, Name: "Elm St tenants", Kind: rankfile.CampaignTenant}
		if err := w.app.CreateCampaign(ctx, cochair, c); err != nil {
			t.Fatal(err)
		}
		list := "Name,Address,Zip,Lat,Lon\nAna Uno,100 Elm St,90026,34.0701,-118.2601\nBo Dos,102 Elm St,90026,34.0702,-118.2602\n" +
			"Cy Tres,900 Elm St,90026,34.0800,-118.2700\n"
		m := rankfile.TargetMapping{"full_name": "Name", "address": "Address", "zip": "Zip", "lat": "Lat", "lon": "Lon"}
		if _, _, err := w.app.ImportTargets(ctx, cochair, c.ID, "sheet", m, strings.NewReader(list)); err != nil {
			t.Fatal(err)
		}
		campaignPath := "/campaigns/" + strconv.FormatInt(c.ID, 10)
		browser := w.client("cochair")
		if status, body := w.do(browser, "GET", campaignPath+"/turfs/uncut.json", nil); status != ok || !strings.Contains(body, `"lat":34.0701,"lon":-118.2601`) {
			t.Fatalf("the map's doors: %d %s", status, body)
		}
		if status, page := w.do(browser, "GET", campaignPath+"/turfs/draw", nil); status != ok || !strings.Contains(page, `data-doors="`+campaignPath+`/turfs/uncut.json"`) {
			t.Fatalf("the drawing page: %d\n%s", status, page)
		}
		outline := url.Values{"outline": {"[[34.07,-118.26],[34.07,-118.2603],[34.0703,-118.2603],[34.0703,-118.26]]"}}
		status, _ := w.do(browser, "POST", campaignPath+"/turfs/draw", outline)
		turfs, _ := w.app.Turfs.Turfs(ctx, c.ID)
		if status != moved || len(turfs) != 1 || turfs[0].Doors != 2 {
			t.Fatalf("drawing: %d, turfs %+v", status, turfs)
		}
		_, doors, _ := w.app.TurfDoors(ctx, cochair, turfs[0].ID)
		id := strconv.FormatInt(turfs[0].ID, 10)
		if status, page := w.do(browser, "GET", "/turfs/"+id+"/adjust", nil); status != ok || !strings.Contains(page, "100 Elm St") {
			t.Fatalf("the adjusting page: %d\n%s", status, page)
		}
		if status, _ := w.do(browser, "POST", "/turfs/"+id+"/adjust", url.Values{"remove": {strconv.FormatInt(doors[0].Household.ID, 10)}}); status != moved {
			t.Errorf("taking a door out: %d", status)
		}
		if turfs, _ := w.app.Turfs.Turfs(ctx, c.ID); turfs[0].Doors != 1 {
			t.Errorf("after taking a door out: %d doors", turfs[0].Doors)
		}
		member := w.client("member")
		for _, p := range []string{campaignPath + "/turfs/draw", "/turfs/" + id + "/adjust"} {
			if status, _ := w.do(member, "GET", p, nil); status != forbid {
				t.Errorf("a member opens %s: %d", p, status)
			}
		}
	})
}

// TestTheResultsMapShadesTurfs knocks on one of a drawn turf's three
// doors: the map's GeoJSON has the turf's outline, a third knocked.
func TestTheResultsMapShadesTurfs(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	cochair := w.actor("cochair")
	c := &rankfile.Campaign{BodyID: w.bodies["housing"].ID, Name: "Elm St tenants", Kind: rankfile.CampaignTenant}
	if err := w.app.CreateCampaign(ctx, cochair, c); err != nil {
		t.Fatal(err)
	}
	list := "Name,Address,Zip,Lat,Lon\nAna Uno,100 Elm St,90026,34.0701,-118.2601\nBo Dos,102 Elm St,90026,34.0702,-118.2602\n" +
		"Cy Tres,104 Elm St,90026,34.0704,-118.2601\n"
	m := rankfile.TargetMapping{"full_name": "Name", "address": "Address", "zip": "Zip", "lat": "Lat", "lon": "Lon"}
	if _, _, err := w.app.ImportTargets(ctx, cochair, c.ID, "sheet", m, strings.NewReader(list)); err != nil {
		t.Fatal(err)
	}
	doors, _ := w.app.Campaigns.Households(ctx, c.ID)
	turf, err := w.app.DrawTurf(ctx, cochair, c.ID, "Elm", nil, []int64{doors[0].ID, doors[1].ID, doors[2].ID})
	if err != nil {
		t.Fatal(err)
	}
	knock := &rankfile.Attempt{ClientID: "map-knock-0001", TurfID: turf.ID, HouseholdID: doors[0].ID, ByMemberID: cochair.ID(),
		Channel: rankfile.ChannelDoor, Result: rankfile.ResultNotHome, At: time.Now()}
	if _, err := w.app.RecordAttempts(ctx, cochair, []*rankfile.Attempt{knock}); err != nil {
		t.Fatal(err)
	}
	status, body := w.do(w.client("cochair"), "GET", "/campaigns/"+strconv.FormatInt(c.ID, 10)+"/results.geojson", nil)
	if status != ok || !strings.Contains(body, `"type":"Polygon"`) || !strings.Contains(body, `"completion":0.333`) ||
		!strings.Contains(body, `"knocked":1`) {
		t.Errorf("the map's turfs: %d %s", status, body)
	}
}
