package http_test

import (
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// phonebankTargets are the people Housing's tenant campaign calls; their
// numbers are shown to the phonebank's one caller, the co-chair, alone.
const phonebankTargets = "Name,Phone,Address,Zip\n" +
	"Tenant Onecall,(213) 555-0177,10 Rent St,90026\n" +
	"Tenant Twocall,(213) 555-0178,12 Rent St,90026\n"

// phonebanks seeds Housing's tenant campaign (campaign 2, after the
// canvass's), turf 2 drawn of one of its doors, and phonebank 1 over its
// targets, with the co-chair as its caller
// holding both calls.
func (w *world) phonebanks() {
	t, cochair := w.t, w.actor("cochair")
	c := &rankfile.Campaign{BodyID: w.bodies["housing"].ID, Name: "Tenants of Rent St", Kind: rankfile.CampaignTenant}
	if err := w.app.CreateCampaign(ctx, cochair, c); err != nil {
		t.Fatal(err)
	}
	mapping := rankfile.TargetMapping{"full_name": "Name", "phone": "Phone", "address": "Address", "zip": "Zip"}
	if _, _, err := w.app.ImportTargets(ctx, cochair, c.ID, "sign-up sheet", mapping, strings.NewReader(phonebankTargets)); err != nil {
		t.Fatal(err)
	}
	doors, err := w.app.Campaigns.Households(ctx, c.ID)
	if err != nil || len(doors) != 2 {
		t.Fatal(doors, err)
	}
	if _, err := w.app.DrawTurf(ctx, cochair, c.ID, "Rent St", nil, []int64{doors[0].ID}); err != nil { // turf 1, of one door
		t.Fatal(err)
	}
	if err := w.app.SetCampaignScript(ctx, cochair, &rankfile.CampaignScript{CampaignID: c.ID, Script: "The campaign's own words.",
		VolunteerAsk: "Will you join the tenants' meeting?"}); err != nil {
		t.Fatal(err)
	}
	p := &rankfile.Phonebank{CampaignID: c.ID, Name: "Rent St calls", Source: rankfile.PhonebankTargets, Script: "Hello, neighbor."}
	if err := w.app.CreatePhonebank(ctx, cochair, p); err != nil {
		t.Fatal(err)
	}
	if err := w.app.AddCaller(ctx, cochair, p.ID, cochair.ID()); err != nil {
		t.Fatal(err)
	}
	if calls, err := w.app.ClaimCalls(ctx, cochair, p.ID); err != nil || len(calls) != 2 {
		t.Fatal(calls, err)
	}
}

// phonebankSecrets seeds the phonebanks and returns the numbers only the
// caller and the campaign's runners may see.
func (w *world) phonebankSecrets(secrets []private) []private {
	w.phonebanks()
	// Its caller sees them on the phonebank; those who run the campaign,
	// on its targets' pages.
	callerOrRunner := only("cochair", "steward", "admin")
	return append(secrets, private{"a target's phone on a phonebank", "+12135550177", callerOrRunner},
		private{"another target's phone on a phonebank", "+12135550178", callerOrRunner})
}

// TestACallerWorksHerBatchFromThePage has the co-chair, the phonebank's
// caller, see her calls with tel: links, save one in Spanish (sent twice:
// stored once) and see the line move on; a member who is not a caller is
// told to ask to be added and may not take calls.
func TestACallerWorksHerBatchFromThePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.phonebanks()
		caller := w.client("cochair")
		status, page := w.do(caller, "GET", "/phonebanks/1", nil, "Accept-Language", "es")
		page = html.UnescapeString(page)
		if status != ok || !strings.Contains(page, `href="tel:+12135550177"`) || !strings.Contains(page, "Guardar esta llamada") ||
			!strings.Contains(page, "Hello, neighbor.") {
			t.Fatalf("the caller's page: %d\n%s", status, page)
		}
		form := url.Values{"client_id": {"page-call-0001"}, "result": {"contact"}, "support": {"5"}, "volunteer": {"1"}}
		for range 2 {
			if status, page := w.do(caller, "POST", "/phonebanks/1/calls/1", form); status != moved {
				t.Fatalf("saving the call: %d\n%s", status, page)
			}
		}
		v, err := w.app.Phonebank(ctx, w.actor("cochair"), 1)
		if err != nil || v.Progress.Done != 1 || len(v.Held) != 1 {
			t.Errorf("after one call: %+v held %d, %v", v.Progress, len(v.Held), err)
		}
		noTime := url.Values{"client_id": {"page-call-0002"}, "result": {"call_back"}}
		if status, page := w.do(caller, "POST", "/phonebanks/1/calls/2", noTime); status != bad || !strings.Contains(page, "say when to call back") {
			t.Errorf("a call-back without its time: %d\n%s", status, page)
		}
		if status, page := w.do(caller, "GET", "/campaigns/2/results", nil); status != ok || !strings.Contains(page, "<dt>Conversations</dt><dd>1</dd>") {
			t.Errorf("the campaign's results after the call: %d\n%s", status, page)
		}
		if _, csv := w.do(caller, "GET", "/campaigns/2/results.csv?by=canvasser", nil); !strings.Contains(csv, ",1,1,1,1,1,1\n") {
			t.Errorf("the results by caller as CSV:\n%s", csv)
		}
		auth := []string{"Authorization", "Bearer " + w.token("cochair")}
		body := `{"calls":[{"client_id":"api-call-0002","call_id":2,"result":"call_back","call_back_at":"2030-01-01T18:00:00Z","at":"2026-01-01T00:00:00Z"}]}`
		for i, want := range []string{`"stored":1`, `"repeats":1`} {
			if a := w.fetch(http.DefaultClient, "POST", "/api/v1/phonebanks/1/calls", strings.NewReader(body), "", auth...); a.status != ok || !strings.Contains(a.body, want) {
				t.Errorf("the API's call, sent %d: %d %s", i+1, a.status, a.body)
			}
		}
		member := w.client("member")
		_, page = w.do(member, "GET", "/phonebanks/1", nil)
		if page = html.UnescapeString(page); strings.Contains(page, "+1213555017") || !strings.Contains(page, "Only this phonebank's callers") {
			t.Errorf("a member who is not a caller:\n%s", page)
		}
		if status, _ := w.do(member, "POST", "/phonebanks/1/claim", url.Values{}); status != forbid {
			t.Errorf("a member who is not a caller takes calls: %d", status)
		}
	})
}

// TestAPhonebankWithoutAScriptReadsItsCampaigns starts a second phonebank
// of the tenant campaign without a script of its own: its caller reads the
// campaign's script and volunteer ask.
func TestAPhonebankWithoutAScriptReadsItsCampaigns(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.phonebanks()
	cochair := w.actor("cochair")
	p := &rankfile.Phonebank{CampaignID: 2, Name: "Rent St again", Source: rankfile.PhonebankTargets}
	if err := w.app.CreatePhonebank(ctx, cochair, p); err != nil {
		t.Fatal(err)
	}
	if err := w.app.AddCaller(ctx, cochair, p.ID, cochair.ID()); err != nil {
		t.Fatal(err)
	}
	_, page := w.do(w.client("cochair"), "GET", "/phonebanks/"+strconv.FormatInt(p.ID, 10), nil)
	if page = html.UnescapeString(page); !strings.Contains(page, "The campaign's own words.") || !strings.Contains(page, "Will you join the tenants' meeting?") {
		t.Errorf("the phonebank without a script:\n%s", page)
	}
}
