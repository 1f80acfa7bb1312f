package http_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// homeNow returns the items of a member's "Open to you now" list, as text.
func homeNow(t *testing.T, w *world, role string) []string {
	t.Helper()
	_, page := w.do(w.client(role), "GET", "/", nil)
	list := between(page, `<ul class="now">`, "</ul>")
	var items []string
	for _, li := range regexp.MustCompile(`(?s)<li>(.*?)</li>`).FindAllStringSubmatch(list, -1) {
		items = append(items, strings.Join(strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(li[1], " ")), " "))
	}
	return items
}

// TestHomeShowsWhatIsOpenToTheMemberNow follows a member's home as she
// does what it lists: the election she can vote in comes first with its
// close, then the petition of her chapter she has not signed, then the
// event she registered for, with today's meeting among them; what she has
// done leaves the list, newly approved minutes join it, and the meeting
// leaves it the day after. A lapsed member, who can
// neither vote nor sign, is first told to renew, with a link.
func TestHomeShowsWhatIsOpenToTheMemberNow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.app.RenewURL = "https://dues.example/renew"
		mia := &rankfile.Actor{Member: w.member("5")}
		expect := func(when string, want ...string) {
			t.Helper()
			items := homeNow(t, w, "member")
			if len(items) != len(want) {
				t.Fatalf("%s: %q", when, items)
			}
			for i, prefix := range want {
				if !strings.HasPrefix(items[i], prefix) {
					t.Errorf("%s, item %d is %q, want %q…", when, i, items[i], prefix)
				}
			}
		}
		expect("before", "Vote in Co-chair election Closes ", "Check in to General meeting Starts ", "Sign the petition: Tenant organizing Closes ")
		if _, err := w.app.RegisterForEvent(ctx, mia, 1); err != nil {
			t.Fatal(err)
		}
		if err := w.app.Sign(ctx, mia, 1, false); err != nil {
			t.Fatal(err)
		}
		expect("after signing and registering", "Vote in", "Check in to General meeting", "You are registered: Canvass training Starts ")
		w.approveMinutesOfTheGeneralMeeting()
		expect("with the minutes approved", "Vote in", "Check in to General meeting", "You are registered", "Read the minutes of General meeting Approved")
		w.shift = 24 * time.Hour // the day after the meeting
		expect("the next day", "Vote in", "You are registered", "Read the minutes of General meeting Approved")
		if items := homeNow(t, w, "lapsed"); len(items) != 2 || !strings.HasPrefix(items[0], "Your membership has lapsed.") ||
			!strings.HasPrefix(items[1], "Read the minutes") {
			t.Errorf("the lapsed member's home: %q", items)
		}
		if _, page := w.do(w.client("lapsed"), "GET", "/", nil); !strings.Contains(page, `<a href="https://dues.example/renew">Your membership has lapsed.`) {
			t.Errorf("the lapsed member's home has no link to renew:\n%s", between(page, "<main", "</main>"))
		}
	})
}

// approveMinutesOfTheGeneralMeeting writes the general meeting's minutes
// and has a later meeting approve them.
func (w *world) approveMinutesOfTheGeneralMeeting() {
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	later := &rankfile.Meeting{BodyID: w.bodies["chapter"].ID, Kind: rankfile.MeetingChapter, Title: "Next general meeting",
		StartsAt: time.Now().Add(30 * 24 * time.Hour), Format: rankfile.Online,
		Sessions: []*rankfile.MeetingSession{{Name: "Online", ChairID: w.member("2").ID}}}
	for _, step := range []func() error{
		func() error { return w.app.CreateMeeting(ctx, admin, later) },
		func() error { return w.app.SaveMinutes(ctx, admin, 1, "We met and decided.") },
		func() error { return w.app.ApproveMinutes(ctx, admin, 1, later.ID) },
	} {
		if err := step(); err != nil {
			w.t.Fatal(err)
		}
	}
}

// TestHomeOnAPhoneInBothLanguages opens the member's home on a phone 390
// pixels wide, in English and in Spanish, with something of every kind
// open to her, and follows its first link to the election.
func TestHomeOnAPhoneInBothLanguages(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	if _, err := w.app.RegisterForEvent(ctx, &rankfile.Actor{Member: w.member("5")}, 1); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	do(t, ctx, "a phone 390 pixels wide, signed in as a member",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(w.signInLink("member")),
		click("main form button"),
		chromedp.WaitVisible(chromedp.CSS("ul.now")))
	fitsThePhone(t, ctx, "home")
	screenshot(t, ctx, "home-en.png")
	do(t, ctx, "switching to Spanish",
		click(`.languages button[value="es"]`),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="es"] ul.now`)))
	if got := text(t, ctx, "ul.now li"); !strings.HasPrefix(got, "Vota en Co-chair election") || !strings.Contains(got, "Cierra el ") {
		t.Errorf("in Spanish the first thing open is %q", got)
	}
	fitsThePhone(t, ctx, "home in Spanish")
	screenshot(t, ctx, "home-es.png")
	do(t, ctx, "following the first link", click("ul.now li a"), chromedp.WaitNotPresent(chromedp.CSS("ul.now")))
	if got := read(ctx, chromedp.Location()); !strings.HasSuffix(got, "/elections/1") {
		t.Errorf("the first link leads to %s", got)
	}
}
