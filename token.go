package rankfile

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// APIToken is a member's personal token for the JSON API; only its hash is
// stored, so a stolen database yields no usable token. A token works until
// it expires or is revoked, whichever comes first; revoked tokens are kept,
// so that the member's list and the audit log still make sense.
type APIToken struct {
	ID         int64     `json:"id"`
	MemberID   int64     `json:"member_id"`
	Name       string    `json:"name"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
	ExpiresAt  time.Time `json:"expires_at"`
	RevokedAt  time.Time `json:"revoked_at,omitzero"`
}

// Token lifetimes, in days. A token lasts at most a year, so that a token
// someone forgot in a script or a stolen laptop stops working on its own.
const (
	DefaultTokenDays = 90
	MaxTokenDays     = 365
)

// TokenDayChoices are the lifetimes the token form offers.
var TokenDayChoices = []int{30, DefaultTokenDays, MaxTokenDays}

// MaxTokenNameLength is how long a token's name may be, in characters.
const MaxTokenNameLength = 100

// Active reports whether the token still works at now: not revoked and not
// expired. The store checks the same in SQL when it authenticates.
func (t *APIToken) Active(now time.Time) bool {
	return t.RevokedAt.IsZero() && now.Before(t.ExpiresAt)
}

// Revoked reports whether the token was revoked.
func (t *APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }

// ValidateAPIToken checks a new token's name and lifetime in days.
// EINVALID says what is wrong.
func ValidateAPIToken(name string, days int) error {
	switch n := utf8.RuneCountInString(strings.TrimSpace(name)); {
	case n == 0:
		return Errorf(EINVALID, "give the token a name, to recognize it later")
	case n > MaxTokenNameLength:
		return Errorf(EINVALID, "a token's name is at most %d characters; this one has %d", MaxTokenNameLength, n)
	}
	if days < 1 || days > MaxTokenDays {
		return Errorf(EINVALID, "a token lasts from 1 to %d days, not %d", MaxTokenDays, days)
	}
	return nil
}

// ParseTokenDays reads a token's lifetime as a number of days, "90" or
// "90d"; empty is DefaultTokenDays. EINVALID for anything else or a
// lifetime over MaxTokenDays.
func ParseTokenDays(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return DefaultTokenDays, nil
	}
	days, err := strconv.Atoi(strings.TrimSuffix(strings.ToLower(s), "d"))
	if err != nil {
		return 0, Errorf(EINVALID, "a token's lifetime is a number of days, such as 30d, 90d or 365d, not %q", s)
	}
	if days < 1 || days > MaxTokenDays {
		return 0, Errorf(EINVALID, "a token lasts from 1 to %d days, not %d", MaxTokenDays, days)
	}
	return days, nil
}

// APITokenFilter selects tokens. Zero fields do not filter.
type APITokenFilter struct {
	MemberID int64
}

// APITokenService keeps members' personal API tokens.
type APITokenService interface {
	// CreateAPIToken makes a personal API token lasting days (see
	// ValidateAPIToken) and returns its secret, shown this once; it is
	// recorded in the audit log as the doing of the actor in ctx.
	// EINVALID for a bad name or lifetime, ENOTFOUND for no such member.
	CreateAPIToken(ctx context.Context, memberID int64, name string, days int) (secret string, t *APIToken, err error)
	// FindAPIToken returns the token with the secret when it is neither
	// revoked nor expired, or EUNAUTHORIZED, the same for every failure.
	FindAPIToken(ctx context.Context, secret string) (*APIToken, error)
	// FindAPITokens returns tokens, revoked and expired ones too, newest
	// first. Never their secrets or hashes.
	FindAPITokens(ctx context.Context, f APITokenFilter) ([]*APIToken, error)
	// RevokeAPIToken revokes a token, audited as the actor's doing in ctx.
	// With memberID other than 0 it revokes only that member's token, and
	// someone else's is ENOTFOUND, as an unknown id is. ECONFLICT for a
	// token revoked already.
	RevokeAPIToken(ctx context.Context, id, memberID int64) (*APIToken, error)
	// RevokeAPITokens revokes every token of the member not revoked yet,
	// audited, and returns how many.
	RevokeAPITokens(ctx context.Context, memberID int64) (int, error)
}
