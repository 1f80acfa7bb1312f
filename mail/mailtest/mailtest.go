// Package mailtest runs a real SMTP server inside a test process, so that
// tests of rankfile's mail, and of anything that sends mail such as sign-in,
// go over a real connection and read what arrived:
//
//	srv := mailtest.Start(t)
//	mailer, err := mail.NewSMTP(srv.Config())
//	... // the code under test sends a sign-in link to jose@example.org
//	link := srv.Wait(t, "jose@example.org", 5*time.Second).Links()[0]
package mailtest

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/rankfile/rankfile/mail"
)

// Server is an SMTP server on 127.0.0.1 that keeps every message it
// accepts. It is safe for concurrent use.
type Server struct {
	opts    options
	addr    *net.TCPAddr
	roots   *x509.CertPool // trusts the server's certificate in TLS modes
	smtp    *smtp.Server
	ln      net.Listener
	errlog  *testLogger
	served  chan struct{} // closed when Serve returns
	mu      sync.Mutex
	msgs    []Message
	waited  []bool        // msgs[i] was returned by Wait
	arrived chan struct{} // closed and replaced whenever a message arrives
}

// Option changes how Start sets up a server.
type Option func(*options)

type options struct {
	username, password string
	mechanisms         []string
	tlsMode            string
	rejected           []string
	delay              time.Duration
}

// WithAuth makes the server require SMTP AUTH with username and password
// before it accepts mail. It offers the given mechanisms, PLAIN and LOGIN
// being supported, or PLAIN alone when none are given.
func WithAuth(username, password string, mechanisms ...string) Option {
	return func(o *options) {
		o.username, o.password = username, password
		o.mechanisms = mechanisms
		if len(mechanisms) == 0 {
			o.mechanisms = []string{"PLAIN"}
		}
	}
}

// WithTLS makes the server speak TLS with a certificate for 127.0.0.1 made
// for it alone: mode is mail.TLSStartTLS or mail.TLSImplicit. In STARTTLS
// mode it offers AUTH only after the upgrade, as real servers do. Config
// returns the authority that signed the certificate in RootCAs.
func WithTLS(mode string) Option {
	return func(o *options) { o.tlsMode = mode }
}

// WithRejectedRecipients makes the server refuse RCPT TO for the given
// addresses with a 550 reply that names the address, as real servers do.
func WithRejectedRecipients(addrs ...string) Option {
	return func(o *options) { o.rejected = append(o.rejected, addrs...) }
}

// WithDelay makes the server take each message's data only after d, as a
// busy real server does: sending a batch then takes long enough for a test
// to act in the middle of it.
func WithDelay(d time.Duration) Option {
	return func(o *options) { o.delay = d }
}

// Start runs a server on 127.0.0.1 at a free port and closes it when the test
// ends. Without options it speaks plain SMTP and accepts mail from anyone.
func Start(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := &Server{
		opts:    options{tlsMode: mail.TLSNone},
		errlog:  &testLogger{tb: tb},
		served:  make(chan struct{}),
		arrived: make(chan struct{}),
	}
	for _, o := range opts {
		o(&s.opts)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatalf("mailtest: listen: %v", err)
	}
	s.addr = ln.Addr().(*net.TCPAddr)
	s.smtp = s.newSMTPServer(tb)
	s.ln = s.setUpTLS(tb, ln)
	go func() {
		defer close(s.served)
		s.smtp.Serve(s.ln)
	}()
	tb.Cleanup(s.close)
	return s
}

func (s *Server) newSMTPServer(tb testing.TB) *smtp.Server {
	for _, m := range s.opts.mechanisms {
		if m != "PLAIN" && m != "LOGIN" {
			tb.Fatalf("mailtest: AUTH mechanism %q is not supported; use PLAIN or LOGIN", m)
		}
	}
	srv := smtp.NewServer(&backend{srv: s, tb: tb})
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = s.opts.tlsMode == mail.TLSNone
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.MaxMessageBytes = 1 << 20
	srv.ErrorLog = s.errlog
	return srv
}

// setUpTLS prepares the TLS mode and returns the listener to serve on.
func (s *Server) setUpTLS(tb testing.TB, ln net.Listener) net.Listener {
	switch s.opts.tlsMode {
	case mail.TLSNone:
		return ln
	case mail.TLSStartTLS, mail.TLSImplicit:
	default:
		tb.Fatalf("mailtest: TLS mode %q is not supported", s.opts.tlsMode)
	}
	cert, roots, err := newCertificate()
	if err != nil {
		tb.Fatalf("mailtest: %v", err)
	}
	s.roots = roots
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if s.opts.tlsMode == mail.TLSImplicit {
		return tls.NewListener(ln, cfg)
	}
	s.smtp.TLSConfig = cfg
	return ln
}

func (s *Server) close() {
	s.smtp.Close()
	// Serve may not have registered the listener with the server yet, in
	// which case Close did not close it and Accept would block for ever.
	s.ln.Close()
	<-s.served
	// Connection goroutines may still report their closed connections;
	// testing forbids logging once the test is over.
	s.errlog.stop()
}

// Addr returns the server's address, 127.0.0.1 and its port.
func (s *Server) Addr() string {
	return s.addr.String()
}

// Config returns a mail.Config for this server: its host, port, TLS mode and
// certificate authority, the AUTH credentials given to WithAuth, a from
// address at example.org, and a timeout of ten seconds.
func (s *Server) Config() mail.Config {
	return mail.Config{
		Host:     s.addr.IP.String(),
		Port:     s.addr.Port,
		Username: s.opts.username,
		Password: s.opts.password,
		From:     "Rankfile <rankfile@example.org>",
		TLS:      s.opts.tlsMode,
		Timeout:  10 * time.Second,
		RootCAs:  s.roots,
	}
}

// Messages returns every message the server has accepted, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Wait returns the oldest message to the address to (compared without
// regard to case with the envelope recipients) that Wait has not returned
// before, waiting up to timeout for it; so a test that asks for two sign-in
// links in turn gets the second one the second time. It fails the test if
// none arrives in time.
func (s *Server) Wait(tb testing.TB, to string, timeout time.Duration) Message {
	tb.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		m, ok, arrived := s.take(to)
		if ok {
			return m
		}
		select {
		case <-arrived:
		case <-timer.C:
			tb.Fatalf("mailtest: no message to %s within %v; envelope recipients of all %d received: %v",
				to, timeout, len(s.Messages()), s.recipients())
			return Message{}
		}
	}
}

// take removes the oldest message to "to" from Wait's queue. When there is
// none it returns the channel that will be closed at the next arrival.
func (s *Server) take(to string) (Message, bool, <-chan struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, m := range s.msgs {
		if !s.waited[i] && m.sentTo(to) {
			s.waited[i] = true
			return m, true, nil
		}
	}
	return Message{}, false, s.arrived
}

func (s *Server) add(m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, m)
	s.waited = append(s.waited, false)
	close(s.arrived)
	s.arrived = make(chan struct{})
}

func (s *Server) recipients() []string {
	var all []string
	for _, m := range s.Messages() {
		all = append(all, strings.Join(m.To, ","))
	}
	return all
}
