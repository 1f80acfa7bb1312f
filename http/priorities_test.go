package http_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// convention makes the chapter's convention, whose delegates are the
// steward, the admin, the coordinator, the member and Westside's chair,
// and its meeting, under way and chaired by the coordinator, with four
// resolutions on its agenda and every delegate checked in.
func (w *world) convention() (*rankfile.Meeting, []int64) {
	w.t.Helper()
	c := w.body(&rankfile.Body{Kind: rankfile.KindConvention, Slug: "convention-2027", Name: "2027 Convention", ParentID: w.bodies["chapter"].ID})
	delegates := []string{"1", "2", "3", "5", "6"}
	for _, id := range delegates {
		p := &rankfile.Position{MemberID: w.member(id).ID, BodyID: c.ID, StartOn: rankfile.MustParseDate("2020-01-01")}
		if err := w.app.Bodies.CreatePosition(ctx, p); err != nil {
			w.t.Fatal(err)
		}
	}
	admin := w.actor("admin")
	m := &rankfile.Meeting{BodyID: c.ID, Kind: rankfile.MeetingConvention, Title: "2027 Convention",
		StartsAt: time.Now().Add(-time.Minute), Format: rankfile.InPerson, Quorum: rankfile.Quorum{Count: 3},
		Sessions: []*rankfile.MeetingSession{{Name: "Plenary", ChairID: w.member("3").ID}}}
	if err := w.app.CreateMeeting(ctx, admin, m); err != nil {
		w.t.Fatal(err)
	}
	var ids []int64
	for _, title := range []string{"Tenant unions", "Medicare for all", "Transit first", "Union drives"} {
		p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: c.ID, Title: title,
			Text: rankfile.ProposalText{Resolved: []string{title + " is a priority."}}}
		if err := w.app.CreateProposal(ctx, admin, p, nil); err != nil {
			w.t.Fatal(err)
		}
		if err := w.app.OpenSignatures(ctx, admin, p.ID, time.Now().Add(24*time.Hour)); err != nil {
			w.t.Fatal(err)
		}
		step := rankfile.NewProposalStep(rankfile.ProposalCollecting, rankfile.ProposalQualified, "enough signatures")
		if err := w.app.Proposals.StepProposal(ctx, p.ID, step); err != nil {
			w.t.Fatal(err)
		}
		if err := w.app.ScheduleProposal(ctx, admin, p.ID, m.ID); err != nil {
			w.t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	for _, id := range delegates {
		if err := w.app.CheckIn(ctx, w.actor("coordinator"), m.ID, m.Sessions[0].ID, w.member(id).ID); err != nil {
			w.t.Fatal(err)
		}
	}
	return m, ids
}

// TestTheChairOpensThePrioritiesVoteFromTheMeetingsPage: the convention's
// chair sees the resolutions the vote would rank and opens it with the
// button; a delegate sees the ranked ballot, and no one else the button.
func TestTheChairOpensThePrioritiesVoteFromTheMeetingsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		m, ids := w.convention()
		path := "/meetings/" + itoa(m.ID)
		if _, page := w.do(w.client("member"), "GET", path, nil); strings.Contains(page, "priorities-vote") {
			t.Error("a delegate sees the button that opens the priorities vote")
		}
		c := w.client("coordinator")
		_, page := w.do(c, "GET", path, nil, "Accept-Language", "en")
		section := between(page, `<section aria-labelledby="priorities-h">`, "</section>")
		if !strings.Contains(section, "Tenant unions") || !strings.Contains(section, "Union drives") || !strings.Contains(section, `action="`+path+`/priorities-vote"`) {
			t.Fatalf("the chair's priorities section: %s", section)
		}
		if status, _ := w.do(c, "POST", path+"/priorities-vote", url.Values{}); status != 303 {
			t.Fatalf("opening the priorities vote: %d", status)
		}
		status, body := w.doBody("GET", "/api/v1"+path+"/votes", "", "Authorization", "Bearer "+w.token("member"))
		if status != 200 || !strings.Contains(body, `"option_proposals":[`+itoa(ids[0])+",") {
			t.Errorf("the vote in the API: %d %s", status, body)
		}
		_, page = w.do(w.client("member"), "GET", path, nil, "Accept-Language", "en")
		if !strings.Contains(page, "<h2>Next year&#39;s priorities</h2>") || strings.Count(page, `class="rank-row"`) != 4 {
			t.Errorf("the delegate's ballot: %s", between(page, `data-live-part`, "</form>"))
		}
	})
}

// TestDelegatesRankThePrioritiesAndTheChapterSeesThemOnAPhone: delegates
// rank the resolutions on phones 390 pixels wide, one in English and one
// in Spanish, on the ballot's numbered choices; once the chair closes the
// vote, the chapter's page lists the priorities adopted, in order, with a
// link to the count's record, in both languages.
func TestDelegatesRankThePrioritiesAndTheChapterSeesThemOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	m, ids := w.convention()
	v, err := w.app.OpenPrioritiesVote(ctx, w.actor("coordinator"), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := w.srv.URL + "/meetings/" + itoa(m.ID)
	for _, delegate := range []struct{ role, lang, question, voted string }{
		{"member", "en", "Next year's priorities", "Your vote is counted."},
		{"other-branch", "es", "Las prioridades del próximo año", "Tu voto está contado."},
	} {
		ctx := browser(t)
		do(t, ctx, "signing in as "+delegate.role,
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(w.signInLink(delegate.role)),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")))
		if delegate.lang == "es" {
			do(t, ctx, "in Spanish", click(`.languages button[value="es"]`),
				chromedp.WaitVisible(chromedp.CSS(`html[lang="es"]`)))
		}
		do(t, ctx, "the ballot", chromedp.Navigate(path), chromedp.WaitVisible(chromedp.CSS("form.meeting-ballot select")))
		if got := text(t, ctx, ".vote h2"); got != delegate.question {
			t.Errorf("in %s the ballot asks %q", delegate.lang, got)
		}
		fitsThePhone(t, ctx, "the priorities ballot in "+delegate.lang)
		screenshot(t, ctx, "ballot-"+delegate.lang+".png")
		// Union drives first, then Tenant unions, then Transit first.
		do(t, ctx, "ranking",
			chromedp.SetValue(chromedp.CSS(`select[name="rank-3"]`), "1"),
			chromedp.SetValue(chromedp.CSS(`select[name="rank-0"]`), "2"),
			chromedp.SetValue(chromedp.CSS(`select[name="rank-2"]`), "3"),
			click("form.meeting-ballot button"),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := text(t, ctx, `.notice[role="status"]`); got != delegate.voted {
			t.Errorf("after ranking in %s the page says %q", delegate.lang, got)
		}
	}
	for _, role := range []string{"steward", "admin"} {
		if _, err := w.app.CastMeetingVote(ctx, w.actor(role), m.ID, v.ID, []int{1, 0}); err != nil {
			t.Fatal(err)
		}
	}
	closed, err := w.app.CloseVote(ctx, w.actor("coordinator"), m.ID, v.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(closed.Result.Winners) != 3 {
		t.Fatalf("the count elected %v", closed.Result.Winners)
	}
	var want []string
	for _, i := range closed.Result.Winners {
		want = append(want, "/proposals/"+itoa(ids[i]))
	}
	ctx := browser(t)
	do(t, ctx, "the chapter's page",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink("member")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")),
		chromedp.Navigate(w.srv.URL+"/bodies/chapter"),
		chromedp.WaitVisible(chromedp.CSS("ol.priorities")))
	links := read(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("ol.priorities a")].map(a => a.getAttribute("href"))`))
	if strings.Join(links, " ") != strings.Join(want, " ") {
		t.Errorf("the chapter's priorities link to %v; want %v", links, want)
	}
	if got := text(t, ctx, "#priorities-h"); got != "This year's priorities" {
		t.Errorf("the heading reads %q", got)
	}
	fitsThePhone(t, ctx, "the chapter's page")
	screenshot(t, ctx, "chapter-en.png")
	do(t, ctx, "the count's record",
		click(`section.priorities a[href^="/priorities/"]`),
		chromedp.WaitVisible(chromedp.CSS("section.count table")))
	if got := text(t, ctx, "pre code"); !strings.HasPrefix(got, "rankfile tally priorities-vote-"+itoa(v.ID)+".blt --method scottish --seed ") {
		t.Errorf("the record's command: %q", got)
	}
	fitsThePhone(t, ctx, "the count's record")
	screenshot(t, ctx, "record-en.png")
	do(t, ctx, "in Spanish",
		click(`.languages button[value="es"]`),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="es"]`)),
		chromedp.WaitVisible(chromedp.CSS("section.count table")))
	fitsThePhone(t, ctx, "the count's record in Spanish")
	screenshot(t, ctx, "record-es.png")
	do(t, ctx, "the chapter's page in Spanish", chromedp.Navigate(w.srv.URL+"/bodies/chapter"), chromedp.WaitVisible(chromedp.CSS("ol.priorities")))
	if got := text(t, ctx, "#priorities-h"); got != "Las prioridades de este año" {
		t.Errorf("in Spanish the heading reads %q", got)
	}
	fitsThePhone(t, ctx, "the chapter's page in Spanish")
	screenshot(t, ctx, "chapter-es.png")
}
