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
	// ID is the message's own part of its Message-ID, when it has one that
	// stays the same however often it is tried (an outbox notice's): mail
	// programs show two copies with one Message-ID as one message.
	ID string
	// Attachments are files sent with the message, such as an event's
	// .ics file.
	Attachments []Attachment
	// Unsubscribe is the address that takes the recipient off the list the
	// message was sent to; mail programs offer it as a button (RFC 8058).
	Unsubscribe string
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Mailer sends email. Implementations: SMTP, and a log writer for when no
// SMTP server is configured (the demo's case).
type Mailer interface {
	Send(ctx context.Context, m *Message) error
}
