package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/rankfile/rankfile"
)

// Personal API tokens: made, found by their secret, listed and revoked.
// A token authenticates only while it is neither revoked nor expired, and
// the one query that finds it checks both, through the unique index on the
// hash (see TestTokenLookupUsesTheHashIndex).

// apiTokenPrefix marks rankfile's API tokens, so that a token pasted where
// it should not be (a public repository) is easy to recognize.
const apiTokenPrefix = "rf_"

// CreateAPIToken makes a personal API token lasting days and returns its
// secret. Only the secret's hash is stored.
func (s *AuthService) CreateAPIToken(ctx context.Context, memberID int64, name string, days int) (string, *rankfile.APIToken, error) {
	name = strings.TrimSpace(name)
	if err := rankfile.ValidateAPIToken(name, days); err != nil {
		return "", nil, err
	}
	secret, hash := newSecret(apiTokenPrefix)
	t := &rankfile.APIToken{MemberID: memberID, Name: name}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.memberExists(ctx, memberID); err != nil {
			return err
		}
		t.CreatedAt, t.ExpiresAt = tx.now, tx.now.Add(time.Duration(days)*24*time.Hour)
		err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (member_id, name, token_hash, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, memberID, name, hash, tx.stamp, tx.db.timeArg(t.ExpiresAt)).Scan(&t.ID)
		if err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditCreateAPIToken, memberID,
			fmt.Sprintf("%s, expires %s", describeToken(t), t.ExpiresAt.Format(time.DateOnly)))
	})
	return secret, t, err
}

// describeToken names a token in the audit log: its id and name, never
// its secret.
func describeToken(t *rankfile.APIToken) string {
	return fmt.Sprintf("token %d %q", t.ID, t.Name)
}

// findAPITokenSQL finds a working token by its secret's hash. Revocation
// and expiry are checked here, in the one query, so that no caller can
// forget them.
const findAPITokenSQL = `SELECT id, member_id, name, created_at, last_used_at, expires_at FROM api_tokens
	WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`

// FindAPIToken returns the token with the secret, if it still works. An
// unknown, revoked or expired token gets the same answer.
func (s *AuthService) FindAPIToken(ctx context.Context, secret string) (*rankfile.APIToken, error) {
	if !strings.HasPrefix(secret, apiTokenPrefix) {
		return nil, unauthorized
	}
	t := &rankfile.APIToken{}
	var lastUsed sql.NullTime
	err := s.db.read.QueryRowContext(ctx, findAPITokenSQL, hashSecret(secret), s.db.timeArg(s.db.Now().UTC())).
		Scan(&t.ID, &t.MemberID, &t.Name, &t.CreatedAt, &lastUsed, &t.ExpiresAt)
	if err == sql.ErrNoRows {
		return nil, unauthorized
	} else if err != nil {
		return nil, s.db.translate(err)
	}
	t.LastUsedAt = lastUsed.Time
	return t, s.touchAPIToken(ctx, t)
}

// apiTokenColumns are what a list of tokens reads: never the hash.
const apiTokenColumns = `id, member_id, name, created_at, last_used_at, expires_at, revoked_at`

// FindAPITokens returns tokens, newest first.
func (s *AuthService) FindAPITokens(ctx context.Context, f rankfile.APITokenFilter) ([]*rankfile.APIToken, error) {
	q, args := `SELECT `+apiTokenColumns+` FROM api_tokens`, []any{}
	if f.MemberID != 0 {
		q, args = q+` WHERE member_id = $1`, append(args, f.MemberID)
	}
	rows, err := s.db.read.QueryContext(ctx, q+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.APIToken{}
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, s.db.translate(err)
		}
		out = append(out, t)
	}
	return out, s.db.translate(rows.Err())
}

// scanAPIToken reads a row of apiTokenColumns.
func scanAPIToken(row interface{ Scan(...any) error }) (*rankfile.APIToken, error) {
	t := &rankfile.APIToken{}
	var lastUsed, revoked sql.NullTime
	err := row.Scan(&t.ID, &t.MemberID, &t.Name, &t.CreatedAt, &lastUsed, &t.ExpiresAt, &revoked)
	t.LastUsedAt, t.RevokedAt = lastUsed.Time, revoked.Time
	return t, err
}

// noSuchToken is the answer for a token id that is unknown or someone
// else's: ids reveal nothing.
var noSuchToken = rankfile.Errorf(rankfile.ENOTFOUND, "no such token")

// RevokeAPIToken revokes a token: the member's own when memberID is set.
func (s *AuthService) RevokeAPIToken(ctx context.Context, id, memberID int64) (*rankfile.APIToken, error) {
	var t *rankfile.APIToken
	err := s.db.inTx(ctx, func(tx *Tx) error {
		var err error
		t, err = scanAPIToken(tx.QueryRowContext(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE id = $1`, id))
		switch {
		case err == sql.ErrNoRows || (err == nil && memberID != 0 && t.MemberID != memberID):
			return noSuchToken
		case err != nil:
			return err
		case t.Revoked():
			return rankfile.Errorf(rankfile.ECONFLICT, "token %d was revoked already", id)
		}
		return tx.revokeAPIToken(ctx, t, "")
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// revokeAPIToken revokes a token read in the transaction, and says why in
// the audit log when there is more to say than who did it.
func (tx *Tx) revokeAPIToken(ctx context.Context, t *rankfile.APIToken, why string) error {
	res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, tx.stamp, t.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return rankfile.Errorf(rankfile.ECONFLICT, "token %d was revoked already", t.ID)
	}
	t.RevokedAt = tx.now
	return tx.audit(ctx, rankfile.AuditRevokeAPIToken, t.MemberID, describeToken(t)+why)
}

// RevokeAPITokens revokes every working token of the member: for a lost
// laptop, when nobody knows which token was on it.
func (s *AuthService) RevokeAPITokens(ctx context.Context, memberID int64) (int, error) {
	var n int
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.memberExists(ctx, memberID); err != nil {
			return err
		}
		var err error
		n, err = tx.revokeAPITokens(ctx, memberID, "")
		return err
	})
	return n, err
}

// revokeAPITokens revokes the member's tokens that still work, each with
// an audit entry, and returns how many. Expired ones are left as they are:
// they work no more already.
func (tx *Tx) revokeAPITokens(ctx context.Context, memberID int64, why string) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens
		WHERE member_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY id`, memberID, tx.stamp)
	if err != nil {
		return 0, err
	}
	var live []*rankfile.APIToken
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			rows.Close()
			return 0, err
		}
		live = append(live, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, t := range live {
		if err := tx.revokeAPIToken(ctx, t, why); err != nil {
			return 0, err
		}
	}
	return len(live), nil
}

// touchAPIToken records when a token was last used, at most once a minute.
// The request does not wait for it: when a token was last used is a hint
// for its owner, so uses are written a few seconds later, many in one
// transaction (see tokenTouches). A storm of first uses (a vote through
// the API) then costs one write every few seconds, not one per request,
// and takes no turn at the writer from the ballots.
func (s *AuthService) touchAPIToken(ctx context.Context, t *rankfile.APIToken) error {
	if s.db.Now().UTC().Sub(t.LastUsedAt) >= time.Minute {
		s.db.touches.add(t.ID)
	}
	return nil
}

// tokenTouchDelay is how long a token's use waits to be written.
const tokenTouchDelay = 5 * time.Second

// tokenTouches writes the last uses of API tokens, tokenTouchDelay after
// the first use not yet written, as of the time of writing.
type tokenTouches struct {
	db      *DB
	mu      sync.Mutex
	pending map[int64]bool
	timer   *time.Timer
}

func (tt *tokenTouches) start(db *DB) { tt.db = db }

// add records that a token was used.
func (tt *tokenTouches) add(id int64) {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	if tt.pending == nil {
		tt.pending = map[int64]bool{}
	}
	tt.pending[id] = true
	if tt.timer == nil {
		tt.timer = time.AfterFunc(tokenTouchDelay, tt.write)
	}
}

// write writes the uses waiting. A failure loses only the hint.
func (tt *tokenTouches) write() {
	tt.mu.Lock()
	pending := tt.pending
	tt.pending, tt.timer = nil, nil
	tt.mu.Unlock()
	ids := make([]int64, 0, len(pending))
	for id := range pending {
		ids = append(ids, id)
	}
	tt.db.inTx(context.Background(), func(tx *Tx) error {
		return tx.updateIDs(context.Background(), ids, `UPDATE api_tokens SET last_used_at = $1 WHERE id IN (%s)`, tx.stamp)
	})
}
