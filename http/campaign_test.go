package http_test

import (
	"bytes"
	"encoding/base64"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/store/storetest"
)

// fieldList is a small voter list of Housing's campaign: three people at
// two doors, with coordinates, one of them with a phone no one else has.
const fieldList = "VoterID,First,Last,Phone,Address,Zip,Lat,Lon\n" +
	"V1,Rosa,Parque,213-555-0777,1200 Sunset Blvd,90026,34.0771,-118.2601\n" +
	"V2,Tomas,Parque,,1200 Sunset Blvd,90026,34.0771,-118.2601\n" +
	"V3,Ines,Lago,,1210 Sunset Blvd Apt 2,90026,34.0772,-118.2604\n"

// fieldListBad is the list with its third line missing a house number.
var fieldListBad = strings.Replace(fieldList, "1200 Sunset Blvd,90026,34.0771,-118.2601\nV2", "Sunset Blvd,90026,34.0771,-118.2601\nV2", 1)

// housingCampaign starts a campaign of Housing through its form, as its
// co-chair, and returns its path.
func (w *world) housingCampaign(chen *http.Client) string {
	w.t.Helper()
	status, body := w.do(chen, "POST", "/campaigns", url.Values{"body": {itoa(w.bodies["housing"].ID)},
		"name": {"Rent control now"}, "kind": {"tenant"}, "retention_months": {"12"}})
	if status != http.StatusSeeOther {
		w.t.Fatalf("starting a campaign: %d %s", status, body)
	}
	list, err := w.app.Campaigns.FindCampaigns(ctx, 0) // newest first: the canvass's campaign 1 is older
	if err != nil || len(list) == 0 {
		w.t.Fatal(list, err)
	}
	return "/campaigns/" + itoa(list[0].ID)
}

// campaignIDOf reads the id of a campaign's path.
func campaignIDOf(t *testing.T, path string) int64 {
	id, err := strconv.ParseInt(strings.TrimPrefix(path, "/campaigns/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// postMultipart posts a form with a file, as a browser's file input does.
func (w *world) postMultipart(c *http.Client, path string, fields map[string]string, file string) (int, string) {
	w.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	part, _ := mw.CreateFormFile("list", "voters.csv")
	part.Write([]byte(file))
	mw.Close()
	return w.fetchStatus(c, "POST", path, &body, mw.FormDataContentType())
}

func (w *world) fetchStatus(c *http.Client, method, path string, body *bytes.Buffer, contentType string) (int, string) {
	a := w.fetch(c, method, path, body, contentType)
	return a.status, a.body
}

// importMapped uploads a list and sends the mapping form the upload
// answers with, as it came prefilled.
func (w *world) importMapped(c *http.Client, campaign, list string) (int, string) {
	w.t.Helper()
	status, page := w.postMultipart(c, campaign+"/import/upload", map[string]string{"source": "County voters"}, list)
	if status != http.StatusOK || !strings.Contains(page, `name="map.first_name"`) {
		w.t.Fatalf("upload: %d %s", status, page)
	}
	form := url.Values{"source": {"County voters"}, "list": {base64.StdEncoding.EncodeToString([]byte(list))},
		"map.external_id": {"VoterID"}, "map.first_name": {"First"}, "map.last_name": {"Last"}, "map.phone": {"Phone"},
		"map.address": {"Address"}, "map.zip": {"Zip"}, "map.lat": {"Lat"}, "map.lon": {"Lon"}}
	for field, col := range form {
		if strings.HasPrefix(field, "map.") && !strings.Contains(page, `<option value="`+col[0]+`" selected>`) {
			w.t.Errorf("the upload did not guess %s from the header", field)
		}
	}
	return w.do(c, "POST", campaign+"/import", form)
}

// TestCampaignPagesImportAndTargets runs a campaign from its pages: Housing's
// co-chair starts it and imports a list whose bad line refuses it whole;
// fixed, it imports; its people are listed without phones and a person's
// page shows the phone; a member who does not run it sees its summary and
// nothing else; the steward downloads a person's data and adds a phone to
// the do-not-contact list.
func TestCampaignPagesImportAndTargets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		chen, mia, stella := w.client("cochair"), w.client("member"), w.client("steward")
		c := w.housingCampaign(chen)
		status, body := w.importMapped(chen, c, fieldListBad)
		if status != http.StatusBadRequest || !strings.Contains(body, "Line 2") || !strings.Contains(body, "house number") {
			t.Fatalf("a list with a bad line: %d %s", status, between(body, "<main", "</main>"))
		}
		if n, _ := w.app.Campaigns.CampaignCounts(ctx, campaignIDOf(t, c)); n.Targets != 0 {
			t.Fatalf("the refused list imported %d people", n.Targets)
		}
		status, body = w.importMapped(chen, c, fieldList)
		if status != http.StatusOK || !strings.Contains(body, "<dd>3</dd>") {
			t.Fatalf("the list: %d %s", status, between(body, "<main", "</main>"))
		}
		if _, body = w.do(chen, "GET", c, nil); !strings.Contains(body, "<dd>2</dd>") || !strings.Contains(body, c+"/turfs") {
			t.Errorf("the summary: %s", between(body, "<main", "</main>"))
		}
		_, list := w.do(chen, "GET", c+"/targets?q=parque", nil)
		if !strings.Contains(list, "Rosa Parque") || strings.Contains(list, "Ines") || strings.Contains(list, "555-0777") {
			t.Errorf("the search for Parque: %s", between(list, "<main", "</main>"))
		}
		rosa := "/targets/" + between(between(list, `href="/targets/`, `">Rosa`), "/targets/", `"`)[len("/targets/"):]
		if status, body = w.do(chen, "GET", rosa, nil); status != http.StatusOK || !strings.Contains(body, "12135550777") || !strings.Contains(body, "Tomas Parque") {
			t.Errorf("Rosa's page: %d %s", status, between(body, "<main", "</main>"))
		}
		if status, body = w.do(mia, "GET", c, nil); status != http.StatusOK || strings.Contains(body, c+"/targets") {
			t.Errorf("the summary for a member: %d", status)
		}
		for _, path := range []string{c + "/targets", c + "/turfs", c + "/import", c + "/edit", rosa} {
			if status, _ := w.do(mia, "GET", path, nil); status != http.StatusForbidden {
				t.Errorf("%s for a member who does not run the campaign: %d", path, status)
			}
		}
		if status, _ := w.do(chen, "GET", rosa+"/data", nil); status != http.StatusForbidden {
			t.Errorf("the data download for the co-chair: %d", status)
		}
		if status, body = w.do(stella, "GET", rosa+"/data", nil); status != http.StatusOK || !strings.Contains(body, `"phone":"+12135550777"`) {
			t.Errorf("the data download: %d %s", status, body)
		}
		exports, err := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditExportTarget})
		if err != nil || len(exports) != 1 || !strings.Contains(exports[0].Detail, "target "+strings.TrimPrefix(rosa, "/targets/")+" ") {
			t.Errorf("the download is not audited once: %+v, %v", exports, err)
		}
		if status, _ = w.do(stella, "POST", "/do-not-contact", url.Values{"kind": {"phone"}, "value": {"(213) 555-0777"}}); status != http.StatusSeeOther {
			t.Errorf("adding to the do-not-contact list: %d", status)
		}
		if _, body = w.do(chen, "GET", c+"/targets?q=rosa", nil); !strings.Contains(body, "Do not contact") {
			t.Errorf("Rosa is not marked: %s", between(body, "<main", "</main>"))
		}
	})
}

// TestCampaignFormsRefuseBadInput checks that a bad change to a campaign,
// by form or API, is refused and changes nothing.
func TestCampaignFormsRefuseBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		chen := w.client("cochair")
		c := w.housingCampaign(chen)
		if status, body := w.do(chen, "POST", c+"/edit", url.Values{"name": {"Rent control now"}, "kind": {"tenant"}, "retention_months": {"500"}}); status != http.StatusBadRequest || !strings.Contains(body, `id="retention_months-problem"`) {
			t.Errorf("500 months: %d", status)
		}
		status, _ := w.doBody("PATCH", "/api/v1"+c, `{"name":""}`, "Authorization", "Bearer "+w.token("cochair"))
		if status != http.StatusBadRequest {
			t.Errorf("an empty name: %d", status)
		}
		status, _ = w.doBody("PATCH", "/api/v1"+c, `{"closed":true}`, "Authorization", "Bearer "+w.token("member"))
		if status != http.StatusForbidden {
			t.Errorf("closing as a member: %d", status)
		}
		found, _ := w.app.Campaigns.FindCampaigns(ctx, 0)
		if found[0].Name != "Rent control now" || found[0].RetentionMonths != 12 || found[0].Closed() {
			t.Errorf("refused changes changed the campaign: %+v", found[0])
		}
		if status, _ := w.do(chen, "POST", c+"/edit", url.Values{"name": {"Rent control"}, "kind": {"tenant"}, "retention_months": {"6"}, "closed": {"on"}}); status != http.StatusSeeOther {
			t.Errorf("closing: %d", status)
		}
		if found, _ = w.app.Campaigns.FindCampaigns(ctx, 0); !found[0].Closed() || found[0].RetentionMonths != 6 {
			t.Errorf("closed campaign %+v", found[0])
		}
	})
}

// TestTurfPagesCutCheckOutAndReturn cuts turfs from the board, refuses
// sizes out of order and a checkout of four days, checks a turf out to
// Mia, who may then read it, and takes it back, leaving its history.
func TestTurfPagesCutCheckOutAndReturn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		chen, mia := w.client("cochair"), w.client("member")
		c := w.housingCampaign(chen)
		if status, _ := w.importMapped(chen, c, fieldList); status != http.StatusOK {
			t.Fatal(status)
		}
		if status, _ := w.do(chen, "POST", c+"/turfs/cut", url.Values{"target": {"2"}, "min": {"3"}, "max": {"1"}}); status != http.StatusBadRequest {
			t.Errorf("sizes out of order: %d", status)
		}
		if turfs, _ := w.app.Turfs.Turfs(ctx, campaignIDOf(t, c)); len(turfs) != 0 {
			t.Fatalf("a refused cut made %d turfs", len(turfs))
		}
		if status, body := w.do(chen, "POST", c+"/turfs/cut", url.Values{"target": {"2"}, "min": {"1"}, "max": {"3"}}); status != http.StatusOK || !strings.Contains(body, "Turf 1") {
			t.Fatalf("cutting: %d %s", status, between(body, "<main", "</main>"))
		}
		turfs, _ := w.app.Turfs.Turfs(ctx, campaignIDOf(t, c))
		turf := "/turfs/" + itoa(turfs[0].ID)
		if status, _ := w.do(mia, "GET", turf, nil); status != http.StatusForbidden {
			t.Errorf("a turf not hers: %d", status)
		}
		later := func(d time.Duration) string { return time.Now().In(w.db.Zone).Add(d).Format("2006-01-02T15:04") }
		if status, _ := w.do(chen, "POST", turf+"/checkout", url.Values{"canvasser": {"5"}, "until": {later(96 * time.Hour)}}); status != http.StatusBadRequest {
			t.Errorf("four days: %d", status)
		}
		if status, _ := w.do(chen, "POST", turf+"/checkout", url.Values{"canvasser": {"nobody@example.org"}, "until": {later(2 * time.Hour)}}); status != http.StatusBadRequest {
			t.Errorf("no such canvasser: %d", status)
		}
		if t1, _ := w.app.Turfs.FindTurf(ctx, turfs[0].ID); t1.Checkouts != 0 {
			t.Fatalf("refused checkouts were kept: %+v", t1)
		}
		if status, _ := w.do(chen, "POST", turf+"/checkout", url.Values{"canvasser": {"5"}, "partner": {"housing@example.org"}, "until": {later(2 * time.Hour)}}); status != http.StatusSeeOther {
			t.Fatalf("checking out: %d", status)
		}
		if status, body := w.do(mia, "GET", turf, nil); status != http.StatusOK || !strings.Contains(body, "1200 Sunset Blvd") || strings.Contains(body, "Who held it") {
			t.Errorf("Mia's turf: %d %s", status, between(body, "<main", "</main>"))
		}
		if _, body := w.do(chen, "GET", c+"/turfs", nil); !strings.Contains(body, "With Mia Member until") || !strings.Contains(body, "and Hal Housing") {
			t.Errorf("the board: %s", between(body, "<main", "</main>"))
		}
		if status, _ := w.do(chen, "POST", turf+"/return", url.Values{"back": {turf}}); status != http.StatusSeeOther {
			t.Errorf("returning: %d", status)
		}
		_, body := w.do(chen, "GET", turf, nil)
		if !strings.Contains(body, "Mia Member + Hal Housing") || !strings.Contains(body, ">Back</span>") {
			t.Errorf("the turf's history: %s", between(body, "<main", "</main>"))
		}
		if status, _ := w.do(mia, "GET", turf, nil); status != http.StatusForbidden {
			t.Errorf("the returned turf for Mia: %d", status)
		}
		status, api := w.doBody("GET", "/api/v1"+c+"/turfs", "", "Authorization", "Bearer "+w.token("cochair"))
		if status != http.StatusOK || !strings.Contains(api, `"state":"back"`) {
			t.Errorf("the API's board: %d %s", status, api)
		}
		if status, _ := w.doBody("GET", "/api/v1"+c+"/turfs", "", "Authorization", "Bearer "+w.token("member")); status != http.StatusForbidden {
			t.Errorf("the API's board for a member: %d", status)
		}
	})
}

// quietList is the list of the matrix's campaign: a voter whose phone,
// email and door no one else has, and a housemate.
const quietList = "VoterID,First,Last,Phone,Email,Address,Zip,Lat,Lon\n" +
	"Q1,Quinn,Quietvoter,213-555-0901,quinn.quiet@example.net,77 Quiet Lane,90026,34.0771,-118.2601\n" +
	"Q2,Rae,Quietvoter,,,77 Quiet Lane,90026,34.0771,-118.2601\n"

// campaignSecrets gives the matrix's chapter Housing's campaign (1), its
// two people (targets 1 and 2) at one door, in one turf (1), and adds
// their private values: only those who run the campaign (Housing's
// co-chair, the stewards and admins) see the phone, email and door.
func (w *world) campaignSecrets(secrets []private) []private {
	w.t.Helper()
	chen := w.actor("cochair")
	c := &rankfile.Campaign{BodyID: w.bodies["housing"].ID, Name: "Rent control now", Kind: rankfile.CampaignTenant}
	if err := w.app.CreateCampaign(ctx, chen, c); err != nil {
		w.t.Fatal(err)
	}
	m := rankfile.TargetMapping{"external_id": "VoterID", "first_name": "First", "last_name": "Last", "phone": "Phone",
		"email": "Email", "address": "Address", "zip": "Zip", "lat": "Lat", "lon": "Lon"}
	if _, bad, err := w.app.ImportTargets(ctx, chen, c.ID, "County voters", m, strings.NewReader(quietList)); err != nil || bad != nil {
		w.t.Fatal(err, bad)
	}
	if _, err := w.app.CutTurfs(ctx, chen, c.ID, geo.TurfSize{Target: 2, Min: 1, Max: 3}); err != nil {
		w.t.Fatal(err)
	}
	runners := only("cochair", "steward", "admin")
	return append(secrets, private{"a target's phone", "2135550901", runners},
		private{"a target's email", "quinn.quiet@example.net", runners}, private{"a target's door", "77 Quiet Ln", runners})
}

// TestTurfMapTilesComeFromTheConfiguredServer checks that a turf's map
// draws on the tile server of --tiles-url, which the pages' policy then
// lets images come from, and that without one no other origin is allowed.
func TestTurfMapTilesComeFromTheConfiguredServer(t *testing.T) {
	tiles := "https://tiles.example.org/{z}/{x}/{y}.png"
	for _, cfg := range []rfhttp.Config{{InsecureCookies: true}, {InsecureCookies: true, TilesURL: tiles}} {
		w := newWorldWith(t, storetest.SQLiteDSN(t), cfg)
		w.campaignSecrets(nil)
		a := w.fetch(w.client("cochair"), "GET", "/turfs/1", nil, "")
		csp := a.header.Get("Content-Security-Policy")
		if a.status != http.StatusOK || strings.Contains(csp, "tiles.example.org") != (cfg.TilesURL != "") ||
			strings.Contains(a.body, `data-tiles="https://tiles.example.org`) != (cfg.TilesURL != "") {
			t.Errorf("tiles %q: %d, policy %q", cfg.TilesURL, a.status, csp)
		}
		if cfg.TilesURL != "" && !strings.Contains(csp, "img-src 'self' data: https://tiles.example.org;") {
			t.Errorf("the policy does not let the tiles in, or lets more in: %q", csp)
		}
	}
}

// TestCampaignPagesAreWhollySpanish reads every page of the field program
// in Spanish, as the co-chair who runs Housing's campaign and as the
// steward, and finds no English words and no message missing.
func TestCampaignPagesAreWhollySpanish(t *testing.T) {
	english := englishOnlyWords(t)
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.campaignSecrets(nil)
	pages := map[string][]string{
		// Campaign 2 and its first person and turf: campaign 1 is the
		// canvass's, whose people have English names.
		"cochair": {"/campaigns", "/campaigns/new", "/campaigns/2", "/campaigns/2/edit", "/campaigns/2/import",
			"/campaigns/2/targets", "/campaigns/2/targets?q=quiet", "/targets/6", "/campaigns/2/turfs", "/turfs/2"},
		"steward": {"/do-not-contact", "/targets/6"},
	}
	for role, paths := range pages {
		c := w.client(role)
		for _, p := range paths {
			status, page := w.do(c, "GET", p, nil, "Cookie", "rankfile_lang=es")
			if status != http.StatusOK || locale.MissingMarker(page) {
				t.Errorf("%s as %s: status %d, missing message %v", p, role, status, locale.MissingMarker(page))
			}
			if found := englishIn(english, readable(page)); len(found) > 0 {
				t.Errorf("%s as %s shows English: %s", p, role, strings.Join(found, ", "))
			}
		}
	}
}
