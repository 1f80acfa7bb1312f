package http_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// BrowserEnv, set to 1, makes a missing Chromium a failure instead of a
// skip, so that CI cannot pass without the browser tests.
const BrowserEnv = "RANKFILE_TEST_REQUIRE_BROWSER"

// browser starts a headless Chromium of its own, with nothing that
// reaches beyond this machine.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv(BrowserEnv) == "1" {
			t.Fatalf("chromium is not installed but %s=1", BrowserEnv)
		}
		t.Skip("chromium is not installed; scripts/test installs it")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true), chromedp.WindowSize(412, 915), // a phone
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute) // a guard against a hang, not a measure
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	// The first run starts the browser and ties it to its context: it runs
	// here, so that each step's shorter deadline (do) ends the step alone.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// stepLimit is how long one call of do may take before the test looks
// at what the browser and the server were doing: far beyond any step's
// time, and short of browser's guard so that there is time left to look.
const stepLimit = 90 * time.Second

// do runs browser steps, and on failure shows the page as it stood and,
// when the steps ran out of time, what the server's goroutines were doing.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	stepCtx, cancel := context.WithTimeout(ctx, stepLimit)
	defer cancel()
	err := chromedp.Do(stepCtx, steps...)
	if err == nil {
		return
	}
	look, cancelLook := context.WithTimeout(ctx, 20*time.Second)
	defer cancelLook()
	where := read(look, chromedp.Evaluate[string](`location.href + " (" + document.readyState + ")"`))
	page := read(look, chromedp.Evaluate[string](`(document.querySelector("main") || document.documentElement).outerHTML`))
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		t.Logf("%s ran out of time; the server's goroutines:\n%s", what, serverGoroutines())
	}
	t.Fatalf("%s: %v\nat: %s\npage: %s", what, err, where, page)
}

// serverGoroutines is the stacks of the goroutines serving a request or
// holding the database, the ones that would show a server stuck.
func serverGoroutines() string {
	var all bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&all, 2)
	var out []string
	for _, g := range strings.Split(all.String(), "\n\n") {
		if strings.Contains(g, "rankfile/rankfile/") && !strings.Contains(g, "_test.go") || strings.Contains(g, "(*conn).serve") {
			out = append(out, g)
		}
	}
	return strings.Join(out, "\n\n")
}

// click clicks the first element a CSS selector finds, as a finger
// would, once the page has settled: htmx swaps a boosted page in and only
// a moment later (its settle delay) scrolls to the top, so a click aimed
// at a button of the page just swapped in, before that scroll, would land
// where the button no longer is, and nothing would happen.
func click(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(settled(), chromedp.Click(chromedp.CSS(sel)))
}

// settled waits until no htmx request, swap or settle is under way.
func settled() chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](`!document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")`)
}

// read runs one browser query and returns its result, or the error's text.
func read[T any](ctx context.Context, action chromedp.Action[T]) T {
	v, _ := chromedp.Run(ctx, action)
	return v
}

// text is the visible text of the first element a CSS selector finds.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	return strings.TrimSpace(v)
}

// TestAMemberSignsInJoinsAndSwitchesToSpanish is a member's first visit, on
// a phone: sign in through the emailed link, see the home page, join a
// committee, read it in Spanish.
func TestAMemberSignsInJoinsAndSwitchesToSpanish(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := browser(t)
		do(t, ctx, "asking for a link",
			chromedp.Navigate(w.srv.URL+"/sign-in"),
			chromedp.SendKeys(chromedp.ID("email"), "member@example.org"),
			click("main form button"),
			chromedp.WaitVisible(chromedp.CSS(".notice")))
		link := w.smtp.Wait(t, "member@example.org", 10*time.Second).Links()[0]
		do(t, ctx, "signing in",
			chromedp.Navigate(link),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")))
		if greeting := text(t, ctx, "h1"); greeting != "Hello, Mia" {
			t.Errorf("the home page says %q", greeting)
		}
		do(t, ctx, "joining Housing",
			chromedp.Navigate(w.srv.URL+"/bodies/housing"),
			click(`form[action="/bodies/housing/join"] button`),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/bodies/housing/leave"]`)))
		if notice := text(t, ctx, ".actions .notice"); notice != "You are a member." {
			t.Errorf("after joining the page says %q", notice)
		}
		do(t, ctx, "switching to Spanish",
			click(`.languages button[value="es"]`),
			chromedp.WaitVisible(chromedp.CSS(`html[lang="es"] .actions .notice`)))
		if notice := text(t, ctx, ".actions .notice"); notice != "Eres miembro." {
			t.Errorf("in Spanish the page says %q", notice)
		}
	})
}

// TestAStewardImportsThroughTheUploadPage uploads a national list in the
// browser and waits for the import's report.
func TestAStewardImportsThroughTheUploadPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := browser(t)
		file := filepath.Join(t.TempDir(), "national-list.csv")
		list := worldList + "9,Nia,Newcomer,nia@example.org,213-555-0009,9 New St,90026,2030-01-01,Member in Good Standing\n"
		if err := os.WriteFile(file, []byte(list), 0o600); err != nil {
			t.Fatal(err)
		}
		link := w.signInLink("steward")
		do(t, ctx, "importing",
			chromedp.Navigate(link),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			chromedp.Navigate(w.srv.URL+"/imports"),
			chromedp.SetUploadFiles(chromedp.ID("list"), []string{file}),
			click(`form[action="/imports"] button`),
			chromedp.WaitVisible(chromedp.CSS("#import-progress dl.record")))
		report := text(t, ctx, "#import-progress")
		if !strings.Contains(report, "Done: 9 records") || !strings.Contains(strings.Join(strings.Fields(report), " "), "Added 1") {
			t.Errorf("the import's report:\n%s", report)
		}
		if got := w.member("9").FirstName; got != "Nia" {
			t.Errorf("Nia was not imported: %q", got)
		}
	})
}

// TestAMemberVotesOnAPhone signs in, opens the ballot from the election
// page and ranks the candidates with the ballot's buttons, as a keyboard or
// screen reader user would (the focus stays on the candidate moved, and the
// move is announced); reviews the ballot, casts it and sees the receipt.
func TestAMemberVotesOnAPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := browser(t)
		do(t, ctx, "signing in and opening the ballot",
			chromedp.Navigate(w.signInLink("member")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			chromedp.Navigate(w.srv.URL+"/elections/1"),
			click(`a[href="/elections/1/ballot"]`),
			chromedp.WaitVisible(chromedp.CSS("ul.unranked button")))
		if visible := read(ctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector(".choice-row")).display !== "none"`)); visible {
			t.Errorf("the numbered choices are still shown beside the buttons")
		}
		if how := text(t, ctx, ".ballot-how"); !strings.HasPrefix(how, "In each contest, add the candidates") {
			t.Errorf("the ballot explains the numbers, not the buttons: %q", how)
		}
		do(t, ctx, "ranking with the buttons",
			click(`button[aria-label="Add to my ranking: Cora Coordinator"]`),
			click(`button[aria-label="Add to my ranking: Chen Cochair"]`),
			click(`button[aria-label="Move up: Chen Cochair"]`),
			chromedp.WaitVisible(chromedp.CSS(`button[aria-label="Move down: Chen Cochair"]`)))
		if focused := read(ctx, chromedp.Evaluate[string](`document.activeElement.getAttribute("aria-label")`)); !strings.HasSuffix(focused, ": Chen Cochair") {
			t.Errorf("after moving, the focus is on %q, not on Chen's buttons", focused)
		}
		if live := text(t, ctx, "[aria-live]"); live != "Chen Cochair is now number 1." {
			t.Errorf("the change is announced as %q", live)
		}
		reviewChenThenCora(t, ctx)
		do(t, ctx, "casting",
			click(`form[action="/elections/1/ballot"] button`),
			chromedp.WaitVisible(chromedp.CSS(".receipt code")))
		if code := text(t, ctx, ".receipt code"); len(code) != 19 {
			t.Errorf("the receipt code is %q", code)
		}
		if voted, _ := w.app.Elections.Voted(context.Background(), 1); voted != 1 {
			t.Errorf("%d members marked voted, want 1", voted)
		}
	})
}

// TestAMemberRanksByDragging ranks two candidates with the buttons, then
// drags the second above the first with the mouse, as the browser itself
// carries a drag out: the ranking, the announcement and the numbered
// choices sent with the form all follow the drop.
func TestAMemberRanksByDragging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := browser(t)
		do(t, ctx, "signing in and ranking two candidates",
			chromedp.Navigate(w.signInLink("member")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			chromedp.Navigate(w.srv.URL+"/elections/1/ballot"),
			click(`button[aria-label="Add to my ranking: Cora Coordinator"]`),
			click(`button[aria-label="Add to my ranking: Chen Cochair"]`),
			chromedp.WaitVisible(chromedp.CSS(`button[aria-label="Move up: Chen Cochair"]`)))
		drag(t, ctx, "ol.ranked li:nth-child(2) .ranked-name", "ol.ranked li:nth-child(1) .ranked-name")
		if first := text(t, ctx, "ol.ranked li:first-child .ranked-name"); first != "Chen Cochair" {
			t.Errorf("after the drop %q is first; want Chen Cochair", first)
		}
		if live := text(t, ctx, "[aria-live]"); live != "Chen Cochair is now number 1." {
			t.Errorf("the drop is announced as %q", live)
		}
		reviewChenThenCora(t, ctx)
	})
}

// drag presses the mouse on the element from selects, moves it until the
// browser starts a drag, and drops it on the element to selects. The drag
// is intercepted and dispatched through the DevTools protocol, which is
// how a headless browser carries a drag and drop out with the page's own
// handlers and the browser's own DataTransfer.
func drag(t *testing.T, ctx context.Context, from, to string) {
	t.Helper()
	center := func(sel string) (x, y float64) {
		xy := read(ctx, chromedp.Evaluate[[]float64](`(() => {
			const el = document.querySelector(`+strconv.Quote(sel)+`);
			el.scrollIntoView({block: "center"});
			const r = el.getBoundingClientRect();
			return [r.x + r.width / 2, r.y + r.height / 2];
		})()`))
		if len(xy) != 2 {
			t.Fatalf("no element %s to drag", sel)
		}
		return xy[0], xy[1]
	}
	x0, y0 := center(from)
	x1, y1 := center(to)
	held := func(p *input.DispatchMouseEventParams) { p.Button, p.Buttons = input.MouseButtonLeft, 1 }
	_, err := chromedp.Run(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.SetInterceptDrags, input.SetInterceptDragsParams{Enabled: true})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	started, err := chromedp.Run(ctx, chromedp.WaitEvent(input.DragIntercepted, nil, chromedp.Steps(
		chromedp.MouseEvent(chromedp.MousePressed, x0, y0, held, chromedp.ClickCount(1)),
		chromedp.MouseEvent(chromedp.MouseMoved, x0, y0-5, held),
		chromedp.MouseEvent(chromedp.MouseMoved, (x0+x1)/2, (y0+y1)/2, held))))
	if err != nil {
		t.Fatalf("the browser started no drag from %s: %v", from, err)
	}
	steps := []chromedp.Action[chromedp.Void]{}
	for _, typ := range []input.DispatchDragEventType{input.DispatchDragEventTypeDragEnter,
		input.DispatchDragEventTypeDragOver, input.DispatchDragEventTypeDrop} {
		p := input.DispatchDragEventParams{Type: typ, X: x1, Y: y1, Data: started.Data}
		steps = append(steps, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, input.DispatchDragEvent, p)
			return err
		}))
	}
	steps = append(steps, chromedp.MouseEvent(chromedp.MouseReleased, x1, y1, held, chromedp.ClickCount(1)))
	do(t, ctx, "dropping on "+to, steps...)
}

// reviewChenThenCora goes on to the review and checks that it ranks Chen,
// then Cora.
func reviewChenThenCora(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "reviewing",
		click("form.ballot > button"),
		chromedp.WaitVisible(chromedp.CSS("ol.ranking")))
	if ranking := text(t, ctx, "ol.ranking"); !strings.HasPrefix(ranking, "Chen Cochair") || !strings.HasSuffix(ranking, "Cora Coordinator") {
		t.Errorf("the review shows %q; want Chen, then Cora", ranking)
	}
}

// TestAFormsProblemShowsWithJavaScript sends a form with a mistake from a
// browser running htmx, which takes every link and form: the answer, a
// 400 with the form as sent and what was wrong, must show, not be dropped
// as an error it does not swap in.
func TestAFormsProblemShowsWithJavaScript(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	ctx := browser(t)
	do(t, ctx, "signing in",
		chromedp.Navigate(w.signInLink("member")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")))
	do(t, ctx, "writing a resolution without a resolved clause",
		chromedp.Navigate(w.srv.URL+"/proposals/new"),
		chromedp.SetValue(chromedp.ID("kind"), "resolution"),
		chromedp.SendKeys(chromedp.ID("title"), "Free transit"),
		click(`form[action="/proposals"] button`),
		chromedp.WaitVisible(chromedp.CSS(".problem")))
	if got := read(ctx, chromedp.Value(chromedp.ID("title"))); got != "Free transit" {
		t.Errorf("the form came back with the title %q", got)
	}
	// The address stays the form's: reloading the address the form was sent
	// to would ask for a page that is only ever sent to.
	if got := read(ctx, chromedp.Evaluate[string](`location.pathname`)); got != "/proposals/new" {
		t.Errorf("after the problem the address is %s; want the form's, /proposals/new", got)
	}
}

// TestFormsAndResultsFitAPhone opens, on a phone 390 pixels wide, the
// pages whose fields or tables used to push them wider than the screen:
// the new event form with its series (a long option), the form that calls
// an election (its contests), and a meeting's page with a vote's result of
// several long options.
func TestFormsAndResultsFitAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.checkInAll()
	chair := []string{"Authorization", "Bearer " + w.token("coordinator")}
	vote := `{"agenda_item_id":1,"kind":"choice","question":"Where shall we hold the holiday party?",
		"options":["The union hall on Sunset","The Echo Park community room","The Eastside branch's space","Somewhere else entirely"]}`
	if status, body := w.doBody("POST", "/api/v1/meetings/1/votes", vote, chair...); status != http.StatusCreated {
		t.Fatalf("opening the vote: %d %s", status, body)
	}
	// No one voted: the chair confirms closing it with nothing from either session.
	if status, body := w.doBody("POST", "/api/v1/meetings/1/votes/1/close", `{"confirm":true}`, chair...); status != http.StatusOK {
		t.Fatalf("closing it: %d %s", status, body)
	}
	ctx := browser(t)
	do(t, ctx, "a phone 390 pixels wide, signed in as an admin",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink("admin")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.ID("standing-h")))
	for _, page := range []struct{ path, ready string }{
		{"/events/new", "#repeat"}, {"/elections/new", "main form"}, {"/meetings/1", "article.result table"},
	} {
		do(t, ctx, page.path, chromedp.Navigate(w.srv.URL+page.path), chromedp.WaitVisible(chromedp.CSS(page.ready)))
		fitsThePhone(t, ctx, page.path)
		screenshot(t, ctx, strings.ReplaceAll(page.path[1:], "/", "-")+".png")
	}
}

// screenshot saves the page as a phone shows it into the folder named by
// RANKFILE_TEST_SCREENSHOTS, when it is set, for a person to look at.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("RANKFILE_TEST_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "-")+"-"+name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
