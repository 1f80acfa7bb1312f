package mail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
)

// env returns a getenv over vars.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestConfigFromEnv(t *testing.T) {
	t.Run("every variable is read", func(t *testing.T) {
		got, err := mail.ConfigFromEnv(env(map[string]string{
			"RANKFILE_SMTP_HOST":            "smtp.example.org",
			"RANKFILE_SMTP_PORT":            "465",
			"RANKFILE_SMTP_USERNAME":        "rankfile",
			"RANKFILE_SMTP_PASSWORD":        " pass word ",
			"RANKFILE_SMTP_FROM":            "Asamblea <asamblea@example.org>",
			"RANKFILE_SMTP_TLS":             "TLS",
			"RANKFILE_SMTP_TIMEOUT":         "20s",
			"RANKFILE_SMTP_ALLOW_PLAINTEXT": "true",
		}))
		if err != nil {
			t.Fatalf("ConfigFromEnv: %v", err)
		}
		want := mail.Config{
			Host: "smtp.example.org", Port: 465, Username: "rankfile", Password: " pass word ",
			From: "Asamblea <asamblea@example.org>", TLS: mail.TLSImplicit,
			Timeout: 20 * time.Second, AllowPlaintext: true,
		}
		if got != want {
			t.Errorf("got %v, want %v", got, want)
		}
		if got.Password != want.Password {
			t.Errorf("password: got %q, want %q kept as given", got.Password, want.Password)
		}
	})
	t.Run("no variables give the zero Config", func(t *testing.T) {
		got, err := mail.ConfigFromEnv(env(nil))
		if err != nil || got != (mail.Config{}) {
			t.Errorf("got %v, %v; want the zero Config, nil", got, err)
		}
	})
	for _, tc := range []struct{ name, value string }{
		{"RANKFILE_SMTP_PORT", "587a"},
		{"RANKFILE_SMTP_TIMEOUT", "30"},
		{"RANKFILE_SMTP_ALLOW_PLAINTEXT", "sí"},
	} {
		t.Run("unparsable "+tc.name+" is invalid", func(t *testing.T) {
			_, err := mail.ConfigFromEnv(env(map[string]string{tc.name: tc.value}))
			if code := rankfile.ErrorCode(err); code != rankfile.EINVALID {
				t.Fatalf("error code: got %q (%v), want %q", code, err, rankfile.EINVALID)
			}
			if msg := rankfile.ErrorMessage(err); !strings.Contains(msg, tc.name) {
				t.Errorf("message: got %q, want it to name %s", msg, tc.name)
			}
		})
	}
}
