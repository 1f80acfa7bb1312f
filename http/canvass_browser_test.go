package http_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// rankfileBinary builds the rankfile command once for the tests that run
// it as a process of its own.
var rankfileBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "rankfile-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "rankfile")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/rankfile").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building rankfile: %v\n%s", err, out)
	}
	return bin, nil
})

// process is rankfile serving a database as a process of its own, which a
// test may kill as a power cut would and start again on the same address.
type process struct {
	t         *testing.T
	bin, dsn  string
	key, addr string
	heads     string
	cmd       *exec.Cmd
}

// startProcess builds rankfile and serves dsn with the keys of key on a
// free port of this machine.
func startProcess(t *testing.T, dsn, key string) *process {
	t.Helper()
	bin, err := rankfileBinary()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := &process{t: t, bin: bin, dsn: dsn, key: key, addr: addr, heads: filepath.Join(t.TempDir(), "heads")}
	p.start()
	t.Cleanup(p.kill)
	return p
}

func (p *process) url() string { return "http://" + p.addr }

// start runs the server and waits until it answers.
func (p *process) start() {
	p.t.Helper()
	p.cmd = exec.Command(p.bin, "--db", p.dsn, "serve", "--addr", p.addr, "--audit-heads", p.heads)
	p.cmd.Env = append(os.Environ(), secret.EnvVar+"="+p.key)
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	for range 600 { // a guard against a server that never comes up, not a measure
		if r, err := http.Get(p.url() + "/healthz"); err == nil {
			r.Body.Close()
			if r.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.t.Fatal("rankfile did not start")
}

// kill ends the server with SIGKILL: nothing of it runs after.
func (p *process) kill() {
	if p.cmd == nil || p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.cmd.Wait()
	p.cmd = nil
}

// phoneWorld is the test world, with keys a process of its own is given
// too, and a browser signed in as Mia, who holds turf 1.
func phoneWorld(t *testing.T, dsn string) (*world, *process, context.Context) {
	text, err := secret.GenerateKeyFile(nil)
	if err != nil {
		t.Fatal(err)
	}
	ring, err := secret.Parse("test keys", text)
	if err != nil {
		t.Fatal(err)
	}
	storetest.UseKeys(dsn, ring)
	w := newWorld(t, dsn)
	p := startProcess(t, dsn, text)
	links, err := store.NewAuthService(w.db).CreateSignInTokens(ctx, w.member("5").Email)
	if err != nil {
		t.Fatal(err)
	}
	session, _, err := store.NewAuthService(w.db).RedeemSignInToken(ctx, links[0].Token)
	if err != nil {
		t.Fatal(err)
	}
	bctx := browser(t)
	do(t, bctx, "a phone signed in as Mia", chromedp.EmulateViewport(390, 844), setCookie(p, "rankfile_session", session))
	return w, p, bctx
}

// walkOffline opens the turf online, so that the service worker keeps
// its pages, and waits until the worker has kept every door's.
func walkOffline(t *testing.T, bctx context.Context, p *process) {
	t.Helper()
	walk := p.url() + "/canvass/turfs/1"
	do(t, bctx, "the walk, online", chromedp.Navigate(walk), chromedp.WaitVisible(chromedp.ID("sync")))
	ready := `navigator.serviceWorker.ready.then(function () { return true; })`
	if !read(bctx, chromedp.Evaluate[bool](ready, chromedp.EvalAwaitPromise)) {
		t.Fatal("no service worker")
	}
	do(t, bctx, "the walk, under the worker", chromedp.Navigate(walk), chromedp.WaitVisible(chromedp.ID("sync")))
	kept := `caches.open("rankfile-canvass-1").then(function (c) { return c.keys(); }).then(function (k) {
		return k.filter(function (r) { return r.url.indexOf("/doors/") > 0; }).length; })`
	for range 600 {
		if read(bctx, chromedp.Evaluate[int](kept, chromedp.EvalAwaitPromise)) == 5 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the worker did not keep the doors' pages")
}

// waitKept waits until the worker keeps the page at u with text in it.
func waitKept(t *testing.T, bctx context.Context, u, text string) {
	t.Helper()
	js := fmt.Sprintf(`caches.open("rankfile-canvass-1").then(function (c) { return c.match(%q); }).then(function (r) {
		return r ? r.text() : ""; }).then(function (b) { return b.indexOf(%q) >= 0; })`, u, text)
	for range 600 { // a guard against a page never kept, not a measure
		if read(bctx, chromedp.Evaluate[bool](js, chromedp.EvalAwaitPromise)) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the worker did not keep %s with %q", u, text)
}

// TestTheWalkPageWorksOffline walks a turf on a phone 390 pixels wide in
// English and Spanish: online, then with the server gone, the walk and a
// door's form come from the phone; the form saved offline waits on the
// phone, counted, and reaches the server once it is back.
func TestTheWalkPageWorksOffline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w, p, bctx := phoneWorld(t, dsn)
		walkOffline(t, bctx, p)
		fitsThePhone(t, bctx, "the walk")
		screenshot(t, bctx, "walk-online.png")
		p.kill()
		do(t, bctx, "a door's form, offline",
			chromedp.Navigate(p.url()+"/canvass/turfs/1"), chromedp.WaitVisible(chromedp.CSS("li.door a")),
			click("li#door-4 a"), chromedp.WaitVisible(chromedp.CSS("form.door-form")))
		fitsThePhone(t, bctx, "the door's form")
		screenshot(t, bctx, "door-offline.png")
		do(t, bctx, "answering offline",
			click(`input[name=result][value=contact]`),
			click(`input[name=support][value="5"]`),
			click(`input[name=issues][value=Rent]`),
			click("form.door-form button"),
			chromedp.WaitVisible(chromedp.CSS(`#sync[data-waiting="1"]`)))
		if got := text(t, bctx, "#sync"); !strings.Contains(got, "1 answer waiting to sync") {
			t.Errorf("the count offline: %q", got)
		}
		screenshot(t, bctx, "walk-offline.png")
		p.start()
		left := read(bctx, chromedp.Evaluate[int](`canvass.sync()`, chromedp.EvalAwaitPromise))
		got, _ := w.app.Attempts.HouseholdAttempts(ctx, 4)
		if left != 0 || len(got) != 1 || got[0].Support != 5 || got[0].Issues[0] != "Rent" {
			t.Fatalf("after the server came back: %d left, %+v", left, got)
		}
		do(t, bctx, "the walk in Spanish, online", setCookie(p, "rankfile_lang", "es"),
			chromedp.Navigate(p.url()+"/canvass/turfs/1"), chromedp.WaitVisible(chromedp.CSS(`#sync[data-waiting="0"]`)))
		if got := text(t, bctx, "#sync"); !strings.Contains(got, "Todas las respuestas") {
			t.Errorf("the count in Spanish: %q", got)
		}
		fitsThePhone(t, bctx, "the walk in Spanish")
		screenshot(t, bctx, "walk-es-online.png")
		waitKept(t, bctx, p.url()+"/canvass/turfs/1/doors/1", "Qué pasó") // the worker keeps the doors' pages anew, in Spanish
		p.kill()
		do(t, bctx, "the walk in Spanish, offline",
			chromedp.Navigate(p.url()+"/canvass/turfs/1/doors/1"), chromedp.WaitVisible(chromedp.CSS("form.door-form")))
		if got := text(t, bctx, "form.door-form legend"); got != "Qué pasó" {
			t.Errorf("the door's form offline in Spanish: %q", got)
		}
		screenshot(t, bctx, "door-es-offline.png")
	})
}

// setCookie sets a cookie of the process's site in the browser.
func setCookie(p *process, name, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: p.url()})
		return err
	})
}

// TestFieldPagesFitAPhone opens the canvasser's list of turfs, and the
// script and paper entry pages of the campaign's co-chair, on a phone 390
// pixels wide, in English and Spanish.
func TestFieldPagesFitAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	for _, role := range []struct{ role, ready string }{{"member", "main"}, {"cochair", "main"}} {
		bctx := browser(t)
		do(t, bctx, "a phone 390 pixels wide, signed in as "+role.role,
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(w.signInLink(role.role)),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")))
		pages := []string{"/canvass"}
		if role.role == "cochair" {
			pages = []string{"/campaigns/1/script", "/turfs/1/entry"}
		}
		for _, lang := range []string{"en", "es"} {
			for _, page := range pages {
				do(t, bctx, page, chromedp.Navigate(w.srv.URL+page+"?lang="+lang), chromedp.WaitVisible(chromedp.CSS("main h1")))
				fitsThePhone(t, bctx, page)
				screenshot(t, bctx, lang+strings.ReplaceAll(page, "/", "-")+".png")
			}
			do(t, bctx, "Spanish", setLanguage(w.srv.URL, "es"))
		}
	}
}

// setLanguage sets the language switcher's cookie in the browser.
func setLanguage(site, lang string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: "rankfile_lang", Value: lang, URL: site})
		return err
	})
}
