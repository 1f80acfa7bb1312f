// Package mail sends rankfile's email: through an SMTP server when one is
// configured, or into the server log for demos and development when none is.
//
// A command reads the settings and lets New choose:
//
//	cfg, err := mail.ConfigFromEnv(os.Getenv) // or fill a Config from flags
//	...
//	mailer, err := mail.New(cfg, logger) // SMTP, or the log when cfg is zero
//
// Tests send through a real SMTP server with package mailtest.
package mail

import (
	"crypto/x509"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
)

// TLS modes for Config.TLS.
const (
	// TLSStartTLS connects in plain text and upgrades with STARTTLS before
	// anything else is said; a server that does not offer STARTTLS is refused.
	TLSStartTLS = "starttls"
	// TLSImplicit speaks TLS from the first byte (often port 465).
	TLSImplicit = "tls"
	// TLSNone speaks plain text. It is meant for a relay on the same machine
	// and for tests, so Validate refuses it for other hosts unless
	// AllowPlaintext is set.
	TLSNone = "none"
)

// DefaultTimeout bounds a send when Config.Timeout is zero: long enough for
// a slow server, short enough that a member waiting for a sign-in link is
// told of a failure while still on the page.
const DefaultTimeout = 30 * time.Second

// Config says how to reach an SMTP server. Zero values mean defaults, so a
// caller (flags, environment) should leave a setting at zero when the
// operator did not give it.
type Config struct {
	Host string
	// Port defaults to the usual port of the TLS mode: 587 for starttls,
	// 465 for tls, 25 for none.
	Port int
	// Username and Password are for SMTP AUTH; both empty means no AUTH.
	Username string
	Password string
	// From is the sender, a bare address or one with a display name such as
	// "Rankfile <rankfile@example.org>".
	From string
	// TLS is one of TLSStartTLS (the default when empty), TLSImplicit or
	// TLSNone.
	TLS string
	// AllowPlaintext permits TLS mode none to a host that is not loopback,
	// such as a relay on a private network. Mail and any password then
	// cross that network unencrypted, which is why it must be asked for.
	AllowPlaintext bool
	// Timeout bounds one whole send: connecting, TLS, AUTH and delivery.
	// Zero means DefaultTimeout.
	Timeout time.Duration
	// RootCAs are the authorities trusted for the server's certificate;
	// nil means the system's. Set it for a server with a certificate from
	// a private authority, as tests do.
	RootCAs *x509.CertPool
}

// Validate reports, as an EINVALID error, the first setting that is missing
// or wrong. It does not contact the server.
func (c *Config) Validate() error {
	for _, check := range []func() error{
		c.validateHost, c.validatePort, c.validateTLS, c.validateFrom,
		c.validateAuth, c.validateTimeout,
	} {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) validateHost() error {
	if c.Host == "" {
		return rankfile.Errorf(rankfile.EINVALID, "SMTP host is required.")
	}
	// "smtp.example.org:587" is an easy mistake; an IPv6 literal is not one.
	if strings.Contains(c.Host, ":") && net.ParseIP(c.Host) == nil {
		return rankfile.Errorf(rankfile.EINVALID,
			"SMTP host %q must not include a port; give the port separately.", c.Host)
	}
	return nil
}

func (c *Config) validatePort() error {
	if c.Port < 0 || c.Port > 65535 {
		return rankfile.Errorf(rankfile.EINVALID, "SMTP port %d is out of range 1-65535.", c.Port)
	}
	return nil
}

func (c *Config) validateTLS() error {
	switch c.TLS {
	case "", TLSStartTLS, TLSImplicit:
		return nil
	case TLSNone:
		if isLoopback(c.Host) || c.AllowPlaintext {
			return nil
		}
		return rankfile.Errorf(rankfile.EINVALID,
			"SMTP TLS mode none would send mail and passwords to %s unencrypted; "+
				"it is allowed only for a loopback host such as 127.0.0.1, "+
				"unless plain text is explicitly allowed.", c.Host)
	}
	return rankfile.Errorf(rankfile.EINVALID,
		"SMTP TLS mode %q is unknown; use starttls, tls or none.", c.TLS)
}

func (c *Config) validateFrom() error {
	if c.From == "" {
		return rankfile.Errorf(rankfile.EINVALID, "SMTP from address is required.")
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return rankfile.Errorf(rankfile.EINVALID,
			"SMTP from address %q is not an email address.", c.From)
	}
	return nil
}

func (c *Config) validateAuth() error {
	if c.Username == "" && c.Password != "" {
		return rankfile.Errorf(rankfile.EINVALID, "SMTP password is set but the username is empty.")
	}
	if c.Username != "" && c.Password == "" {
		return rankfile.Errorf(rankfile.EINVALID, "SMTP username is set but the password is empty.")
	}
	return nil
}

func (c *Config) validateTimeout() error {
	if c.Timeout < 0 {
		return rankfile.Errorf(rankfile.EINVALID, "SMTP timeout %v is negative.", c.Timeout)
	}
	return nil
}

// isLoopback reports whether host names this machine without any lookup
// that could be pointed elsewhere, except the conventional "localhost".
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// tlsMode returns the TLS mode with the default applied.
func (c *Config) tlsMode() string {
	if c.TLS == "" {
		return TLSStartTLS
	}
	return c.TLS
}

// port returns the port with the default for the TLS mode applied.
func (c *Config) port() int {
	if c.Port != 0 {
		return c.Port
	}
	switch c.tlsMode() {
	case TLSImplicit:
		return 465
	case TLSNone:
		return 25
	}
	return 587
}

// timeout returns the timeout with the default applied.
func (c *Config) timeout() time.Duration {
	if c.Timeout == 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

// addr returns host:port for dialing and for error messages.
func (c *Config) addr() string {
	return net.JoinHostPort(c.Host, fmt.Sprint(c.port()))
}

// String describes the configuration without the password, so that printing
// a Config by mistake does not leak it.
func (c Config) String() string {
	pw := ""
	if c.Password != "" {
		pw = "[redacted]"
	}
	return fmt.Sprintf("mail.Config{Host:%q Port:%d Username:%q Password:%q From:%q TLS:%q AllowPlaintext:%t Timeout:%v}",
		c.Host, c.Port, c.Username, pw, c.From, c.TLS, c.AllowPlaintext, c.Timeout)
}

// GoString is String, so that %#v does not leak the password either.
func (c Config) GoString() string { return c.String() }

// LogValue gives slog the configuration without the password.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("host", c.Host),
		slog.Int("port", c.port()),
		slog.String("username", c.Username),
		slog.Bool("password_set", c.Password != ""),
		slog.String("from", c.From),
		slog.String("tls", c.tlsMode()),
		slog.Duration("timeout", c.timeout()),
	)
}
