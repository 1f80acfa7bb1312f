package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/store/storetest"
)

func TestEachMemberGetsTheirBranchsCopyInTheirLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		srv := w.withMail()
		w.sendDraft("**Come** to the general meeting on the 20th.")
		w.send(11)
		w.send(0)
		link := func(title string) string { return fmt.Sprintf("%s/events/%d", base, w.events[title].ID) }

		central := srv.Wait(t, "voter3@example.org", 5*time.Second)
		checkCopy(t, central, "Week of November 9", []string{"Hello Voter,", "**Come** to the general meeting",
			"This week in the Central branch and across the chapter:", "MONDAY, NOVEMBER 9, 2026", "Echo Park potluck",
			"12:00 AM–2:00 AM PST", "1 Union Hall, Los Angeles", link("Echo Park potluck"), "Central canvass", link("Central canvass")},
			[]string{"Rally", "Westside", "Housing meeting", "Cancelled", "Sunday night", "Monday after"})

		westside := srv.Wait(t, "voter5@example.org", 5*time.Second)
		checkCopy(t, westside, "Semana del 9 de noviembre", []string{"Hola, Voter:", "Esta semana en la rama Westside",
			"(Esta nota solo está en inglés.)\n\n**Come** to the general meeting",
			"JUEVES, 12 DE NOVIEMBRE DE 2026", "Westside phonebank", link("Westside phonebank"), "Para dejar de recibir"},
			[]string{"Central canvass", "Echo Park", "Housing meeting"})

		housing := srv.Wait(t, "voter6@example.org", 5*time.Second)
		checkCopy(t, housing, "Week of November 9", []string{"This week across the chapter:", "Housing meeting",
			"For the members of Housing", link("Housing meeting")}, []string{"Central canvass", "Westside phonebank"})

		elsewhere := srv.Wait(t, "voter7@example.org", 5*time.Second)
		checkCopy(t, elsewhere, "Week of November 9", []string{"general meeting on the 20th", "Nothing is on the calendar for you this week."},
			[]string{"/events/"})
		w.checkUnsubscribeLink(central)
	})
}

// checkCopy checks a copy's subject, what it says and does not, and that
// it carries its unsubscribe link in the body and the headers.
func checkCopy(t *testing.T, m mailtest.Message, subject string, has, hasNot []string) {
	t.Helper()
	if m.Subject != subject {
		t.Errorf("%s: subject %q, want %q", m.To, m.Subject, subject)
	}
	for _, s := range has {
		if !strings.Contains(m.Text, s) {
			t.Errorf("%s: the copy lacks %q:\n%s", m.To, s, m.Text)
		}
	}
	for _, s := range hasNot {
		if strings.Contains(m.Text, s) {
			t.Errorf("%s: the copy holds %q:\n%s", m.To, s, m.Text)
		}
	}
	unsubscribe := strings.Trim(m.Header.Get("List-Unsubscribe"), "<>")
	if !strings.HasPrefix(unsubscribe, base+"/unsubscribe/") || !strings.Contains(m.Text, unsubscribe+"\n") ||
		m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("%s: unsubscribe headers %q %q, body:\n%s", m.To, unsubscribe, m.Header.Get("List-Unsubscribe-Post"), m.Text)
	}
}

// checkUnsubscribeLink follows a copy's link: looking changes nothing,
// using it turns the weekly email off.
func (w *weeklyWorld) checkUnsubscribeLink(m mailtest.Message) {
	w.t.Helper()
	token := strings.TrimPrefix(strings.Trim(m.Header.Get("List-Unsubscribe"), "<>"), base+"/unsubscribe/")
	if err := w.app.CheckUnsubscribe(ctx, token); err != nil {
		w.t.Fatalf("the link does not work: %v", err)
	}
	if !w.member(3).Preferences.WantsWeekly() {
		w.t.Fatal("looking at the link unsubscribed")
	}
	if err := w.app.Unsubscribe(ctx, token); err != nil {
		w.t.Fatal(err)
	}
	if w.member(3).Preferences.WantsWeekly() {
		w.t.Error("the link did not unsubscribe")
	}
}

func TestACopyNoLongerOwedIsDropped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		srv := w.withMail()
		w.sendDraft("") // to voters 3, 5 and 6
		off := false
		w.prefer(5, rankfile.Preferences{WeeklyEmail: &off})
		if err := w.app.CancelEvent(ctx, w.admin, w.events["Housing meeting"].ID); err != nil {
			t.Fatal(err)
		}
		w.send(1)
		if got := srv.Wait(t, "voter3@example.org", 5*time.Second); !strings.Contains(got.Text, "Central canvass") {
			t.Errorf("voter 3's copy:\n%s", got.Text)
		}
		if c := w.counts(); c[rankfile.NoticeDropped] != 2 || len(srv.Messages()) != 1 {
			t.Errorf("outbox %v, %d messages; want the copies of 5 (turned it off) and 6 (nothing left) dropped", c, len(srv.Messages()))
		}
	})
}

func TestCopiesAreNotSentOnceTheWeekIsOver(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		w.withMail()
		w.sendDraft("")
		w.now = time.Date(2026, 11, 16, 0, 0, 0, 0, w.now.Location())
		w.send(0)
		if c := w.counts(); c[rankfile.NoticeDropped] != 3 {
			t.Errorf("outbox %v, want every copy dropped", c)
		}
	})
}

func TestAnEmptyWeeklyEmailIsNotSent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		wk := w.draft()
		var all []int64
		all = append(all, wk.EventIDs...)
		if _, err := w.app.UpdateWeekly(ctx, w.comms, wk.ID, rankfile.WeeklyUpdate{Excluded: &all}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.SendWeekly(ctx, w.comms, wk.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("sending an email with no event and no intro: %v, want ECONFLICT", err)
		}
		if _, err := w.app.SendWeekly(ctx, w.voter(7), wk.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member without the role sending: %v, want EFORBIDDEN", err)
		}
	})
}

func TestAConfirmationGoesBeforeTheWeeklyEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		w.sendDraft("The general meeting is on the 20th.")
		reg := w.register(w.newEvent(nil), 9)
		claimed, err := w.app.Outbox.Claim(ctx, 1, w.now.Add(-time.Hour))
		if err != nil || len(claimed) != 1 || claimed[0].RegistrationID != reg.ID {
			t.Errorf("claimed first %+v, %v; want the confirmation queued after the weekly email", claimed, err)
		}
	})
}

// TestSpanishReadersGetTheSpanishIntro sends an email whose editor wrote
// the intro in both languages: each member reads their own, and the
// Spanish reader is not told it is only in English.
func TestSpanishReadersGetTheSpanishIntro(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		srv := w.withMail()
		w.sendDraftIn("Come to the general meeting.", "Ven a la asamblea general.")
		w.send(11)
		checkCopy(t, srv.Wait(t, "voter3@example.org", 5*time.Second), "Week of November 9",
			[]string{"Come to the general meeting."}, []string{"Ven a la asamblea", "(This note"})
		checkCopy(t, srv.Wait(t, "voter5@example.org", 5*time.Second), "Semana del 9 de noviembre",
			[]string{"Ven a la asamblea general."}, []string{"Come to the general", "solo está en inglés"})
	})
}
