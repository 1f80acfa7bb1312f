package mail

import (
	"log/slog"

	"github.com/rankfile/rankfile"
)

// New returns the mailer for cfg: an SMTP mailer when cfg has any setting,
// or, when cfg is the zero Config (no SMTP server configured), a Log mailer
// writing to logger after a warning that emails, sign-in links included,
// will appear in the log.
//
// Any setting at all means the operator meant to use SMTP, so a Config with
// a from address but no host is an EINVALID error, not a quiet fallback to
// the log: sign-in links must not end up in logs because of a typo.
func New(cfg Config, logger *slog.Logger) (rankfile.Mailer, error) {
	if cfg != (Config{}) {
		s, err := NewSMTP(cfg)
		if err != nil {
			return nil, err // not s: a nil *SMTP in a Mailer is not a nil Mailer
		}
		return s, nil
	}
	l := NewLog(logger)
	l.logger.Warn("no SMTP server configured: emails, sign-in links included, are written to this log; " +
		"use this only for demos and development")
	return l, nil
}
