package mail_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
)

const password = "s3cret-Contraseña"

// sendErr sends the sign-in message and returns the error, failing the test
// if there is none.
func sendErr(t *testing.T, cfg mail.Config) error {
	t.Helper()
	err := mustNewSMTP(t, cfg).Send(context.Background(), signIn())
	if err == nil {
		t.Fatal("Send: got no error, want one")
	}
	return err
}

func checkNothingArrived(t *testing.T, srv *mailtest.Server) {
	t.Helper()
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("messages received: got %d, want 0", n)
	}
}

func checkErrorContains(t *testing.T, err error, want string) {
	t.Helper()
	if !strings.Contains(err.Error(), want) {
		t.Errorf("error: got %q, want it to contain %q", err, want)
	}
}

func TestSMTPAuth(t *testing.T) {
	t.Run("right password over PLAIN delivers", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.WithAuth("rankfile", password))
		mustSend(t, mustNewSMTP(t, srv.Config()), signIn())
		srv.Wait(t, "jose@example.org", wait)
	})
	t.Run("LOGIN is used when the server offers only LOGIN", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.WithAuth("rankfile", password, "LOGIN"))
		mustSend(t, mustNewSMTP(t, srv.Config()), signIn())
		srv.Wait(t, "jose@example.org", wait)
	})
	t.Run("wrong password is refused with a clear error", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.WithAuth("rankfile", password))
		cfg := srv.Config()
		cfg.Password = "not-" + password
		err := sendErr(t, cfg)
		checkErrorContains(t, err, "535")
		checkErrorContains(t, err, "Authentication failed")
		checkErrorContains(t, err, "check the SMTP username and password")
		if strings.Contains(err.Error(), cfg.Password) {
			t.Errorf("error: got %q, which contains the password", err)
		}
		checkNothingArrived(t, srv)
	})
	t.Run("no credentials for a server that requires them is refused", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.WithAuth("rankfile", password))
		cfg := srv.Config()
		cfg.Username, cfg.Password = "", ""
		checkErrorContains(t, sendErr(t, cfg), "authenticate")
		checkNothingArrived(t, srv)
	})
	t.Run("credentials for a server without AUTH are an error", func(t *testing.T) {
		srv := mailtest.Start(t)
		cfg := srv.Config()
		cfg.Username, cfg.Password = "rankfile", password
		checkErrorContains(t, sendErr(t, cfg), "neither PLAIN nor LOGIN")
		checkNothingArrived(t, srv)
	})
}

func TestSMTPTLS(t *testing.T) {
	for _, mode := range []string{mail.TLSStartTLS, mail.TLSImplicit} {
		t.Run(mode+" delivers with AUTH over TLS", func(t *testing.T) {
			// The server offers AUTH only over TLS, so delivery proves the
			// password went encrypted.
			srv := mailtest.Start(t, mailtest.WithTLS(mode), mailtest.WithAuth("rankfile", password))
			mustSend(t, mustNewSMTP(t, srv.Config()), signIn())
			got := srv.Wait(t, "jose@example.org", wait)
			if got.Subject != signIn().Subject {
				t.Errorf("subject: got %q, want %q", got.Subject, signIn().Subject)
			}
		})
		t.Run(mode+" refuses a certificate from an unknown authority", func(t *testing.T) {
			srv := mailtest.Start(t, mailtest.WithTLS(mode), mailtest.WithAuth("rankfile", password))
			cfg := srv.Config()
			cfg.RootCAs = nil
			checkErrorContains(t, sendErr(t, cfg), "certificate")
			checkNothingArrived(t, srv)
		})
	}
	t.Run("starttls refuses a server that does not offer STARTTLS", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.WithAuth("rankfile", password))
		cfg := srv.Config()
		cfg.TLS = mail.TLSStartTLS
		checkErrorContains(t, sendErr(t, cfg), "STARTTLS")
		checkNothingArrived(t, srv)
	})
	t.Run("tls refuses a server that speaks plain text", func(t *testing.T) {
		srv := mailtest.Start(t)
		cfg := srv.Config()
		cfg.TLS = mail.TLSImplicit
		sendErr(t, cfg)
		checkNothingArrived(t, srv)
	})
}

// silentServer accepts connections and never answers, as a hung server or
// a black-holing firewall would. It returns a Config pointing at it.
func silentServer(t *testing.T) mail.Config {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { conn.Close() })
		}
	}()
	addr := ln.Addr().(*net.TCPAddr)
	return mail.Config{Host: "127.0.0.1", Port: addr.Port, TLS: mail.TLSNone,
		From: "rankfile@example.org", Timeout: time.Minute}
}

func TestSMTPContext(t *testing.T) {
	t.Run("a cancelled context sends nothing", func(t *testing.T) {
		srv := mailtest.Start(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := mustNewSMTP(t, srv.Config()).Send(ctx, signIn())
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error: got %v, want context.Canceled", err)
		}
		checkNothingArrived(t, srv)
	})
	t.Run("cancelling stops a send to a silent server", func(t *testing.T) {
		m := mustNewSMTP(t, silentServer(t))
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := m.Send(ctx, signIn())
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error: got %v, want context.DeadlineExceeded", err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("Send took %v, want it to stop soon after the context ended", took)
		}
	})
	t.Run("the configured timeout stops a send to a silent server", func(t *testing.T) {
		cfg := silentServer(t)
		cfg.Timeout = 200 * time.Millisecond
		start := time.Now()
		err := mustNewSMTP(t, cfg).Send(context.Background(), signIn())
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error: got %v, want context.DeadlineExceeded", err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("Send took %v, want about %v", took, cfg.Timeout)
		}
	})
}

func TestSMTPErrors(t *testing.T) {
	t.Run("a refused recipient's error names neither recipient nor password", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.WithAuth("rankfile", password),
			mailtest.WithRejectedRecipients("jose@example.org"))
		err := sendErr(t, srv.Config())
		checkErrorContains(t, err, "550")
		checkErrorContains(t, err, "[recipient]")
		for _, secret := range []string{"jose@example.org", "José", password} {
			if strings.Contains(strings.ToLower(err.Error()), strings.ToLower(secret)) {
				t.Errorf("error: got %q, which contains %q", err, secret)
			}
		}
		if code := rankfile.ErrorCode(err); code != rankfile.EINTERNAL {
			t.Errorf("error code: got %q, want %q", code, rankfile.EINTERNAL)
		}
	})
	t.Run("an unreachable server's error names the kind and the server", func(t *testing.T) {
		cfg := silentServer(t)
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		cfg.Port = ln.Addr().(*net.TCPAddr).Port
		ln.Close() // nothing listens there now
		err := sendErr(t, cfg)
		checkErrorContains(t, err, `"sign-in"`)
		checkErrorContains(t, err, ln.Addr().String())
	})
}
