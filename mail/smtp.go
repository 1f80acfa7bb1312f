package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net"
	"net/mail"
	"regexp"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/rankfile/rankfile"
)

// SMTP is a rankfile.Mailer that hands each message to an SMTP server.
// Every Send opens its own connection: sign-in mail is rare, and a fresh
// connection has no state to go stale between sends. It is safe for
// concurrent use.
type SMTP struct {
	cfg  Config
	from *mail.Address
}

var _ rankfile.Mailer = (*SMTP)(nil)

// NewSMTP returns an SMTP mailer for cfg, or cfg's EINVALID error from
// Validate. It does not contact the server.
func NewSMTP(cfg Config) (*SMTP, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "SMTP from address %q is not an email address.", cfg.From)
	}
	return &SMTP{cfg: cfg, from: from}, nil
}

// Send delivers m to the server as a multipart message: the text, and the
// HTML alternative when m has one. It returns EINVALID for a message that
// cannot be sent (no recipient address, no text) and an internal error when
// the server cannot be reached or refuses the message. Send gives up when ctx
// is done or the configured timeout passes, whichever comes first; its error
// then wraps ctx's error. Errors never contain the password or the
// recipient's address, so they may be logged.
func (s *SMTP) Send(ctx context.Context, m *rankfile.Message) error {
	if err := validateMessage(m); err != nil {
		return err
	}
	msg, err := s.compose(m)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.timeout())
	defer cancel()
	client, err := s.client(ctx)
	if err != nil {
		return fmt.Errorf("mail: %s", s.redact(err.Error(), m))
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return s.sendError(ctx, m, err)
	}
	return nil
}

// compose builds the message with the headers mail clients and spam
// filters expect.
func (s *SMTP) compose(m *rankfile.Message) (*gomail.Msg, error) {
	// No User-Agent header: nobody needs to learn which library and version
	// this server runs.
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	if err := msg.To(m.To); err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "The recipient is not an email address.")
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(messageID(m.ID, s.from.Address))
	// RFC 3834: out-of-office robots should not answer a sign-in link.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if m.Unsubscribe != "" {
		msg.SetGenHeader("List-Unsubscribe", "<"+m.Unsubscribe+">")
		msg.SetGenHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	for _, a := range m.Attachments {
		msg.AttachReadSeeker(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
	}
	return msg, nil
}

// messageID returns the message's Message-ID under the sender's domain
// rather than the machine's host name, which in a container is
// meaningless: id when the message has one, else a random one.
func messageID(id, from string) string {
	if id == "" {
		b := make([]byte, 16)
		rand.Read(b) // never fails; see crypto/rand.Read
		id = hex.EncodeToString(b)
	}
	return id + "@" + from[strings.LastIndex(from, "@")+1:]
}

// client returns a go-mail client for one send within ctx.
func (s *SMTP) client(ctx context.Context) (*gomail.Client, error) {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.port()),
		// A backstop only: ctx, closing the connection, bounds the send.
		gomail.WithTimeout(s.cfg.timeout() + time.Second),
		gomail.WithDialContextFunc(s.dialer(ctx)),
		gomail.WithTLSConfig(s.tlsConfig()),
		gomail.WithTLSPolicy(s.startTLSPolicy()),
	}
	if s.cfg.Username != "" {
		auth := &authenticator{
			username: s.cfg.Username, password: s.cfg.Password, host: s.cfg.Host,
			allowPlaintext: s.cfg.tlsMode() == TLSNone,
		}
		opts = append(opts, gomail.WithSMTPAuthCustom(auth))
	}
	return gomail.NewClient(s.cfg.Host, opts...)
}

// startTLSPolicy is mandatory in starttls mode: a server (or someone in the
// path) that does not offer STARTTLS gets nothing, rather than mail and a
// password in the clear. The other modes never send STARTTLS.
func (s *SMTP) startTLSPolicy() gomail.TLSPolicy {
	if s.cfg.tlsMode() == TLSStartTLS {
		return gomail.TLSMandatory
	}
	return gomail.NoTLS
}

// dialer returns the function go-mail connects with. It dials TLS itself in
// implicit mode, and ties the connection to ctx: go-mail honours a context
// only while dialing, so without this a cancelled request would wait out the
// timeout on a silent server. Closing the connection when ctx ends also
// guarantees it is closed once Send returns and cancels ctx.
func (s *SMTP) dialer(ctx context.Context) gomail.DialContextFunc {
	return func(dialCtx context.Context, network, addr string) (net.Conn, error) {
		var d interface {
			DialContext(ctx context.Context, network, addr string) (net.Conn, error)
		} = &net.Dialer{}
		if s.cfg.tlsMode() == TLSImplicit {
			d = &tls.Dialer{Config: s.tlsConfig()}
		}
		conn, err := d.DialContext(dialCtx, network, addr)
		if err != nil {
			return nil, err
		}
		context.AfterFunc(ctx, func() { conn.Close() })
		return conn, nil
	}
}

func (s *SMTP) tlsConfig() *tls.Config {
	return &tls.Config{
		ServerName: s.cfg.Host,
		RootCAs:    s.cfg.RootCAs,
		MinVersion: tls.VersionTLS12,
	}
}

// sendError explains a failed send. When ctx ended first, the library's
// error is only the closed connection, so ctx's error is what matters.
func (s *SMTP) sendError(ctx context.Context, m *rankfile.Message, err error) error {
	what := fmt.Sprintf("mail: %s message not sent through %s", kindName(m), s.cfg.addr())
	if ctxErr := contextError(ctx); ctxErr != nil {
		return fmt.Errorf("%s (time limit %v): %w", what, s.cfg.timeout(), ctxErr)
	}
	// The library's error is flattened to text and not wrapped: its
	// SendError lists the recipient's address, and anyone unwrapping it
	// to log it would undo the redaction.
	text := s.redact(err.Error(), m)
	if strings.Contains(text, "SMTP AUTH failed: 535") {
		text += " (check the SMTP username and password)"
	}
	return fmt.Errorf("%s: %s", what, text)
}

// contextError returns ctx's error, or DeadlineExceeded when the deadline
// has passed but ctx's timer has not yet run, which happens when a
// connection's own deadline fires first.
func contextError(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

// redact removes the password and the recipient's address from text that
// came from the library or the server, so that errors can be logged
// without personal data or secrets.
func (s *SMTP) redact(text string, m *rankfile.Message) string {
	text = replaceFold(text, s.cfg.Password, "[password]")
	if a, err := mail.ParseAddress(m.To); err == nil {
		text = replaceFold(text, a.Address, "[recipient]")
	}
	return replaceFold(text, m.To, "[recipient]")
}

// replaceFold replaces every occurrence of old in s, ignoring case, since
// servers may echo an address in another case.
func replaceFold(s, old, repl string) string {
	if old == "" {
		return s
	}
	return regexp.MustCompile("(?i)"+regexp.QuoteMeta(old)).ReplaceAllLiteralString(s, repl)
}

// kindName returns the message's kind for errors, never its recipient.
func kindName(m *rankfile.Message) string {
	if m.Kind == "" {
		return "unnamed"
	}
	return fmt.Sprintf("%q", m.Kind)
}

// validateMessage checks what every mailer needs of a message.
func validateMessage(m *rankfile.Message) error {
	switch {
	case m == nil:
		return rankfile.Errorf(rankfile.EINVALID, "There is no message to send.")
	case strings.TrimSpace(m.To) == "":
		return rankfile.Errorf(rankfile.EINVALID, "The message has no recipient.")
	case strings.ContainsAny(m.Subject, "\r\n"):
		return rankfile.Errorf(rankfile.EINVALID, "The message subject must be one line.")
	case m.Text == "":
		return rankfile.Errorf(rankfile.EINVALID, "The message has no text.")
	}
	if _, err := mail.ParseAddress(m.To); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "The recipient is not an email address.")
	}
	return nil
}
