package mail

import (
	"context"
	"log/slog"

	"github.com/rankfile/rankfile"
)

// Log is a rankfile.Mailer that writes each message to a log instead of
// sending it, for demos and development where no SMTP server is configured:
// the operator reads sign-in links from the server log.
//
// It is only for demos and development. It writes personal data (the
// recipient's address) and credentials (sign-in links, which let anyone who
// reads the log sign in as that member) to the log, which rankfile otherwise
// keeps free of both. Never use it for an organization's real members.
type Log struct {
	logger *slog.Logger
}

var _ rankfile.Mailer = (*Log)(nil)

// NewLog returns a Log mailer writing to logger, or to slog.Default() when
// logger is nil.
func NewLog(logger *slog.Logger) *Log {
	if logger == nil {
		logger = slog.Default()
	}
	return &Log{logger: logger}
}

// Send writes m to the log at INFO with its kind, recipient, subject and
// text. The HTML alternative is left out: it repeats the text. Send returns
// EINVALID for a message an SMTP server would refuse too, so that demos
// catch the same mistakes, and ctx's error when ctx is already done.
func (l *Log) Send(ctx context.Context, m *rankfile.Message) error {
	if err := validateMessage(m); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	l.logger.LogAttrs(ctx, slog.LevelInfo, "mail not sent: no SMTP server configured; message follows",
		slog.String("kind", m.Kind),
		slog.String("to", m.To),
		slog.String("subject", m.Subject),
		slog.String("text", m.Text),
	)
	return nil
}
