package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
)

const wait = 5 * time.Second

// signIn is a sign-in message in Spanish, with accents in the subject, the
// body and the recipient's name.
func signIn() *rankfile.Message {
	return &rankfile.Message{
		To:      "José Núñez <jose@example.org>",
		Subject: "Tu enlace para entrar — José",
		Text: "Hola José:\n\nEntra aquí: https://rankfile.example.org/entrar?t=a1b2c3\n\n" +
			"Si no lo pediste, ignóralo. ¡Gracias!\n",
		Kind: "sign-in",
	}
}

func mustNewSMTP(t *testing.T, cfg mail.Config) *mail.SMTP {
	t.Helper()
	m, err := mail.NewSMTP(cfg)
	if err != nil {
		t.Fatalf("NewSMTP: %v", err)
	}
	return m
}

func mustSend(t *testing.T, m rankfile.Mailer, msg *rankfile.Message) {
	t.Helper()
	if err := m.Send(context.Background(), msg); err != nil {
		t.Fatalf("Send: %v", err)
	}
}

func TestSMTPSend(t *testing.T) {
	t.Run("Spanish subject and text arrive intact", func(t *testing.T) {
		srv := mailtest.Start(t)
		mustSend(t, mustNewSMTP(t, srv.Config()), signIn())
		got := srv.Wait(t, "jose@example.org", wait)
		want := signIn()
		if got.Subject != want.Subject {
			t.Errorf("subject: got %q, want %q", got.Subject, want.Subject)
		}
		if got.Text != want.Text {
			t.Errorf("text: got %q, want %q", got.Text, want.Text)
		}
		if got.HTML != "" {
			t.Errorf("HTML: got %q, want none", got.HTML)
		}
		links := got.Links()
		if len(links) != 1 || links[0] != "https://rankfile.example.org/entrar?t=a1b2c3" {
			t.Errorf("links: got %q, want the sign-in link alone", links)
		}
	})
	t.Run("headers are encoded as 7-bit ASCII", func(t *testing.T) {
		srv := mailtest.Start(t)
		mustSend(t, mustNewSMTP(t, srv.Config()), signIn())
		raw := srv.Wait(t, "jose@example.org", wait).Raw
		head, _, _ := strings.Cut(string(raw), "\r\n\r\n")
		for i, r := range head {
			if r > 127 {
				t.Fatalf("header byte %d is %q, want ASCII only; header:\n%s", i, r, head)
			}
		}
	})
	t.Run("envelope and headers name sender and recipient", func(t *testing.T) {
		srv := mailtest.Start(t)
		cfg := srv.Config()
		cfg.From = "Sección Oeste — Asamblea <asamblea@example.org>"
		mustSend(t, mustNewSMTP(t, cfg), signIn())
		got := srv.Wait(t, "jose@example.org", wait)
		if got.From != "asamblea@example.org" {
			t.Errorf("envelope from: got %q, want %q", got.From, "asamblea@example.org")
		}
		checkAddress(t, got, "From", "Sección Oeste — Asamblea", "asamblea@example.org")
		checkAddress(t, got, "To", "José Núñez", "jose@example.org")
	})
	t.Run("Date, Message-ID and Auto-Submitted are set", func(t *testing.T) {
		srv := mailtest.Start(t)
		before := time.Now().Add(-time.Second).Truncate(time.Second)
		mustSend(t, mustNewSMTP(t, srv.Config()), signIn())
		got := srv.Wait(t, "jose@example.org", wait)
		date, err := got.Header.Date()
		if err != nil || date.Before(before) || date.After(time.Now()) {
			t.Errorf("Date: got %v (%v), want a time from the send", date, err)
		}
		id := got.Header.Get("Message-ID")
		if !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@example.org>") || len(id) < 20 {
			t.Errorf("Message-ID: got %q, want <unique@example.org>", id)
		}
		if a := got.Header.Get("Auto-Submitted"); a != "auto-generated" {
			t.Errorf("Auto-Submitted: got %q, want %q", a, "auto-generated")
		}
	})
	t.Run("each message gets its own Message-ID", func(t *testing.T) {
		srv := mailtest.Start(t)
		m := mustNewSMTP(t, srv.Config())
		mustSend(t, m, signIn())
		mustSend(t, m, signIn())
		a := srv.Wait(t, "jose@example.org", wait).Header.Get("Message-ID")
		b := srv.Wait(t, "jose@example.org", wait).Header.Get("Message-ID")
		if a == b {
			t.Errorf("Message-IDs: got %q twice, want two different", a)
		}
	})
	t.Run("HTML alternative arrives beside the text", func(t *testing.T) {
		srv := mailtest.Start(t)
		msg := signIn()
		msg.HTML = `<p>Hola José: <a href="https://rankfile.example.org/entrar?t=a1b2c3">entra aquí</a></p>`
		mustSend(t, mustNewSMTP(t, srv.Config()), msg)
		got := srv.Wait(t, "jose@example.org", wait)
		if got.HTML != msg.HTML {
			t.Errorf("HTML: got %q, want %q", got.HTML, msg.HTML)
		}
		if got.Text != msg.Text {
			t.Errorf("text: got %q, want %q", got.Text, msg.Text)
		}
		if ct := got.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative;") {
			t.Errorf("Content-Type: got %q, want multipart/alternative", ct)
		}
	})
}

func checkAddress(t *testing.T, m mailtest.Message, field, name, addr string) {
	t.Helper()
	list, err := m.Header.AddressList(field)
	if err != nil || len(list) != 1 {
		t.Fatalf("%s: got %v (%v), want one address", field, list, err)
	}
	if list[0].Name != name || list[0].Address != addr {
		t.Errorf("%s: got %q <%s>, want %q <%s>", field, list[0].Name, list[0].Address, name, addr)
	}
}

func TestSMTPSendInvalidMessage(t *testing.T) {
	srv := mailtest.Start(t)
	m := mustNewSMTP(t, srv.Config())
	for _, tc := range []struct {
		name string
		msg  *rankfile.Message
	}{
		{"no message", nil},
		{"no recipient", &rankfile.Message{Subject: "s", Text: "t"}},
		{"recipient not an address", &rankfile.Message{To: "José", Subject: "s", Text: "t"}},
		{"subject of two lines", &rankfile.Message{To: "a@example.org", Subject: "s\r\nBcc: b@example.org", Text: "t"}},
		{"no text", &rankfile.Message{To: "a@example.org", Subject: "s", HTML: "<p>h</p>"}},
	} {
		t.Run(tc.name+" is invalid", func(t *testing.T) {
			err := m.Send(context.Background(), tc.msg)
			if got := rankfile.ErrorCode(err); got != rankfile.EINVALID {
				t.Errorf("error code: got %q (%v), want %q", got, err, rankfile.EINVALID)
			}
		})
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("messages received: got %d, want 0", n)
	}
}
