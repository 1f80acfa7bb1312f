package http_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// qualifyProposal1 takes the world's proposal 1 to qualified, as enough
// signatures would.
func (w *world) qualifyProposal1() {
	step := rankfile.NewProposalStep(rankfile.ProposalCollecting, rankfile.ProposalQualified, "50 signatures")
	if err := w.app.Proposals.StepProposal(ctx, 1, step); err != nil {
		w.t.Fatal(err)
	}
}

// TestACommitteesCoChairCallsAMeetingFromThePage calls a Housing meeting
// as its co-chair through the form: a secretary who is not a member of
// Housing marks the field and keeps what was typed; named rightly, the
// meeting is called and its agenda page opens, where an item is added.
func TestACommitteesCoChairCallsAMeetingFromThePage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		c := w.client("cochair")
		body := strings.TrimPrefix(url.Values{"b": {itoa(w.bodies["housing"].ID)}}.Encode(), "b=")
		status, page := w.do(c, "GET", "/meetings/new?body="+body, nil)
		if status != 200 || !strings.Contains(page, `name="session-0-chair"`) {
			t.Fatalf("the form: %d", status)
		}
		form := url.Values{"body": {body}, "title": {"Housing committee meeting"}, "kind": {"body"}, "format": {"in_person"},
			"starts": {"2030-03-01T19:00"}, "sessions": {"1"}, "session-0-name": {"Housing"},
			"session-0-chair": {"Chen Cochair"}, "session-0-secretary": {"Mia Member"}, "session-0-place": {"Union hall"}}
		status, page = w.do(c, "POST", "/meetings", form)
		if status != 400 || !strings.Contains(page, `id="session-0-secretary-problem"`) || !strings.Contains(page, `value="Housing committee meeting"`) {
			t.Errorf("a secretary outside Housing: %d, marked %v", status, strings.Contains(page, "session-0-secretary-problem"))
		}
		form.Set("session-0-secretary", "Hal")
		status, _ = w.do(c, "POST", "/meetings", form)
		if status != 303 {
			t.Fatalf("calling the meeting: %d", status)
		}
		list, _ := w.app.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{BodyID: w.bodies["housing"].ID})
		if len(list) != 1 || list[0].Sessions[0].ChairID != w.member("4").ID || list[0].Sessions[0].SecretaryID != w.member("8").ID {
			t.Fatalf("the meeting called: %+v", list)
		}
		id := itoa(list[0].ID)
		if status, _ := w.do(c, "POST", "/meetings/"+id+"/agenda", url.Values{"kind": {"report"}, "title": {"Tenant survey"}}); status != 303 {
			t.Errorf("adding a report: %d", status)
		}
		if status, _ := w.do(w.client("member"), "POST", "/meetings/"+id+"/agenda", url.Values{"kind": {"report"}, "title": {"Mine"}}); status != 403 {
			t.Errorf("a member adding to the agenda: %d, want 403", status)
		}
	})
}

// TestAnAdminCallsABranchedMeetingOnAPhone calls the chapter's meeting in
// every branch on a phone 390 pixels wide, puts the qualified proposal on
// its agenda and moves it up, sees the proposal's page name the meeting,
// and opens the hosts' page; then reads the form, the agenda and the
// hosts' page in Spanish.
func TestAnAdminCallsABranchedMeetingOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.qualifyProposal1()
	ctx := browser(t)
	do(t, ctx, "signing in on a phone",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink("admin")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")),
		chromedp.Navigate(w.srv.URL+"/meetings"),
		click(`a[href="/meetings/new"]`),
		chromedp.WaitVisible(chromedp.ID("body")),
		chromedp.SetValue(chromedp.ID("body"), "1"),
		click("main form button"),
		click(`a[href$="branched=1"]`),
		chromedp.WaitVisible(chromedp.ID("session-1-chair")))
	fitsThePhone(t, ctx, "the branched meeting's form")
	screenshot(t, ctx, "meeting-new.png")
	do(t, ctx, "calling it with a chair who is not a member",
		chromedp.SendKeys(chromedp.ID("title"), "Spring general meeting"),
		chromedp.SetValue(chromedp.ID("starts"), "2030-03-01T19:00"),
		chromedp.SendKeys(chromedp.ID("session-0-chair"), "Nobody Atall"),
		click("form.meetingform button"),
		chromedp.WaitVisible(chromedp.ID("session-0-chair-problem")))
	if got := read(ctx, chromedp.Evaluate[string](`document.getElementById("title").value`)); got != "Spring general meeting" {
		t.Errorf("the form came back with the title %q", got)
	}
	screenshot(t, ctx, "meeting-new-problem.png")
	do(t, ctx, "calling it",
		chromedp.SetValue(chromedp.ID("session-0-chair"), "Cora Coordinator"),
		click("form.meetingform button"),
		chromedp.WaitVisible(chromedp.ID("add-h")))
	screenshot(t, ctx, "meeting-called.png")
	do(t, ctx, "adding a report",
		chromedp.SendKeys(chromedp.ID("title"), "Treasurer's report"),
		click(`#add-item button`),
		chromedp.WaitVisible(chromedp.CSS(`ol.agenda li .kind`)))
	screenshot(t, ctx, "meeting-report.png")
	// A second "Add" in a row comes back to the address the browser
	// already shows, with its #fragment: the page must load again.
	do(t, ctx, "adding the proposal",
		click("#add-proposal button"),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/up"]`)))
	screenshot(t, ctx, "meeting-proposal.png")
	do(t, ctx, "moving it up",
		click(`form[action$="/up"] button`),
		chromedp.WaitVisible(chromedp.CSS(`ol.agenda li:nth-child(1) a[href="/proposals/1"]`)))
	fitsThePhone(t, ctx, "the agenda page")
	screenshot(t, ctx, "meeting-agenda.png")
	path := read(ctx, chromedp.Evaluate[string](`location.pathname`))
	meeting := strings.TrimSuffix(path, "/agenda")
	do(t, ctx, "the proposal's page",
		chromedp.Navigate(w.srv.URL+"/proposals/1"),
		chromedp.WaitVisible(chromedp.CSS(`.onagenda a[href="`+meeting+`"]`)))
	do(t, ctx, "the hosts' page", chromedp.Navigate(w.srv.URL+meeting+"/host"), chromedp.WaitVisible(chromedp.CSS("ul.codes")))
	fitsThePhone(t, ctx, "the hosts' page")
	screenshot(t, ctx, "meeting-host.png")
	do(t, ctx, "in Spanish",
		click(`.languages button[value="es"]`),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="es"]`)),
		chromedp.Navigate(w.srv.URL+"/meetings/new?body=1&branched=1"),
		chromedp.WaitVisible(chromedp.ID("session-1-chair")),
		chromedp.SendKeys(chromedp.ID("title"), "Asamblea de primavera"),
		chromedp.SetValue(chromedp.ID("starts"), "2030-03-01T19:00"),
		chromedp.SendKeys(chromedp.ID("session-0-secretary"), "Nadie Aqui"),
		click("form.meetingform button"),
		chromedp.WaitVisible(chromedp.ID("session-0-secretary-problem")))
	if got := text(t, ctx, "#session-0-secretary-problem"); got != "Ningún miembro del organismo se llama «Nadie Aqui»." {
		t.Errorf("in Spanish the secretary's problem reads %q", got)
	}
	fitsThePhone(t, ctx, "the form in Spanish")
	screenshot(t, ctx, "meeting-new-es.png")
	for _, page := range []string{"/agenda", "/host"} {
		do(t, ctx, page+" in Spanish", chromedp.Navigate(w.srv.URL+meeting+page), chromedp.WaitVisible(chromedp.CSS("main h1")))
		fitsThePhone(t, ctx, page+" in Spanish")
		screenshot(t, ctx, "meeting"+strings.ReplaceAll(page, "/", "-")+"-es.png")
	}
}

// TestAFormSentByHtmxToItsOwnPageLoadsItAgain adds two reports in a row
// through htmx, as the agenda page's boosted forms do: the second comes
// back to the address the browser already shows, #fragment and all, which
// a browser only scrolls to, so htmx is told to load the page again; from
// another page, it is only sent on.
func TestAFormSentByHtmxToItsOwnPageLoadsItAgain(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	c := w.client("admin")
	form := url.Values{"body": {"1"}, "title": {"Chapter meeting"}, "kind": {"body"}, "format": {"in_person"},
		"starts": {"2030-03-01T19:00"}, "sessions": {"1"}, "session-0-name": {"Chapter"}, "session-0-chair": {"Cora Coordinator"}}
	if status, _ := w.do(c, "POST", "/meetings", form); status != 303 {
		t.Fatalf("calling the meeting: %d", status)
	}
	list, _ := w.app.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{BodyID: 1})
	agenda := "/meetings/" + itoa(list[len(list)-1].ID) + "/agenda"
	report := url.Values{"kind": {"report"}, "title": {"Treasurer's report"}}
	for _, tc := range []struct{ from, refresh string }{
		{w.srv.URL + agenda + "?done=called", ""},
		{w.srv.URL + agenda + "?done=added#agenda-h", "true"},
	} {
		a := w.fetch(c, "POST", agenda, formBody(report), formType, "HX-Request", "true", "HX-Current-URL", tc.from)
		if a.status != 204 || a.header.Get("HX-Redirect") != agenda+"?done=added#agenda-h" {
			t.Fatalf("from %s: %d, to %q", tc.from, a.status, a.header.Get("HX-Redirect"))
		}
		if got := a.header.Get("HX-Refresh"); got != tc.refresh {
			t.Errorf("from %s: HX-Refresh %q, want %q", tc.from, got, tc.refresh)
		}
	}
}

// TestTheMeetingFormMarksANameItCannotFindInSpanish: a Spanish page sends
// a secretary outside the committee and a chair of one letter; each field
// comes back marked, with what is wrong said next to it in Spanish.
func TestTheMeetingFormMarksANameItCannotFindInSpanish(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	body := itoa(w.bodies["housing"].ID)
	form := url.Values{"body": {body}, "title": {"Housing committee meeting"}, "kind": {"body"}, "format": {"in_person"},
		"starts": {"2030-03-01T19:00"}, "sessions": {"1"}, "session-0-name": {"Housing"},
		"session-0-chair": {"C"}, "session-0-secretary": {"Mia Member"}, "session-0-place": {"Union hall"}}
	status, page := w.do(w.client("cochair"), "POST", "/meetings", form, "Cookie", "rankfile_lang=es")
	for field, want := range map[string]string{
		"session-0-secretary": "Ningún miembro del organismo se llama «Mia Member».",
		"session-0-chair":     "escribe al menos dos letras de un nombre",
	} {
		input := between(page, `id="`+field+`"`, ">")
		if got := strings.TrimPrefix(between(page, `id="`+field+`-problem">`, "</span>"), `id="`+field+`-problem">`); status != 400 || got != want || !strings.Contains(input, `aria-invalid="true"`) {
			t.Errorf("%s (%d): %q, input %s; want %q, marked", field, status, got, input, want)
		}
	}
}
