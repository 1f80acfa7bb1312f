package rankfile

import (
	"net/mail"
	"strings"
)

// NormalizeEmail writes an email address the one way rankfile keeps it,
// trimmed and in small letters, and refuses what is not a bare address
// ("Ana <ana@example.org>" and "ana at example" alike).
func NormalizeEmail(s string) (string, error) {
	email := strings.ToLower(strings.TrimSpace(s))
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return email, Errorf(EINVALID, "%q is not an email address", email)
	}
	return email, nil
}
