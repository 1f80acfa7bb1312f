package mail_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
)

func TestNew(t *testing.T) {
	t.Run("no SMTP settings give the log mailer and a warning", func(t *testing.T) {
		var buf bytes.Buffer
		m, err := mail.New(mail.Config{}, jsonLogger(&buf))
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		if _, ok := m.(*mail.Log); !ok {
			t.Fatalf("mailer: got %T, want *mail.Log", m)
		}
		recs := records(t, &buf)
		if len(recs) != 1 || recs[0]["level"] != "WARN" || !strings.Contains(recs[0]["msg"].(string), "sign-in links") {
			t.Errorf("log: got %v, want one warning about sign-in links in the log", recs)
		}
	})
	t.Run("SMTP settings give an SMTP mailer that delivers", func(t *testing.T) {
		srv := mailtest.Start(t)
		var buf bytes.Buffer
		m, err := mail.New(srv.Config(), jsonLogger(&buf))
		if err != nil {
			t.Fatalf("New: %v", err)
		}
		if err := m.Send(context.Background(), signIn()); err != nil {
			t.Fatalf("Send: %v", err)
		}
		srv.Wait(t, "jose@example.org", wait)
		if buf.Len() != 0 {
			t.Errorf("log: got %q, want nothing", buf.String())
		}
	})
	t.Run("settings without a host are refused, not sent to the log", func(t *testing.T) {
		var buf bytes.Buffer
		m, err := mail.New(mail.Config{From: "rankfile@example.org"}, jsonLogger(&buf))
		if code := rankfile.ErrorCode(err); code != rankfile.EINVALID || m != nil {
			t.Errorf("New: got %v, %v; want no mailer and %q", m, err, rankfile.EINVALID)
		}
	})
}

func TestConfigDefaults(t *testing.T) {
	for _, tc := range []struct{ tls, want string }{
		{"", `port=587 config.username=rankfile config.password_set=true config.from="Rankfile <rankfile@example.org>" config.tls=starttls config.timeout=30s`},
		{mail.TLSImplicit, "port=465"},
		{mail.TLSNone, "port=25"},
	} {
		t.Run("TLS mode "+tc.tls+" implies "+strings.Fields(tc.want)[0], func(t *testing.T) {
			c := validConfig()
			c.TLS, c.AllowPlaintext = tc.tls, true
			var buf strings.Builder
			slog.New(slog.NewTextHandler(&buf, nil)).Info("smtp", "config", c)
			if !strings.Contains(buf.String(), "config.host=smtp.example.org config."+tc.want) {
				t.Errorf("log: got %q, want it to contain %q", buf.String(), tc.want)
			}
		})
	}
}
