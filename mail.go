package rankfile

import "context"

// Message is an email to one person.
type Message struct {
	To      string
	Subject string
	// Text is the plain-text body, always present; HTML is an optional
	// alternative.
	Text string
	HTML string
	// Kind names the message for logs and metrics without saying who it is
	// to, such as "sign-in".
	Kind string
}

// Mailer sends email. Implementations: SMTP, and a log writer for when no
// SMTP server is configured (the demo's case).
type Mailer interface {
	Send(ctx context.Context, m *Message) error
}
