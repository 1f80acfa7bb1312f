package http_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestAStewardChangesAMemberFromTheirPage does from Mia's page what the
// command line's "members override", "members revoke-override" and
// "roles grant" do: a mistake shows the form again as typed with the wrong
// fields marked; what is recorded shows in her history, and is audited.
func TestAStewardChangesAMemberFromTheirPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.checkInAll()
		c := w.client("steward")
		mia := "/members/" + itoa(w.member("5").ID)
		_, page := w.do(c, "GET", mia, nil)
		if !strings.Contains(between(page, `id="attended-h"`, "</section>"), `href="/meetings/1"`) {
			t.Errorf("the meeting Mia attended is not on her page")
		}
		for _, want := range []string{`action="` + mia + `/override#standing-h"`, `id="roles-h"`, `id="positions-h"`, `id="attended-h"`, `id="history-h"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the steward's view of a member lacks %s", want)
			}
		}
		status, page := w.do(c, "POST", mia+"/override", url.Values{"standing": {"good"}, "reason": {"Waived by the chapter"}, "until": {"2020-01-01"}})
		form := between(page, `action="`+mia+`/override#standing-h"`, "</form>")
		if status != 400 || !strings.Contains(form, "Waived by the chapter") || !strings.Contains(form, `value="2020-01-01"`) ||
			!strings.Contains(form, `<option value="good" selected>`) {
			t.Fatalf("a past end date: %d, want 400 with the form kept:\n%s", status, form)
		}
		if strings.Count(form, `aria-invalid="true"`) != 1 || !strings.Contains(form, `id="ov-until-problem"`) {
			t.Errorf("the end date is not the one field marked:\n%s", form)
		}
		if m := w.member("5"); m.Roster.Override != nil {
			t.Errorf("a refused override was recorded: %+v", m.Roster.Override)
		}
		status, page = w.submit(c, "POST", mia+"/override", url.Values{"standing": {"good"}, "reason": {"Waived by the chapter"}, "until": {""}})
		if status != 200 || !strings.Contains(between(page, `id="history-h"`, "</section>"), "Waived by the chapter") {
			t.Fatalf("after the override: %d, not in the history:\n%s", status, page)
		}
		if o := w.member("5").Roster.Override; o == nil || o.Author != "Stella Steward" {
			t.Errorf("override %+v, want one by Stella Steward", o)
		}
		if status, _ := w.submit(c, "POST", mia+"/override/clear", url.Values{}); status != 200 {
			t.Errorf("clearing: %d", status)
		}
		if o := w.member("5").Roster.Override; o.ActiveOn(w.db.Today()) {
			t.Errorf("the override still applies after clearing")
		}
		roles := between(page, `id="roles-h"`, "</section>")
		if !strings.Contains(roles, `value="steward"`) || strings.Contains(roles, `value="admin"`) {
			t.Errorf("a steward is offered the roles:\n%s", roles)
		}
		if status, _ := w.submit(c, "POST", mia+"/roles", url.Values{"role": {"steward"}}); status != 200 || !w.actor("member").Steward {
			t.Errorf("granting the steward role: %d", status)
		}
		status, page = w.do(c, "POST", mia+"/point", url.Values{"point": {"34.07 -118.26"}})
		if point := between(page, `id="pl-point"`, ">"); status != 400 || !strings.Contains(point, `value="34.07 -118.26"`) || !strings.Contains(point, `aria-invalid="true"`) {
			t.Errorf("a point without a comma: %d, want 400 with the field kept and marked: %s", status, point)
		}
		if status, _ := w.submit(c, "POST", mia+"/branch", url.Values{"branch": {"westside"}}); status != 200 || w.member("5").Branch.Slug != "westside" {
			t.Errorf("recording Mia's choice of Westside: %d, branch %q", status, w.member("5").Branch.Slug)
		}
		if status, _ := w.submit(c, "POST", mia+"/point", url.Values{"point": {"34.0771,-118.2606"}}); status != 200 || w.member("5").Branch.Point == nil {
			t.Errorf("recording Mia's point: %d, %+v", status, w.member("5").Branch.Point)
		}
		if len(w.auditOf(rankfile.AuditOverride)) != 2 || len(w.auditOf(rankfile.AuditGrantRole)) == 0 {
			t.Errorf("the changes are not all audited")
		}
	})
}

// TestAMemberSeesNoStewardsForms checks a co-coordinator, who sees Mia's
// contact details, gets no history nor forms on her page.
func TestAMemberSeesNoStewardsForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		_, page := w.do(w.client("coordinator"), "GET", "/members/"+itoa(w.member("5").ID), nil)
		for _, not := range []string{"/override", `id="history-h"`, `id="roles-h"`} {
			if strings.Contains(page, not) {
				t.Errorf("a co-coordinator sees %s on a member's page", not)
			}
		}
	})
}
