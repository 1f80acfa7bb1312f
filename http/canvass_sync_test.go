package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// recordOffline keeps 200 answers on the phone, at the turf's five doors,
// as canvass.js keeps a door's form, and returns them as JSON.
const recordOffline = `(async function () {
	var doors = Array.from(document.querySelectorAll("li.door")).map(function (li) { return +li.dataset.door; });
	var results = ["not_home", "contact", "refused", "not_home", "moved"];
	for (var i = 0; i < 200; i++) {
		var a = { turf_id: 1, household_id: doors[i % doors.length], channel: "door", result: results[i % 5] };
		if (a.result === "contact") a.support = 1 + i % 5;
		await canvass.record(a);
	}
	return JSON.stringify(await canvass.queued());
})()`

// resendAll sends the answers again, as a phone that lost every answer
// of the server would, and says what the server made of them.
const resendAll = `(async function (all) {
	var got = { stored: 0, repeats: 0 };
	for (var i = 0; i < all.length; i += 50) {
		var r = await fetch("/canvass/attempts", { method: "POST", headers: { "Content-Type": "application/json" },
			body: JSON.stringify({ attempts: all.slice(i, i + 50) }) });
		var j = await r.json();
		got.stored += j.stored; got.repeats += j.repeats;
	}
	return got.stored + "/" + got.repeats;
})(%s)`

// TestTwoHundredAnswersSurviveAKilledServer records 200 answers on a
// phone with no server, then syncs them in batches of 20 through a real
// rankfile process killed with SIGKILL after it stored the fourth batch
// and before the phone heard so; started again, the sync goes on, and
// all 200 are sent a second time besides: exactly 200 attempts are
// stored, each answer once.
func TestTwoHundredAnswersSurviveAKilledServer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w, p, bctx := phoneWorld(t, dsn)
		walkOffline(t, bctx, p)
		p.kill()
		do(t, bctx, "the walk, offline", chromedp.Navigate(p.url()+"/canvass/turfs/1"), chromedp.WaitVisible(chromedp.ID("sync")))
		kept := read(bctx, chromedp.Evaluate[string](recordOffline, chromedp.EvalAwaitPromise))
		read(bctx, chromedp.Evaluate[bool](`canvass.batchSize = 20; true`)) // before the server is back: a sync may start any time
		paused := make(chan *fetch.EventRequestPaused, 32)
		if err := chromedp.Listen(bctx, func(ev any) {
			if e, ok := ev.(*fetch.EventRequestPaused); ok {
				paused <- e
			}
		}); err != nil {
			t.Fatal(err)
		}
		call(t, bctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/canvass/attempts", RequestStage: fetch.RequestStageResponse}}})
		p.start()
		read(bctx, chromedp.Evaluate[bool](`canvass.sync(); true`))
		for range 3 {
			call(t, bctx, fetch.ContinueResponse, fetch.ContinueResponseParams{RequestID: next(t, paused).RequestID})
		}
		fourth := next(t, paused) // stored by the server; its answer held from the phone
		p.kill()
		call(t, bctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: fourth.RequestID, ErrorReason: network.ErrorReasonConnectionReset})
		call(t, bctx, fetch.Disable, cdp.Empty{})
		if left := read(bctx, chromedp.Evaluate[int](`canvass.sync().then(function () { return canvass.queued(); }).then(function (q) { return q.length; })`, chromedp.EvalAwaitPromise)); left != 140 {
			t.Fatalf("%d answers left on the phone after the kill, want 140", left)
		}
		if got := storedIDs(t, w); len(got) != 80 {
			t.Fatalf("%d attempts stored before the kill, want 80", len(got))
		}
		p.start()
		if left := read(bctx, chromedp.Evaluate[int](`canvass.sync()`, chromedp.EvalAwaitPromise)); left != 0 {
			t.Fatalf("%d answers left after the server came back", left)
		}
		if got := read(bctx, chromedp.Evaluate[string](sprintf(resendAll, kept), chromedp.EvalAwaitPromise)); got != "0/200" {
			t.Errorf("all 200 again: stored/repeats %s, want 0/200", got)
		}
		got := storedIDs(t, w)
		want := clientIDs(t, kept)
		if !slices.Equal(got, want) {
			t.Errorf("%d attempts stored, want the 200 answers once each", len(got))
		}
	})
}

// next waits for the next paused request; the wait is a guard against a
// request that never comes, not a measure.
func next(t *testing.T, paused chan *fetch.EventRequestPaused) *fetch.EventRequestPaused {
	t.Helper()
	select {
	case e := <-paused:
		return e
	case <-time.After(time.Minute):
		t.Fatal("no request to /canvass/attempts")
		return nil
	}
}

func call[P, R any](t *testing.T, ctx context.Context, cmd cdp.Command[P, R], params P) {
	t.Helper()
	if _, err := chromedp.Call(ctx, cmd, params); err != nil {
		t.Fatal(err)
	}
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// storedIDs lists the client ids of the attempts stored at turf 1's doors,
// sorted, with repeats kept.
func storedIDs(t *testing.T, w *world) []string {
	t.Helper()
	var out []string
	for door := int64(1); door <= 5; door++ {
		attempts, err := w.app.Attempts.HouseholdAttempts(ctx, door)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range attempts {
			out = append(out, a.ClientID)
		}
	}
	slices.Sort(out)
	return out
}

// clientIDs lists the client ids of answers kept as JSON, sorted.
func clientIDs(t *testing.T, kept string) []string {
	t.Helper()
	var all []struct {
		ClientID string `json:"client_id"`
	}
	if err := json.Unmarshal([]byte(kept), &all); err != nil || len(all) != 200 {
		t.Fatalf("%d answers kept on the phone, %v", len(all), err)
	}
	var out []string
	for _, a := range all {
		out = append(out, a.ClientID)
	}
	slices.Sort(out)
	return out
}
