package http_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestOnlyOnlineEventsOfferTheCallsLink shows a member an event held only
// in a hall: nothing about a call's link, which it has not; the hybrid
// canvass training still says its link comes with registering.
func TestOnlyOnlineEventsOfferTheCallsLink(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	start := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
	hall := &rankfile.Event{BodyID: w.bodies["central"].ID, Kind: rankfile.EventSocial, Title: "Potluck", StartsAt: start,
		EndsAt: start.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles", Audience: rankfile.AudienceMembers, Registration: true}
	if _, err := w.app.CreateEvent(ctx, w.actor("admin"), hall, nil); err != nil {
		t.Fatal(err)
	}
	c := w.client("member")
	if _, page := w.do(c, "GET", "/events/3", nil); strings.Contains(page, "Register to receive the call") || strings.Contains(page, "shown to those registered") {
		t.Errorf("an event in a hall offers a call's link")
	}
	if _, page := w.do(c, "GET", "/events/1", nil); !strings.Contains(page, "Register to receive the call") {
		t.Errorf("the hybrid event does not say its link comes with registering")
	}
}

// TestRegisteringSaysSoOnce registers a member and confirms a guest: each
// page says "You are registered" once.
func TestRegisteringSaysSoOnce(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	_, page := w.submit(w.client("member"), "POST", "/events/1/register", url.Values{})
	if n := strings.Count(page, "You are registered"); n != 1 {
		t.Errorf("the member's page says it %d times", n)
	}
	link := w.guestLink("Ana Ruiz", "ana@example.net")
	_, page = w.submit(w.client(""), "POST", link+"/confirm", url.Values{})
	if n := strings.Count(page, "You are registered"); n != 1 {
		t.Errorf("the guest's page says it %d times", n)
	}
}

// TestResultsReadInTwoDecimals reads the Meek count's page: its figures
// have two decimals, while result.json keeps all nine.
func TestResultsReadInTwoDecimals(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	nine := regexp.MustCompile(`\d\.\d{9}\b`)
	_, page := w.do(w.client(""), "GET", "/elections/2/results", nil)
	if found := nine.FindString(page); found != "" || !regexp.MustCompile(`>\d+\.\d\d<`).MatchString(page) {
		t.Errorf("the results page shows %q, or no figure of two decimals", found)
	}
	if _, file := w.do(w.client(""), "GET", "/elections/2/result.json", nil); !nine.MatchString(file) {
		t.Errorf("result.json lost its precision")
	}
}

// TestPagesNameBranchesNotSlugs reads the roster, a member's page and the
// profile: each names the branch as people know it.
func TestPagesNameBranchesNotSlugs(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	name := w.bodies["westside"].Name
	if name == "westside" {
		t.Fatal("the test branch's name is its slug")
	}
	steward := w.client("steward")
	_, roster := w.do(steward, "GET", "/roster?q=wes", nil)
	_, member := w.do(steward, "GET", "/members/6", nil)
	_, profile := w.do(w.client("other-branch"), "GET", "/profile", nil)
	for what, page := range map[string]string{"roster": roster, "member": member, "profile": profile} {
		if !strings.Contains(page, html.EscapeString(name)) || strings.Contains(page, ">westside<") || strings.Contains(page, "(westside)") {
			t.Errorf("the %s page does not name the branch %q", what, name)
		}
	}
}

// TestTheProfileSetsOutTheAddressAndTheListsChoice reads the profile: the
// address on its lines, and the national list's mail choice in the
// reader's words, or a dash when the list says nothing.
func TestTheProfileSetsOutTheAddressAndTheListsChoice(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	_, page := w.do(w.client("member"), "GET", "/profile", nil)
	if missing := lacks(page, "5 Member Ln<br>", "As the national list says (—)"); len(missing) > 0 {
		t.Errorf("the profile lacks %q", missing)
	}
}

// TestTheEventFormOffersCheckboxesAndZones reads the new event form: the
// co-hosts are boxes to tick, and the time zone a choice that starts at
// the chapter's.
func TestTheEventFormOffersCheckboxesAndZones(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	_, page := w.do(w.client("admin"), "GET", "/events/new", nil)
	if strings.Contains(page, "Ctrl") || strings.Contains(page, "multiple") {
		t.Errorf("the form still asks to hold Ctrl")
	}
	if missing := lacks(page, `<input type="checkbox" name="cohost" value="`, `<select id="zone" name="zone" required>`,
		`<option value="America/Los_Angeles" selected>America/Los_Angeles (`, `<option value="America/New_York">`); len(missing) > 0 {
		t.Errorf("the form lacks %q", missing)
	}
}
