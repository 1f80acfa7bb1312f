package http_test

import (
	"bufio"
	"encoding/json"
	"net/http"
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
			chromedp.Click(chromedp.CSS("main form button")),
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
			chromedp.Click(chromedp.CSS("form.meeting-ballot button.yes")),
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
		if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/close", "", chair...); status != http.StatusOK {
			t.Fatalf("closing: %d %s", status, body)
		}
		do(t, ctx, "the result appearing on the screen", chromedp.WaitVisible(chromedp.CSS("article.result .outcome")))
		if got := text(t, ctx, "article.result .outcome strong"); got != "Carried." {
			t.Errorf("the screen shows %q", got)
		}
	})
}
