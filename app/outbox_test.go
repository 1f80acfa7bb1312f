package app_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/store/storetest"
)

const base = "https://rankfile.example"

func (w *votingWorld) send(want int) {
	w.t.Helper()
	n, err := w.app.SendOutbox(ctx, base)
	if err != nil || n != want {
		w.t.Fatalf("sent %d, %v; want %d", n, err, want)
	}
}

func (w *votingWorld) counts() rankfile.OutboxCounts {
	w.t.Helper()
	c, err := w.app.Outbox.Counts(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	return c
}

func TestTheOutboxSendsEachNoticeOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		srv := w.withMail()
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 1 })
		w.register(e, 3)
		guest, err := w.app.RegisterGuest(ctx, e.ID, &rankfile.Contact{Name: "Ana Ruiz", Email: "Ana@Example.net", Phone: "213-555-0100", Zip: "90033"})
		if err != nil || guest.Status != rankfile.Unconfirmed {
			t.Fatalf("guest: %+v, %v", guest, err)
		}
		w.send(2)
		w.send(0)

		seat := srv.Wait(t, "voter3@example.org", 5*time.Second)
		if seat.Subject != "You're registered: Canvass training" || !strings.Contains(seat.Text, "https://call.example/j/42") ||
			!strings.Contains(seat.Text, "Passcode 4242") || !strings.Contains(seat.Text, base+"/events/") {
			t.Errorf("the seat's email:\n%s\n%s", seat.Subject, seat.Text)
		}
		if id := seat.Header.Get("Message-Id"); !strings.HasPrefix(id, "<notice-") {
			t.Errorf("Message-ID %q is not the notice's", id)
		}
		checkICS(t, seat, "CONFIRMED", "Passcode 4242")

		link := base + "/registrations/" + guest.Token
		confirm := srv.Wait(t, "ana@example.net", 5*time.Second)
		if confirm.Subject != "Please confirm: Canvass training" || !strings.Contains(confirm.Text, link) ||
			strings.Contains(confirm.Text, "4242") || strings.Contains(confirm.Text, "call.example") || len(confirm.Attachments) != 0 {
			t.Errorf("the email asking to confirm lacks the link or gives away the call:\n%s\n%s", confirm.Subject, confirm.Text)
		}
		if _, err := w.app.ConfirmGuestRegistration(ctx, guest.Token); err != nil {
			t.Fatal(err)
		}
		w.send(1)
		waiting := srv.Wait(t, "ana@example.net", 5*time.Second)
		if !strings.Contains(waiting.Text, "number 1 in line") || strings.Contains(waiting.Text, "4242") ||
			strings.Contains(waiting.Text, "call.example") || len(waiting.Attachments) != 0 || !strings.Contains(waiting.Text, link) {
			t.Errorf("the waitlist's email gives away the call, or lacks the place or the link:\n%s", waiting.Text)
		}
		if got := w.counts(); got[rankfile.NoticeSent] != 3 || len(got) != 1 {
			t.Errorf("outbox %v, want 3 sent and nothing else", got)
		}
		if n := len(srv.Messages()); n != 3 {
			t.Errorf("the server got %d messages, want 3", n)
		}
	})
}

// checkICS checks a message's .ics file holds the event with its status
// and text.
func checkICS(t *testing.T, m mailtest.Message, status, text string) {
	t.Helper()
	if len(m.Attachments) != 1 || !strings.HasPrefix(m.Attachments[0].ContentType, "text/calendar") {
		t.Fatalf("attachments %+v, want one calendar file", m.Attachments)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(m.Attachments[0].Data))
	if err != nil || len(cal.Events()) != 1 {
		t.Fatalf("the .ics file: %v\n%s", err, m.Attachments[0].Data)
	}
	ev := cal.Events()[0]
	if got := ev.GetProperty(ics.ComponentPropertyStatus).Value; got != status {
		t.Errorf("status %q, want %q", got, status)
	}
	if got := ev.GetProperty(ics.ComponentPropertyDescription).Value; !strings.Contains(got, text) {
		t.Errorf("description %q lacks %q", got, text)
	}
}

func TestAContactsLinkOpensAndCancelsTheirRegistration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.newEvent(func(e *rankfile.Event) { e.Capacity = 1 })
		guest, err := w.app.RegisterGuest(ctx, e.ID, &rankfile.Contact{Name: "Ana Ruiz", Email: "ana@example.net"})
		if err != nil {
			t.Fatal(err)
		}
		v, err := w.app.GuestRegistration(ctx, guest.Token)
		if err != nil || v.Mine.Status != rankfile.Unconfirmed || v.Event.PrivateDetails != "" {
			t.Fatalf("the guest's link before confirming: %+v, %v", v, err)
		}
		if v, err = w.app.ConfirmGuestRegistration(ctx, guest.Token); err != nil || v.Mine.ID != guest.ID ||
			v.Mine.Status != rankfile.Registered || v.Event.PrivateDetails != "Passcode 4242" {
			t.Fatalf("confirming: %+v, %v", v, err)
		}
		next := w.register(e, 3)
		if err := w.app.CancelGuestRegistration(ctx, guest.Token); err != nil {
			t.Fatal(err)
		}
		if got, _ := w.app.Events.FindRegistration(ctx, next.ID); got.Status != rankfile.Registered {
			t.Errorf("after the guest cancelled, the next in line is %s", got.Status)
		}
		if _, err := w.app.ConfirmGuestRegistration(ctx, guest.Token); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("confirming a cancelled registration: %v, want ECONFLICT", err)
		}
		if _, err := w.app.GuestRegistration(ctx, "not-a-token"); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a made-up link: %v, want ENOTFOUND", err)
		}
	})
}

func TestAnInterruptedSendIsHeldNotRepeated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		srv := w.withMail()
		e := w.newEvent(nil)
		w.register(e, 3)
		w.register(e, 4)
		// A sender claims both notices and dies before sending them.
		if claimed, err := w.app.Outbox.Claim(ctx, 10, w.now.Add(-time.Hour)); err != nil || len(claimed) != 2 {
			t.Fatalf("claimed %d, %v", len(claimed), err)
		}
		w.send(0) // still within the dead sender's lease
		w.now = w.now.Add(10 * time.Minute)
		w.send(0)
		if got := w.counts(); got[rankfile.NoticeHeld] != 2 {
			t.Fatalf("outbox %v, want both held", got)
		}
		held, _ := w.app.Outbox.FindNotices(ctx, []rankfile.NoticeState{rankfile.NoticeHeld}, 10)
		if err := w.app.ReleaseNotice(ctx, w.voter(5), held[0].ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member releasing a held email: %v, want EFORBIDDEN", err)
		}
		if err := w.app.ReleaseNotice(ctx, w.admin, held[0].ID); err != nil {
			t.Fatal(err)
		}
		w.send(1)
		if n := len(srv.Messages()); n != 1 {
			t.Errorf("the server got %d messages, want the one released", n)
		}
	})
}

func TestRefusedEmailIsRetriedLaterThenGivenUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		srv := mailtest.Start(t, mailtest.WithRejectedRecipients("voter3@example.org"))
		m, err := mail.NewSMTP(srv.Config())
		if err != nil {
			t.Fatal(err)
		}
		w.app.Mailer = m
		e := w.newEvent(func(e *rankfile.Event) {
			e.StartsAt, e.EndsAt = w.now.Add(30*24*time.Hour), w.now.Add(30*24*time.Hour+time.Hour)
		})
		w.register(e, 3)
		w.send(0)
		notices, _ := w.app.Outbox.FindNotices(ctx, nil, 10)
		n := notices[0]
		if n.State != rankfile.NoticePending || n.Attempts != 1 || !n.NextAt.Equal(w.now.Add(time.Minute)) || n.LastError == "" {
			t.Fatalf("after a refusal: %+v; want pending, to be tried in a minute", n)
		}
		w.send(0) // not due yet
		if n2, _ := w.app.Outbox.FindNotices(ctx, nil, 10); n2[0].Attempts != 1 {
			t.Errorf("tried again before it was due: %d attempts", n2[0].Attempts)
		}
		for range rankfile.NoticeAttempts {
			w.now = w.now.Add(rankfile.NoticeLongestWait)
			w.send(0)
		}
		notices, _ = w.app.Outbox.FindNotices(ctx, nil, 10)
		if n := notices[0]; n.State != rankfile.NoticeFailed || n.Attempts != rankfile.NoticeAttempts {
			t.Errorf("after every attempt: %s after %d attempts; want failed after %d", n.State, n.Attempts, rankfile.NoticeAttempts)
		}
	})
}

func TestEmailNoLongerOwedIsDropped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		srv := w.withMail()
		e := w.newEvent(nil)
		w.register(e, 3)
		if err := w.app.CancelEvent(ctx, w.admin, e.ID); err != nil {
			t.Fatal(err)
		}
		w.send(1)
		got := srv.Wait(t, "voter3@example.org", 5*time.Second)
		if got.Subject != "Cancelled: Canvass training" {
			t.Errorf("sent %q, want only the cancellation", got.Subject)
		}
		checkICS(t, got, "CANCELLED", "")
		if c := w.counts(); c[rankfile.NoticeDropped] != 1 {
			t.Errorf("outbox %v, want the registration's email dropped", c)
		}
	})
}
