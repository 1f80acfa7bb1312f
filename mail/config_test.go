package mail_test

import (
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
)

// validConfig is a typical production configuration.
func validConfig() mail.Config {
	return mail.Config{
		Host: "smtp.example.org", Username: "rankfile", Password: password,
		From: "Rankfile <rankfile@example.org>",
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*mail.Config)
	}{
		{"starttls by default", func(c *mail.Config) {}},
		{"implicit tls on 465", func(c *mail.Config) { c.TLS, c.Port = mail.TLSImplicit, 465 }},
		{"bare from address", func(c *mail.Config) { c.From = "rankfile@example.org" }},
		{"no AUTH", func(c *mail.Config) { c.Username, c.Password = "", "" }},
		{"IPv6 host", func(c *mail.Config) { c.Host = "2001:db8::25" }},
		{"none to 127.0.0.1", func(c *mail.Config) { c.Host, c.TLS = "127.0.0.1", mail.TLSNone }},
		{"none to ::1", func(c *mail.Config) { c.Host, c.TLS = "::1", mail.TLSNone }},
		{"none to localhost", func(c *mail.Config) { c.Host, c.TLS = "localhost", mail.TLSNone }},
		{"none to a relay when allowed", func(c *mail.Config) {
			c.Host, c.TLS, c.AllowPlaintext = "relay.internal", mail.TLSNone, true
		}},
	} {
		t.Run(tc.name+" is valid", func(t *testing.T) {
			c := validConfig()
			tc.change(&c)
			if err := c.Validate(); err != nil {
				t.Errorf("Validate: got %v, want nil", err)
			}
		})
	}
}

func TestConfigValidateRefuses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*mail.Config)
		want   string // in the message
	}{
		{"no host", func(c *mail.Config) { c.Host = "" }, "host is required"},
		{"host with port", func(c *mail.Config) { c.Host = "smtp.example.org:587" }, "must not include a port"},
		{"port too high", func(c *mail.Config) { c.Port = 65536 }, "out of range"},
		{"negative port", func(c *mail.Config) { c.Port = -1 }, "out of range"},
		{"unknown TLS mode", func(c *mail.Config) { c.TLS = "ssl" }, `"ssl" is unknown`},
		{"none to a remote host", func(c *mail.Config) { c.TLS = mail.TLSNone }, "unencrypted"},
		{"none to a private address", func(c *mail.Config) { c.Host, c.TLS = "10.0.0.25", mail.TLSNone }, "unencrypted"},
		{"no from", func(c *mail.Config) { c.From = "" }, "from address is required"},
		{"from not an address", func(c *mail.Config) { c.From = "Rankfile" }, "not an email address"},
		{"username without password", func(c *mail.Config) { c.Password = "" }, "password is empty"},
		{"password without username", func(c *mail.Config) { c.Username = "" }, "username is empty"},
		{"negative timeout", func(c *mail.Config) { c.Timeout = -time.Second }, "negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := validConfig()
			tc.change(&c)
			err := c.Validate()
			if code := rankfile.ErrorCode(err); code != rankfile.EINVALID {
				t.Fatalf("error code: got %q (%v), want %q", code, err, rankfile.EINVALID)
			}
			if msg := rankfile.ErrorMessage(err); !strings.Contains(msg, tc.want) {
				t.Errorf("message: got %q, want it to contain %q", msg, tc.want)
			}
			if _, err := mail.NewSMTP(c); rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Errorf("NewSMTP: got %v, want the same EINVALID error", err)
			}
		})
	}
}

func TestConfigHidesPassword(t *testing.T) {
	c := validConfig()
	var buf strings.Builder
	slog.New(slog.NewTextHandler(&buf, nil)).Info("smtp", "config", c)
	for name, s := range map[string]string{
		"%v": fmt.Sprintf("%v", c), "%+v": fmt.Sprintf("%+v", c), "%#v": fmt.Sprintf("%#v", c),
		"%s of a pointer": fmt.Sprintf("%s", &c), "slog": buf.String(),
	} {
		if strings.Contains(s, password) {
			t.Errorf("%s: got %q, which contains the password", name, s)
		}
		if !strings.Contains(s, "smtp.example.org") {
			t.Errorf("%s: got %q, want it to name the host", name, s)
		}
	}
}
