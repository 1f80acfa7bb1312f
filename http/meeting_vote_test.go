package http_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkInAll checks the world's members in good standing into meeting 1:
// Central's chair (the coordinator) checks in the Central members, the
// Westside chair themself and Hal.
func (w *world) checkInAll() {
	w.t.Helper()
	chairs := map[int64]*rankfile.Actor{1: {Member: w.member("3")}, 2: {Member: w.member("6")}}
	for session, ids := range map[int64][]string{1: {"1", "2", "3", "5"}, 2: {"6", "8"}} {
		for _, id := range ids {
			if err := w.app.CheckIn(ctx, chairs[session], 1, session, w.member(id).ID); err != nil {
				w.t.Fatal(err)
			}
		}
	}
}

// stream follows a meeting's events through the API.
type stream struct {
	t     *testing.T
	resp  *http.Response
	lines *bufio.Scanner
}

func (w *world) follow(role string) *stream {
	w.t.Helper()
	r, _ := http.NewRequest("GET", w.srv.URL+"/api/v1/meetings/1/events", nil)
	r.Header.Set("Authorization", "Bearer "+w.token(role))
	resp, err := http.DefaultClient.Do(r)
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		w.t.Fatalf("following the meeting: %v %v", err, resp)
	}
	w.t.Cleanup(func() { resp.Body.Close() })
	return &stream{t: w.t, resp: resp, lines: bufio.NewScanner(resp.Body)}
}

// until reads states until one satisfies ok, failing after a while.
func (s *stream) until(what string, ok func(*app.LiveState) bool) *app.LiveState {
	s.t.Helper()
	found := make(chan *app.LiveState, 1)
	go func() {
		for s.lines.Scan() {
			data, isData := strings.CutPrefix(s.lines.Text(), "data: ")
			st := &app.LiveState{}
			if isData && json.Unmarshal([]byte(data), st) == nil && ok(st) {
				found <- st
				return
			}
		}
		close(found)
	}()
	select {
	case st, open := <-found:
		if !open {
			s.t.Fatalf("the stream ended before %s", what)
		}
		return st
	case <-time.After(10 * time.Second):
		s.t.Fatalf("no state showed %s", what)
	}
	return nil
}

// TestAVoteThroughTheAPIIsFollowedLive opens a vote, votes online and in
// the room, and closes it through the API, following the meeting's event
// stream: it shows the vote open, each vote counted by session, and the
// result.
func TestAVoteThroughTheAPIIsFollowedLive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.checkInAll()
		s := w.follow("member")
		s.until("the attendance", func(st *app.LiveState) bool { return st.Present == 6 && st.Vote == nil })
		chair := []string{"Authorization", "Bearer " + w.token("coordinator")}
		status, body := w.doBody("POST", "/api/v1/meetings/1/votes", `{"agenda_item_id":1,"kind":"choice","question":"Next meeting where?","options":["Park","Library"]}`, chair...)
		if status != http.StatusCreated {
			t.Fatalf("opening the vote: %d %s", status, body)
		}
		s.until("the vote open", func(st *app.LiveState) bool { return st.Vote != nil && st.Vote.Status == rankfile.VoteOpen })
		member := []string{"Authorization", "Bearer " + w.token("member")}
		for i, want := range []string{`"already":false`, `"already":true`} {
			if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/ballot", `{"choice":[1]}`, member...); status != http.StatusOK || !strings.Contains(body, want) {
				t.Errorf("vote %d: %d %s", i+1, status, body)
			}
		}
		if status, _ := w.doBody("POST", "/api/v1/meetings/1/votes/1/ballot", `{"choice":[0]}`, "Authorization", "Bearer "+w.token("lapsed")); status != http.StatusForbidden {
			t.Errorf("a lapsed member not checked in voting: %d", status)
		}
		st := s.until("the vote counted in Central", func(st *app.LiveState) bool { return st.Vote.Voted == 1 })
		if st.Sessions[0].Voted != 1 || st.Sessions[1].Voted != 0 {
			t.Errorf("progress by session: %+v %+v", st.Sessions[0], st.Sessions[1])
		}
		room := `{"session_id":2,"members":[` + itoa(w.member("8").ID) + `],"counts":[1,0]}`
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/room", room, "Authorization", "Bearer "+w.token("other-branch")); status != http.StatusOK {
			t.Fatalf("Westside's count of the room: %d %s", status, body)
		}
		s.until("the room's vote counted in Westside", func(st *app.LiveState) bool { return st.Vote.Voted == 2 && st.Sessions[1].Voted == 1 })
		status, body = w.doBody("POST", "/api/v1/meetings/1/votes/1/close", "", chair...)
		if status != http.StatusOK {
			t.Fatalf("closing: %d %s", status, body)
		}
		st = s.until("the result", func(st *app.LiveState) bool { return st.Vote.Status == rankfile.VoteClosed })
		if r := st.Vote.Result; r.Carried || r.Combined.Counts[0] != 1 || r.Combined.Counts[1] != 1 || r.Combined.Room != 1 {
			t.Errorf("a tie between the park and the library: %+v", r.Combined)
		}
	})
}

// TestAPhoneSeesAVoteOpenVotesAndSeesTheResult is a member at a meeting
// with the page open on a phone: the ballot appears when the chair opens
// the vote, without reloading; she votes; the result appears when the
// chair closes it. The projector page counts her vote.
func TestAPhoneSeesAVoteOpenVotesAndSeesTheResult(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.checkInAll()
		ctx := browser(t)
		do(t, ctx, "signing in and opening the meeting",
			chromedp.Navigate(w.signInLink("member")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			chromedp.Navigate(w.srv.URL+"/meetings/1"),
			chromedp.WaitVisible(chromedp.CSS("[data-live-part] .quorum")))
		if got := text(t, ctx, "[data-live-part] .hint"); got != "No vote is open." {
			t.Errorf("before the vote the page says %q", got)
		}
		chair := []string{"Authorization", "Bearer " + w.token("coordinator")}
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes", `{"agenda_item_id":1,"kind":"yes_no","question":"Accept the branch reports?"}`, chair...); status != http.StatusCreated {
			t.Fatalf("opening the vote: %d %s", status, body)
		}
		do(t, ctx, "the ballot appearing and voting yes",
			chromedp.WaitVisible(chromedp.CSS("form.meeting-ballot button.yes")),
			click("form.meeting-ballot button.yes"),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := text(t, ctx, `.notice[role="status"]`); got != "Your vote is counted." {
			t.Errorf("after voting the page says %q", got)
		}
		do(t, ctx, "the projector page",
			chromedp.Navigate(w.srv.URL+"/meetings/1/screen"),
			chromedp.WaitVisible(chromedp.CSS(`[data-voted-total]`)))
		if got := text(t, ctx, `[data-voted-total]`); got != "1" {
			t.Errorf("the screen counts %q votes", got)
		}
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/close", `{"confirm":true}`, chair...); status != http.StatusOK {
			t.Fatalf("closing with nothing from Westside, confirmed: %d %s", status, body)
		}
		do(t, ctx, "the result appearing on the screen", chromedp.WaitVisible(chromedp.CSS("article.result .outcome")))
		if got := text(t, ctx, "article.result .outcome strong"); got != "Carried." {
			t.Errorf("the screen shows %q", got)
		}
	})
}

// TestTheChairSeesEachSessionAndConfirmsClosingWithoutOne opens a vote
// at the two-session meeting and votes in Central only: the meeting's
// chair sees each session's progress on the hosts' page, Westside marked
// as having sent nothing, which Westside's own chair does not see; the
// close button leads to the step that names Westside, in English and in
// Spanish, and the vote closes only once that is confirmed. The API
// refuses the same close unless it confirms.
func TestTheChairSeesEachSessionAndConfirmsClosingWithoutOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.checkInAll()
		chair := []string{"Authorization", "Bearer " + w.token("coordinator")}
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes", `{"agenda_item_id":1,"kind":"yes_no","question":"Accept the branch reports?"}`, chair...); status != http.StatusCreated {
			t.Fatalf("opening the vote: %d %s", status, body)
		}
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/ballot", `{"choice":[0]}`, "Authorization", "Bearer "+w.token("member")); status != http.StatusOK {
			t.Fatalf("voting: %d %s", status, body)
		}
		c := w.client("coordinator")
		status, page := w.do(c, "GET", "/meetings/1/host", nil, "Accept-Language", "en")
		central, westside := between(page, "<th scope=\"row\">Central", "</tr>"), between(page, "<tr class=\"unheard\"><th scope=\"row\">Westside", "</tr>")
		if status != 200 || !strings.Contains(central, `data-session-phones="1">1<`) || !strings.Contains(central, `data-session-present="1">4<`) ||
			!strings.Contains(westside, "nothing yet") || !strings.Contains(westside, `data-session-room="2">–<`) {
			t.Errorf("the chair's table: %d\nCentral: %s\nWestside: %s", status, central, westside)
		}
		if _, page := w.do(w.client("other-branch"), "GET", "/meetings/1/host", nil); strings.Contains(page, "sessionprogress") {
			t.Error("Westside's chair, who does not close the meeting's votes, sees the chair's table")
		}
		status, page = w.do(c, "POST", "/meetings/1/votes/1/close", url.Values{"back": {"host"}}, "Accept-Language", "en")
		if status != http.StatusConflict || !strings.Contains(page, "<h1>Close the vote anyway?</h1>") ||
			!strings.Contains(page, `<ul class="unheard"><li>Westside</li></ul>`) ||
			!strings.Contains(page, `name="confirm" value="1"`) || !strings.Contains(page, `name="back" value="host"`) {
			t.Errorf("closing with nothing from Westside: %d\n%s", status, between(page, "<main", "</main>"))
		}
		_, page = w.do(c, "POST", "/meetings/1/votes/1/close", nil, "Accept-Language", "es")
		if !strings.Contains(page, "¿Cerrar la votación de todos modos?") || !strings.Contains(page, "No ha llegado nada de esta sesión") {
			t.Errorf("the step in Spanish: %s", between(page, "<main", "</main>"))
		}
		status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/close", "", chair...)
		if status != http.StatusConflict || !strings.Contains(body, "nothing has come in from Westside") {
			t.Errorf("the API closing unconfirmed: %d %s", status, body)
		}
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/close", `{"confirm":"yes"}`, chair...); status != http.StatusBadRequest {
			t.Errorf("the API with a confirm that is not true or false: %d %s", status, body)
		}
		if votes, _ := w.app.MeetingVotes(ctx, w.actor("coordinator"), 1); votes[0].Status != rankfile.VoteOpen {
			t.Fatal("a refused close closed the vote")
		}
		a := w.fetch(c, "POST", "/meetings/1/votes/1/close", formBody(url.Values{"confirm": {"1"}, "back": {"host"}}), formType)
		if a.status != http.StatusSeeOther || a.header.Get("Location") != "/meetings/1/host?done=closed" {
			t.Fatalf("closing confirmed: %d %s", a.status, a.header.Get("Location"))
		}
		if _, page := w.do(c, "GET", "/meetings/1/host?done=closed", nil, "Accept-Language", "en"); !strings.Contains(page, "The vote is closed and its result published.") {
			t.Errorf("after closing, the hosts' page says: %s", between(page, "<main", "</h1>"))
		}
	})
}

// TestTheChairFollowsTheSessionsAndClosesOnAPhone is the meeting's chair
// on a phone 390 pixels wide: the hosts' page shows each session's
// progress, a count of Westside's room arriving without a reload; the
// close button, with nothing from Westside in the second vote, leads to
// the step that names it, in English and in Spanish, and closing anyway
// comes back to the hosts' page.
func TestTheChairFollowsTheSessionsAndClosesOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.checkInAll()
	chair := []string{"Authorization", "Bearer " + w.token("coordinator")}
	open := func(id, question string) {
		t.Helper()
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes", `{"agenda_item_id":1,"kind":"yes_no","question":"`+question+`"}`, chair...); status != http.StatusCreated {
			t.Fatalf("opening the vote: %d %s", status, body)
		}
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/"+id+"/ballot", `{"choice":[0]}`, "Authorization", "Bearer "+w.token("member")); status != http.StatusOK {
			t.Fatalf("voting: %d %s", status, body)
		}
	}
	open("1", "Accept the branch reports?")
	ctx := browser(t)
	do(t, ctx, "the chair's table",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink("coordinator")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")),
		chromedp.Navigate(w.srv.URL+"/meetings/1/host"),
		chromedp.WaitVisible(chromedp.CSS("table.sessionprogress tr.unheard")))
	fitsThePhone(t, ctx, "the chair's table")
	screenshot(t, ctx, "progress.png")
	room := `{"session_id":2,"members":[` + itoa(w.member("8").ID) + `],"counts":[1,0]}`
	if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/room", room, "Authorization", "Bearer "+w.token("other-branch")); status != http.StatusOK {
		t.Fatalf("Westside's count of the room: %d %s", status, body)
	}
	do(t, ctx, "Westside's count arriving", chromedp.WaitVisible(chromedp.CSS(`[data-session-room="2"]`)),
		chromedp.Poll[chromedp.Void](`document.querySelector('[data-session-room="2"]').textContent === "1"`))
	do(t, ctx, "closing with everyone heard",
		click(`section.progress form button`),
		chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
	if got := text(t, ctx, `.notice[role="status"]`); got != "The vote is closed and its result published." {
		t.Errorf("after closing the page says %q", got)
	}
	for _, lang := range []string{"en", "es"} {
		id := map[string]string{"en": "2", "es": "3"}[lang]
		open(id, "Adjourn at nine? ("+lang+")")
		if lang == "es" {
			do(t, ctx, "in Spanish", click(`.languages button[value="es"]`),
				chromedp.WaitVisible(chromedp.CSS(`html[lang="es"]`)))
		}
		do(t, ctx, "the close button in "+lang,
			chromedp.Navigate(w.srv.URL+"/meetings/1/host"),
			chromedp.WaitVisible(chromedp.CSS("table.sessionprogress tr.unheard")),
			click(`section.progress form button`),
			chromedp.WaitVisible(chromedp.CSS(`ul.unheard`)))
		if got := text(t, ctx, "ul.unheard"); got != "Westside" {
			t.Errorf("the step in %s names %q", lang, got)
		}
		fitsThePhone(t, ctx, "the step in "+lang)
		screenshot(t, ctx, "confirm-"+lang+".png")
		do(t, ctx, "closing anyway in "+lang,
			click(`form input[name="confirm"] ~ button`),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if votes, _ := w.app.MeetingVotes(ctx, w.actor("coordinator"), 1); votes[len(votes)-1].Status != rankfile.VoteClosed {
			t.Errorf("the vote in %s is still open after closing anyway", lang)
		}
	}
	screenshot(t, ctx, "closed-es.png")
}
