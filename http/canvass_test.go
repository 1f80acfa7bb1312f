package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
	"github.com/rankfile/rankfile/store/storetest"
)

// canvassList is Housing's tenants: an apartment building of three doors
// and two houses on one block, each with a phone the doors must never
// show.
const canvassList = "Name,Phone,Address,Zip,Lat,Lon\n" +
	"Rosa Tenant,213-555-0901,1200 N Main St Apt 1,90026,34.0700,-118.2600\n" +
	"Raul Tenant,213-555-0902,1200 N Main St Apt 2,90026,34.0700,-118.2600\n" +
	"Rita Tenant,213-555-0903,1200 N Main St Apt 3,90026,34.0700,-118.2600\n" +
	"Hugo House,213-555-0904,1204 N Main St,90026,34.0702,-118.2600\n" +
	"Hana House,213-555-0905,1208 N Main St,90026,34.0704,-118.2600\n"

// canvass makes the field program's world: Housing's campaign (run by its
// co-chair, Chen), campaign 1, with a script; its five doors cut into
// turf 1, checked out to Mia (member) for three hours.
func (w *world) canvass() {
	t := w.t
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	c := &rankfile.Campaign{BodyID: w.bodies["housing"].ID, Name: "Homes for All", Kind: rankfile.CampaignTenant}
	if err := w.app.CreateCampaign(ctx, admin, c); err != nil {
		t.Fatal(err)
	}
	m := rankfile.TargetMapping{"full_name": "Name", "phone": "Phone", "address": "Address", "zip": "Zip", "lat": "Lat", "lon": "Lon"}
	if _, bad, err := w.app.ImportTargets(ctx, admin, c.ID, "tenants", m, strings.NewReader(canvassList)); err != nil || bad != nil {
		t.Fatal(err, bad)
	}
	cut, err := w.app.CutTurfs(ctx, admin, c.ID, geo.TurfSize{Min: 1, Target: 5, Max: 10})
	if err != nil || len(cut.Turfs) != 1 {
		t.Fatal(cut, err)
	}
	if err := w.app.CheckOutTurf(ctx, admin, cut.Turfs[0].ID, w.member("5").ID, 0, w.app.Now().Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	script := &rankfile.CampaignScript{CampaignID: c.ID, Script: "Hi, I'm with **the tenants' union**.", ScriptES: "Hola, soy del **sindicato de inquilinos**.",
		Questions: []rankfile.SurveyQuestion{{Key: "rent", Question: "Did your rent go up this year?", Kind: rankfile.QuestionChoice, Options: []string{"Yes", "No"}}},
		Issues:    []string{"Repairs", "Rent"}, VolunteerAsk: "Come to the building meeting on Thursday?"}
	if err := w.app.SetCampaignScript(ctx, admin, script); err != nil {
		t.Fatal(err)
	}
}

// TestACanvasserWalksATurf is a canvasser's shift without JavaScript: the
// turf on their list, its doors by building with names and no phones, the
// script; a door's form with someone not on the list, sent twice, stores
// one attempt and one new person; a form with support from nobody who
// talked comes back as typed and stores nothing; in Spanish, the Spanish
// script.
func TestACanvasserWalksATurf(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		mia := w.client("member")
		if status, body := w.do(mia, "GET", "/canvass", nil); status != http.StatusOK || !strings.Contains(body, `href="/canvass/turfs/1"`) {
			t.Fatalf("the list: %d %s", status, body)
		}
		status, body := w.do(mia, "GET", "/canvass/turfs/1", nil)
		if status != http.StatusOK || strings.Count(body, `class="building"`) != 3 || !strings.Contains(body, "Rosa Tenant") ||
			!strings.Contains(body, "the tenants&#39; union") && !strings.Contains(body, "the tenants' union") {
			t.Fatalf("the walk: %d %s", status, body)
		}
		for _, page := range []string{"/canvass/turfs/1", "/canvass/turfs/1/walk.json", "/canvass/turfs/1/doors/1"} {
			if _, body := w.do(mia, "GET", page, nil); strings.Contains(body, "555-09") || strings.Contains(body, "55509") {
				t.Errorf("%s shows a phone number", page)
			}
		}
		form := url.Values{"client_id": {"door-form-0001"}, "result": {"contact"}, "person": {"new"}, "met_first": {"Nico"},
			"met_last": {"Roommate"}, "support": {"5"}, "issues": {"Rent"}, "q.rent": {"Yes"}, "volunteer": {"1"}}
		for range 2 {
			if status, body := w.do(mia, "POST", "/canvass/turfs/1/doors/1", form); status != http.StatusSeeOther {
				t.Fatalf("the door's form: %d %s", status, body)
			}
		}
		attempts, _ := w.app.Attempts.HouseholdAttempts(ctx, 1)
		targets, _ := w.app.Campaigns.Targets(ctx, 1)
		if len(attempts) != 1 || len(targets) != 6 || attempts[0].Answers["rent"] != "Yes" || !attempts[0].Volunteer ||
			attempts[0].ByMemberID != w.member("5").ID {
			t.Fatalf("after the form twice: %d attempts %+v, %d targets", len(attempts), attempts, len(targets))
		}
		bad := url.Values{"client_id": {"door-form-0002"}, "result": {"not_home"}, "support": {"4"}, "notes": {"Left a flyer"}}
		status, body = w.do(mia, "POST", "/canvass/turfs/1/doors/2", bad)
		if status != http.StatusBadRequest || !strings.Contains(body, "Left a flyer") || !strings.Contains(body, `value="door-form-0002"`) {
			t.Errorf("support from nobody: %d %s", status, body)
		}
		if attempts, _ := w.app.Attempts.HouseholdAttempts(ctx, 2); len(attempts) != 0 {
			t.Errorf("a refused form stored %d attempts", len(attempts))
		}
		if status, _ := w.do(mia, "GET", "/canvass/turfs/1/doors/99", nil); status != http.StatusNotFound {
			t.Errorf("a door not in the turf: %d", status)
		}
		_, body = w.do(mia, "GET", "/canvass/turfs/1", nil, "Accept-Language", "es")
		if !strings.Contains(body, "sindicato de inquilinos") || !strings.Contains(body, "5 puertas") {
			t.Errorf("in Spanish: %s", body)
		}
	})
}

// TestAPhoneSyncsAttemptsOnce sends a batch of attempts the way the phone
// does, twice: the second time every one is a repeat; a batch with a door
// outside the turf stores none of it; someone who neither holds the turf
// nor runs the campaign is refused.
func TestAPhoneSyncsAttemptsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		mia := w.client("member")
		batch := `{"attempts":[{"client_id":"phone-0001","turf_id":1,"household_id":1,"channel":"door","result":"not_home","at":"2026-01-02T10:00:00Z"},
			{"client_id":"phone-0002","turf_id":1,"household_id":4,"channel":"door","result":"contact","support":4,"at":"2026-01-02T10:05:00Z"}]}`
		for i, want := range []string{`{"stored":2,"repeats":0}`, `{"stored":0,"repeats":2}`} {
			a := w.fetch(mia, "POST", "/canvass/attempts", strings.NewReader(batch), "application/json")
			if a.status != http.StatusOK || strings.TrimSpace(a.body) != want {
				t.Fatalf("sync %d: %d %s, want %s", i+1, a.status, a.body, want)
			}
		}
		outside := strings.ReplaceAll(strings.ReplaceAll(batch, `"household_id":4`, `"household_id":99`), "phone-000", "other-000")
		if a := w.fetch(mia, "POST", "/canvass/attempts", strings.NewReader(outside), "application/json"); a.status != http.StatusBadRequest ||
			!strings.Contains(a.body, `"code":"invalid"`) {
			t.Errorf("a door outside the turf: %d %s", a.status, a.body)
		}
		if a := w.fetch(w.client("other-branch"), "POST", "/canvass/attempts", strings.NewReader(outside), "application/json"); a.status != http.StatusForbidden {
			t.Errorf("someone else's turf: %d %s", a.status, a.body)
		}
		stored := 0
		for _, door := range []int64{1, 4} {
			a, _ := w.app.Attempts.HouseholdAttempts(ctx, door)
			stored += len(a)
		}
		if stored != 2 {
			t.Errorf("%d attempts stored, want 2", stored)
		}
	})
}

// TestRunnersWriteTheScript edits the script through its page: a survey
// line that does not read comes back as typed, naming the line, and
// changes nothing; a good one is stored and read back in the form.
func TestRunnersWriteTheScript(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		chen := w.client("cochair")
		form := url.Values{"script": {"New script"}, "questions": {"rent | Did your rent go up?"}, "issues": {"Rent\nRepairs"}}
		bad := url.Values{"script": {"Changed"}, "questions": {"just a question"}}
		if status, body := w.do(chen, "POST", "/campaigns/1/script", bad); status != http.StatusBadRequest ||
			!strings.Contains(body, "question line 1") || !strings.Contains(body, "just a question") {
			t.Fatalf("a bad line: %d %s", status, body)
		}
		if got, _ := w.app.Campaigns.CampaignScript(ctx, 1); !strings.Contains(got.Script, "tenants' union") {
			t.Fatalf("a refused form changed the script: %q", got.Script)
		}
		if status, body := w.do(chen, "POST", "/campaigns/1/script", form); status != http.StatusSeeOther {
			t.Fatalf("saving: %d %s", status, body)
		}
		_, body := w.do(chen, "GET", "/campaigns/1/script", nil)
		if !strings.Contains(body, "rent | Did your rent go up?") || !strings.Contains(body, "New script") {
			t.Errorf("the form after saving: %s", body)
		}
	})
}
