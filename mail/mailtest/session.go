package mailtest

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// backend starts a session for each connection.
type backend struct {
	srv *Server
	tb  testing.TB
}

// NewSession starts a conversation with no sender, recipients or login.
func (b *backend) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &session{srv: b.srv}, nil
}

// session is one SMTP conversation.
type session struct {
	srv    *Server
	authed bool
	from   string
	to     []string
}

// AuthMechanisms returns nothing when no AUTH is configured, so the server
// does not advertise AUTH at all.
func (s *session) AuthMechanisms() []string {
	return s.srv.opts.mechanisms
}

// Auth returns the server side of mech, checking the configured username
// and password.
func (s *session) Auth(mech string) (sasl.Server, error) {
	check := func(username, password string) error {
		if username != s.srv.opts.username || password != s.srv.opts.password {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}
	switch mech {
	case "PLAIN":
		return sasl.NewPlainServer(func(_, username, password string) error {
			return check(username, password)
		}), nil
	case "LOGIN":
		return &loginServer{check: check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

// Mail records the envelope sender, refusing it until the client has
// logged in when AUTH is configured.
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.opts.username != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

// Rcpt records an envelope recipient, or refuses one named by
// WithRejectedRecipients.
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	for _, r := range s.srv.opts.rejected {
		if strings.EqualFold(r, to) {
			return &smtp.SMTPError{
				Code:         550,
				EnhancedCode: smtp.EnhancedCode{5, 1, 1},
				Message:      fmt.Sprintf("<%s>: Recipient address rejected: no such mailbox", to),
			}
		}
	}
	s.to = append(s.to, to)
	return nil
}

// Data parses the message as it arrives. A message that cannot be parsed
// is refused and fails the test, since it would reach nobody's inbox intact.
func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	time.Sleep(s.srv.opts.delay)
	m, err := parse(raw)
	if err != nil {
		s.srv.errlog.errorf("mailtest: refused a message that cannot be parsed: %v", err)
		return err
	}
	m.From, m.To = s.from, s.to
	s.srv.add(m)
	return nil
}

// Reset forgets the envelope, as RSET and the end of each message ask.
func (s *session) Reset() {
	s.from, s.to = "", nil
}

// Logout ends the conversation; there is nothing to release.
func (s *session) Logout() error {
	return nil
}

// loginServer is the server side of AUTH LOGIN, which go-sasl does not
// provide: it asks for the username, then the password.
type loginServer struct {
	check    func(username, password string) error
	username []byte
	step     int
}

// Next takes the client's latest response and returns the next challenge.
func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	switch l.step {
	case 0:
		l.step++
		if response == nil {
			return []byte("Username:"), false, nil
		}
		fallthrough // the client sent the username with AUTH LOGIN
	case 1:
		l.step = 2
		l.username = response
		return []byte("Password:"), false, nil
	case 2:
		l.step++
		return nil, true, l.check(string(l.username), string(response))
	}
	return nil, false, errors.New("unexpected AUTH LOGIN response")
}

// testLogger passes the SMTP server's error log to the test log, and stops
// once the test is over.
type testLogger struct {
	tb      testing.TB
	mu      sync.Mutex
	stopped bool
}

// Printf logs a line from the SMTP server.
func (l *testLogger) Printf(format string, v ...any) {
	l.logf(l.tb.Logf, "mailtest: "+format, v...)
}

// Println logs a line from the SMTP server.
func (l *testLogger) Println(v ...any) {
	l.logf(l.tb.Logf, "mailtest: %s", fmt.Sprint(v...))
}

func (l *testLogger) errorf(format string, v ...any) {
	l.logf(l.tb.Errorf, format, v...)
}

func (l *testLogger) logf(f func(string, ...any), format string, v ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.stopped {
		f(format, v...)
	}
}

func (l *testLogger) stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopped = true
}
