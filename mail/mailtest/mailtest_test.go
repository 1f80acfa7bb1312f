package mailtest_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/rankfile/rankfile/mail/mailtest"
)

const wait = 5 * time.Second

// dial connects a go-smtp client, independent of rankfile's own mail code,
// so that these tests check the server against another implementation.
func dial(t *testing.T, srv *mailtest.Server) *smtp.Client {
	t.Helper()
	c, err := smtp.Dial(srv.Addr())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// send delivers raw, written with "\n" line ends, from a@example.org to to.
func send(t *testing.T, c *smtp.Client, to, raw string) error {
	t.Helper()
	raw = strings.ReplaceAll(raw, "\n", "\r\n")
	return c.SendMail("a@example.org", []string{to}, strings.NewReader(raw))
}

func mustSend(t *testing.T, srv *mailtest.Server, to, raw string) {
	t.Helper()
	if err := send(t, dial(t, srv), to, raw); err != nil {
		t.Fatalf("send: %v", err)
	}
}

// wrap breaks s into lines of 76 characters, as base64 bodies are sent.
func wrap(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	return b.String() + s
}

func TestParse(t *testing.T) {
	t.Run("base64 text, quoted-printable HTML and an encoded subject are decoded", func(t *testing.T) {
		srv := mailtest.Start(t)
		text := strings.Repeat("Hola José, entra aquí: https://rankfile.example.org/entrar?t=x\n", 3)
		mustSend(t, srv, "jose@example.org", fmt.Sprintf(`Subject: %s
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: base64

%s
--b1
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<p>Hola Jos=C3=A9, una l=C3=ADnea muy larga que sigue en la l=C3=ADnea de =
abajo</p>
--b1--
`, mime.BEncoding.Encode("UTF-8", "Tu enlace para entrar — José"),
			wrap(base64.StdEncoding.EncodeToString([]byte(text)))))
		got := srv.Wait(t, "jose@example.org", wait)
		if want := "Tu enlace para entrar — José"; got.Subject != want {
			t.Errorf("subject: got %q, want %q", got.Subject, want)
		}
		if got.Text != text {
			t.Errorf("text: got %q, want %q", got.Text, text)
		}
		if want := "<p>Hola José, una línea muy larga que sigue en la línea de abajo</p>"; got.HTML != want {
			t.Errorf("HTML: got %q, want %q", got.HTML, want)
		}
	})
	t.Run("a body without Content-Type is plain text", func(t *testing.T) {
		srv := mailtest.Start(t)
		mustSend(t, srv, "jose@example.org", "Subject: hola\n\nHola\nadiós\n")
		got := srv.Wait(t, "jose@example.org", wait)
		if got.Subject != "hola" || got.Text != "Hola\nadiós\n" {
			t.Errorf("got subject %q, text %q; want %q, %q", got.Subject, got.Text, "hola", "Hola\nadiós\n")
		}
	})
	t.Run("envelope and raw message are kept", func(t *testing.T) {
		srv := mailtest.Start(t)
		raw := "Subject: hola\n\nHola\n"
		mustSend(t, srv, "Jose@Example.org", raw)
		got := srv.Wait(t, "jose@example.org", wait)
		if got.From != "a@example.org" || !slices.Equal(got.To, []string{"Jose@Example.org"}) {
			t.Errorf("envelope: got %q to %q, want %q to %q", got.From, got.To, "a@example.org", "Jose@Example.org")
		}
		if want := strings.ReplaceAll(raw, "\n", "\r\n"); string(got.Raw) != want {
			t.Errorf("raw: got %q, want %q", got.Raw, want)
		}
	})
	t.Run("a message in another charset is refused and fails the test", func(t *testing.T) {
		rec := &recorder{TB: t}
		srv := mailtest.Start(rec)
		err := send(t, dial(t, srv), "jose@example.org",
			"Subject: hola\nContent-Type: text/plain; charset=iso-8859-1\n\nHola\n")
		if err == nil {
			t.Errorf("send: got no error, want the message refused")
		}
		if errs := rec.errors(); len(errs) != 1 || !strings.Contains(errs[0], "iso-8859-1") {
			t.Errorf("test errors: got %q, want one naming the charset", errs)
		}
		if n := len(srv.Messages()); n != 0 {
			t.Errorf("messages: got %d, want 0", n)
		}
	})
}

func TestLinks(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"none", "Hola José", nil},
		{"ending a sentence", "Entra aquí: https://r.example.org/entrar?t=a1.", []string{"https://r.example.org/entrar?t=a1"}},
		{"in parentheses and angle brackets", "(https://r.example.org/a) o <http://r.example.org/b>!",
			[]string{"https://r.example.org/a", "http://r.example.org/b"}},
		{"on its own line", "Entra:\n\nhttps://r.example.org/entrar/XyZ_-9\n\nGracias",
			[]string{"https://r.example.org/entrar/XyZ_-9"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := (mailtest.Message{Text: tc.text}).Links(); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWait(t *testing.T) {
	t.Run("returns each message once, oldest first", func(t *testing.T) {
		srv := mailtest.Start(t)
		mustSend(t, srv, "jose@example.org", "Subject: 1\n\nuno\n")
		mustSend(t, srv, "jose@example.org", "Subject: 2\n\ndos\n")
		for _, want := range []string{"1", "2"} {
			if got := srv.Wait(t, "jose@example.org", wait).Subject; got != want {
				t.Errorf("subject: got %q, want %q", got, want)
			}
		}
		if n := len(srv.Messages()); n != 2 {
			t.Errorf("Messages: got %d, want both still listed", n)
		}
	})
	t.Run("skips messages to others and ignores case", func(t *testing.T) {
		srv := mailtest.Start(t)
		mustSend(t, srv, "ana@example.org", "Subject: ana\n\nhola\n")
		mustSend(t, srv, "jose@example.org", "Subject: jose\n\nhola\n")
		if got := srv.Wait(t, "JOSE@example.org", wait).Subject; got != "jose" {
			t.Errorf("subject: got %q, want %q", got, "jose")
		}
	})
	t.Run("waits for a message that arrives later", func(t *testing.T) {
		srv := mailtest.Start(t)
		c := dial(t, srv)
		sent := make(chan error, 1)
		go func() {
			time.Sleep(100 * time.Millisecond)
			sent <- c.SendMail("a@example.org", []string{"jose@example.org"},
				strings.NewReader("Subject: tarde\r\n\r\nhola\r\n"))
		}()
		if got := srv.Wait(t, "jose@example.org", wait).Subject; got != "tarde" {
			t.Errorf("subject: got %q, want %q", got, "tarde")
		}
		if err := <-sent; err != nil {
			t.Errorf("send: %v", err)
		}
	})
	t.Run("fails the test when nothing arrives in time", func(t *testing.T) {
		srv := mailtest.Start(t)
		mustSend(t, srv, "ana@example.org", "Subject: ana\n\nhola\n")
		rec := &recorder{TB: t}
		done := make(chan struct{})
		go func() {
			defer close(done)
			srv.Wait(rec, "jose@example.org", 50*time.Millisecond)
		}()
		<-done
		if f := rec.fatal(); !strings.Contains(f, "jose@example.org") || !strings.Contains(f, "ana@example.org") {
			t.Errorf("failure: got %q, want it to name the address waited for and those received", f)
		}
	})
}

func TestAuth(t *testing.T) {
	t.Run("not offered without WithAuth", func(t *testing.T) {
		c := dial(t, mailtest.Start(t))
		if err := c.Hello("localhost"); err != nil {
			t.Fatal(err)
		}
		if ok, _ := c.Extension("AUTH"); ok {
			t.Errorf("AUTH advertised: got true, want false")
		}
	})
	t.Run("mail before AUTH is refused", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.WithAuth("rankfile", "clave"))
		checkCode(t, send(t, dial(t, srv), "jose@example.org", "Subject: s\n\nt\n"), 502)
	})
	for _, mech := range []string{"PLAIN", "LOGIN"} {
		t.Run(mech+" with the right password is accepted", func(t *testing.T) {
			srv := mailtest.Start(t, mailtest.WithAuth("rankfile", "clave", mech))
			c := dial(t, srv)
			if err := c.Auth(saslClient(mech, "clave")); err != nil {
				t.Fatalf("Auth: %v", err)
			}
			if err := send(t, c, "jose@example.org", "Subject: s\n\nt\n"); err != nil {
				t.Errorf("send: %v", err)
			}
		})
		t.Run(mech+" with a wrong password is refused", func(t *testing.T) {
			srv := mailtest.Start(t, mailtest.WithAuth("rankfile", "clave", mech))
			checkCode(t, dial(t, srv).Auth(saslClient(mech, "otra")), 535)
		})
	}
	t.Run("a refused recipient gets 550", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.WithRejectedRecipients("jose@example.org"))
		checkCode(t, send(t, dial(t, srv), "JOSE@example.org", "Subject: s\n\nt\n"), 550)
	})
}

func saslClient(mech, password string) sasl.Client {
	if mech == "LOGIN" {
		return sasl.NewLoginClient("rankfile", password)
	}
	return sasl.NewPlainClient("", "rankfile", password)
}

func checkCode(t *testing.T, err error, want int) {
	t.Helper()
	var e *smtp.SMTPError
	if !errors.As(err, &e) || e.Code != want {
		t.Errorf("error: got %v, want SMTP code %d", err, want)
	}
}

// recorder is a testing.TB that records failures instead of failing the
// test, to check that the server reports problems. Everything else goes to
// the real test.
type recorder struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	fatalMsg string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.mu.Lock()
	r.fatalMsg = fmt.Sprintf(format, args...)
	r.mu.Unlock()
	runtime.Goexit()
}

func (r *recorder) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.errs)
}

func (r *recorder) fatal() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fatalMsg
}
