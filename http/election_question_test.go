package http_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// referendums adds two referendums of the chapter to the world's three
// elections: the first (id 4) open for voting, "Adopt the platform?" Yes
// or No by a simple majority; the second (id 5) voted a day ago and
// counted, its record public, "Amend the bylaws?" needing two thirds,
// which 3 Yes, 1 No and 1 blank pass (75% of the votes for an option). It returns the open one.
func (w *world) referendums() *rankfile.Election {
	now := time.Now()
	chapter := w.bodies["chapter"]
	question := func(title string, threshold rankfile.Threshold) []*rankfile.Contest {
		return []*rankfile.Contest{{Title: title, Seats: 1, Method: rankfile.MethodQuestion, Threshold: threshold,
			Candidates: rankfile.QuestionOptions([]string{"Yes", "No"})}}
	}
	open := &rankfile.Election{Title: "Platform referendum", BodyID: chapter.ID, Seed: "4",
		Cutoff:          rankfile.DateOf(now.In(w.db.Zone)).AddDays(-1),
		NominationsOpen: now.Add(-72 * time.Hour), NominationsClose: now.Add(-48 * time.Hour),
		VotingOpen: now.Add(-time.Hour), VotingClose: now.Add(48 * time.Hour),
		Contests: question("Adopt the platform?", "")}
	past := &rankfile.Election{Title: "Bylaws referendum", BodyID: chapter.ID, RecordPublic: true, Seed: "5",
		Cutoff:          rankfile.DateOf(now.In(w.db.Zone)).AddDays(-3),
		NominationsOpen: now.Add(-120 * time.Hour), NominationsClose: now.Add(-96 * time.Hour),
		VotingOpen: now.Add(-48 * time.Hour), VotingClose: now.Add(-24 * time.Hour),
		Contests: question("Amend the bylaws?", rankfile.ThresholdTwoThirds)}
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	for _, e := range []*rankfile.Election{open, past} {
		if err := w.app.CreateElection(ctx, admin, e); err != nil {
			w.t.Fatal(err)
		}
	}
	w.shift = -36 * time.Hour // while the second was open
	q := past.Contests[0]
	for voter, choice := range map[string][]int64{"1": {q.Candidates[0].ID}, "3": {q.Candidates[0].ID}, "8": {q.Candidates[0].ID},
		"4": {q.Candidates[1].ID}, "5": nil} {
		b := &rankfile.Ballot{Rankings: map[int64][]int64{q.ID: choice}}
		if _, err := w.app.CastBallot(ctx, &rankfile.Actor{Member: w.member(voter)}, past.ID, b); err != nil {
			w.t.Fatal(err)
		}
	}
	w.shift = 0
	return open
}

// TestVotingOnAQuestionWithoutJavaScript chooses an option with the radio
// buttons as a browser without scripts would, reviews it, changes it to a
// blank and back, casts it and finds it by its receipt once counted; a
// ballot choosing both options is refused.
func TestVotingOnAQuestionWithoutJavaScript(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	e := w.referendums()
	q := e.Contests[0]
	yes, no := itoa(q.Candidates[0].ID), itoa(q.Candidates[1].ID)
	field := "choice-" + itoa(q.ID)
	c := w.client("member")
	status, page := w.do(c, "GET", "/elections/4/ballot", nil)
	if status != 200 || !strings.Contains(page, `type="radio" id="choice-`+yes+`" name="`+field+`" value="`+yes+`"`) ||
		!strings.Contains(page, `value="" checked`) || strings.Contains(page, `data-contest=`) || strings.Contains(page, "ballot-how") {
		t.Fatalf("ballot: %d\n%s", status, page)
	}
	status, page = w.do(c, "POST", "/elections/4/ballot/review", url.Values{field: {yes}})
	if status != 200 || !strings.Contains(page, "You choose: Yes") || !strings.Contains(page, `name="rank-`+yes+`" value="1"`) {
		t.Fatalf("review: %d\n%s", status, page)
	}
	if status, page = w.do(c, "POST", "/elections/4/ballot/edit", url.Values{"rank-" + yes: {"1"}}); status != 200 ||
		!strings.Contains(page, `value="`+yes+`" checked`) {
		t.Errorf("changing the ballot does not keep the choice: %d", status)
	}
	if status, page = w.do(c, "POST", "/elections/4/ballot/review", url.Values{field: {""}}); status != 200 ||
		!strings.Contains(page, "You leave this question blank.") {
		t.Errorf("a blank: %d", status)
	}
	if status, page = w.do(c, "POST", "/elections/4/ballot/review", url.Values{"rank-" + yes: {"1"}, "rank-" + no: {"2"}}); status != 400 ||
		!strings.Contains(page, "choose one option") {
		t.Errorf("both options: %d", status)
	}
	if status, _ = w.do(c, "POST", "/elections/4/ballot/review", url.Values{field: {"999"}}); status != 400 {
		t.Errorf("an option of no question: %d", status)
	}
	status, page = w.do(c, "POST", "/elections/4/ballot", url.Values{"rank-" + no: {"1"}})
	if status != 200 || !regexp.MustCompile(`<code>[0-9A-Z-]{19}</code>`).MatchString(page) {
		t.Fatalf("casting: %d\n%s", status, page)
	}
	box, err := w.app.Elections.BallotBox(ctx, e.ID)
	if err != nil || len(box) != 1 || len(box[0].Rankings[q.ID]) != 1 || box[0].Rankings[q.ID][0] != q.Candidates[1].ID {
		t.Errorf("the box: %+v, %v", box, err)
	}
	if _, page = w.do(c, "GET", "/elections/4", nil); !strings.Contains(page, "referendum question") || strings.Contains(page, `action="/elections/4/nominate"`) {
		t.Errorf("the election page of a question:\n%s", page)
	}
}

// TestTheResultsOfAReferendum reads the counted referendum's results page
// in English and Spanish, its result.json and its public record.
func TestTheResultsOfAReferendum(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.referendums()
	anon := w.client("")
	status, page := w.do(anon, "GET", "/elections/5/results", nil)
	for _, want := range []string{"Amend the bylaws?", "Passed", "<th scope=\"row\">Yes</th><td>3</td><td>75.0</td>",
		"needed two thirds of votes cast for an option: 3.", "Blank (not counted in the shares)"} {
		if status != 200 || !strings.Contains(page, want) {
			t.Errorf("results: %d, no %q\n%s", status, want, page)
		}
	}
	_, page = w.do(anon, "GET", "/elections/5/results", nil, "Cookie", "rankfile_lang=es")
	if !strings.Contains(page, "Aprobada") || !strings.Contains(page, "dos tercios de los votos emitidos por una opción: 3") || strings.Contains(page, "Passed") {
		t.Errorf("the results page in Spanish:\n%s", page)
	}
	status, result := w.do(anon, "GET", "/elections/5/result.json", nil)
	if status != 200 || !strings.Contains(result, `"passed": true`) || !strings.Contains(result, `"blank": 1`) ||
		!strings.Contains(result, `"needed": 3`) || strings.Contains(result, `"count"`) {
		t.Errorf("result.json: %d\n%s", status, result)
	}
	status, blt := w.do(anon, "GET", "/elections/5/ballots.blt", nil)
	if status != 200 || !strings.HasPrefix(blt, "2 1\n") || !strings.Contains(blt, "\"Yes\"\n\"No\"\n") {
		t.Errorf("ballots.blt: %d\n%s", status, blt)
	}
}

// TestCallingAReferendum calls a referendum through the set-up form, with
// its options one a line and its threshold, and refuses one of a single
// option, with the form as typed.
func TestCallingAReferendum(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	admin := w.client("admin")
	day := func(days int) string { return time.Now().In(w.db.Zone).AddDate(0, 0, days).Format("2006-01-02") }
	form := url.Values{"title": {"Platform referendum"}, "body": {itoa(w.bodies["chapter"].ID)}, "cutoff": {day(5)},
		"nominations_open": {day(1) + "T09:00"}, "nominations_close": {day(5) + "T21:00"},
		"voting_open": {day(6) + "T09:00"}, "voting_close": {day(9) + "T21:00"},
		"contest_title_0": {"Adopt the platform?"}, "contest_seats_0": {"1"}, "contest_method_0": {"question"},
		"contest_options_0": {"Yes\r\nNo\r\n"}, "contest_threshold_0": {"two_thirds"}}
	if status, page := w.do(admin, "POST", "/elections", form); status != 303 {
		t.Fatalf("calling the referendum: %d\n%s", status, page)
	}
	e, err := w.app.Election(ctx, 4)
	if err != nil {
		t.Fatal(err)
	}
	q := e.Contests[0]
	if !q.IsQuestion() || q.Threshold != rankfile.ThresholdTwoThirds || len(q.Ballot()) != 2 || q.Candidates[1].Name != "No" {
		t.Errorf("the question stored: %+v", q)
	}
	if status, page := w.do(admin, "GET", "/elections/4/edit", nil); status != 200 || !strings.Contains(page, ">Yes\nNo</textarea>") {
		t.Errorf("the set-up form of the question: %d", status)
	}
	edit := url.Values{}
	for k, v := range form {
		edit[k] = v
	}
	edit.Set("contest_id_0", itoa(q.ID))
	edit.Set("contest_options_0", "For\nAgainst\nAbstain from the platform")
	edit.Set("contest_threshold_0", "majority")
	if status, _ := w.do(admin, "POST", "/elections/4/edit", edit); status != 303 {
		t.Fatalf("changing the options: %d", status)
	}
	if e, err = w.app.Election(ctx, 4); err != nil || len(e.Contests[0].Ballot()) != 3 || e.Contests[0].PassingThreshold() != rankfile.ThresholdMajority ||
		e.Contests[0].Candidates[0].Name != "For" {
		t.Errorf("after the change: %+v, %v", e.Contests[0], err)
	}
	form.Set("contest_options_0", "Yes")
	if status, page := w.do(admin, "POST", "/elections", form); status != 400 || !strings.Contains(page, "at least two options") ||
		!strings.Contains(page, ">Yes</textarea>") {
		t.Errorf("a question of one option: %d", status)
	}
}

// TestAMemberAnswersAQuestionOnAPhone chooses Yes on a phone 390 pixels
// wide, with scripts running (which leave the radio buttons alone),
// reviews and casts it; then reads the counted referendum's results in
// Spanish, which fit the screen.
func TestAMemberAnswersAQuestionOnAPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		e := w.referendums()
		yes := itoa(e.Contests[0].Candidates[0].ID)
		ctx := browser(t)
		do(t, ctx, "signing in and opening the ballot",
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(w.signInLink("member")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			chromedp.Navigate(w.srv.URL+"/elections/4"),
			click(`a[href="/elections/4/ballot"]`),
			chromedp.WaitVisible(chromedp.ID("choice-"+yes)))
		fitsThePhone(t, ctx, "/elections/4/ballot")
		screenshot(t, ctx, "referendum-ballot.png")
		do(t, ctx, "choosing Yes and reviewing",
			click("#choice-"+yes),
			click("form.ballot > button"),
			chromedp.WaitVisible(chromedp.CSS("p.choice")))
		if got := text(t, ctx, "p.choice"); got != "You choose: Yes" {
			t.Errorf("the review says %q", got)
		}
		do(t, ctx, "casting",
			click(`form[action="/elections/4/ballot"] button`),
			chromedp.WaitVisible(chromedp.CSS(".receipt code")))
		if voted, _ := w.app.Elections.Voted(ctx, e.ID); voted != 1 {
			t.Errorf("%d members marked voted, want 1", voted)
		}
		do(t, ctx, "the results in Spanish",
			chromedp.Navigate(w.srv.URL+"/elections/5/results"),
			click(`.languages button[value="es"]`),
			chromedp.WaitVisible(chromedp.CSS(`html[lang="es"] table.question-result`)))
		if got := text(t, ctx, "p.outcome"); got != "Aprobada" {
			t.Errorf("the outcome in Spanish is %q", got)
		}
		fitsThePhone(t, ctx, "/elections/5/results")
		screenshot(t, ctx, "referendum-results.png")
	})
}
