package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// AuthService signs members in and out. It implements rankfile.AuthService.
// Secrets (sign-in links, session cookies, API tokens) are 256 random bits;
// only their SHA-256 is stored, so a copy of the database signs nobody in.
type AuthService struct{ db *DB }

// NewAuthService returns the auth service of db.
func NewAuthService(db *DB) *AuthService { return &AuthService{db: db} }

var _ rankfile.AuthService = (*AuthService)(nil)

// CreateSignInTokens makes a one-time sign-in token for each member with
// the address: people who share an address (a family, say) each get their
// own link in one email. No member with the address yields no tokens.
func (s *AuthService) CreateSignInTokens(ctx context.Context, email string) ([]rankfile.SignInLink, error) {
	members, _, err := NewMemberService(s.db).FindMembers(ctx, rankfile.MemberFilter{Email: email, Limit: 10})
	if err != nil || len(members) == 0 {
		return nil, err
	}
	var links []rankfile.SignInLink
	err = s.db.inTx(ctx, func(tx *Tx) error {
		for _, m := range members {
			token, hash := newSecret("")
			_, err := tx.ExecContext(ctx, `INSERT INTO sign_in_tokens (token_hash, member_id, created_at, expires_at)
				VALUES ($1, $2, $3, $4)`, hash, m.ID, tx.stamp, tx.db.timeArg(tx.now.Add(rankfile.SignInLifetime)))
			if err != nil {
				return err
			}
			links = append(links, rankfile.SignInLink{Token: token, Member: m})
		}
		return nil
	})
	return links, err
}

// CheckSignInToken reports whether a sign-in token can still be used,
// without using it, for the page that asks to confirm.
func (s *AuthService) CheckSignInToken(ctx context.Context, token string) error {
	var n int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM sign_in_tokens
		WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
		hashSecret(token), s.db.timeArg(s.db.Now().UTC())).Scan(&n)
	if err == nil && n == 0 {
		return unauthorized
	}
	return s.db.translate(err)
}

// RedeemSignInToken uses a sign-in token once and opens a session.
func (s *AuthService) RedeemSignInToken(ctx context.Context, token string) (string, *rankfile.Session, error) {
	var sessionToken string
	var session *rankfile.Session
	err := s.db.inTx(ctx, func(tx *Tx) error {
		var memberID int64
		err := tx.QueryRowContext(ctx, `UPDATE sign_in_tokens SET used_at = $1
			WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING member_id`,
			tx.stamp, hashSecret(token)).Scan(&memberID)
		if err == sql.ErrNoRows {
			return unauthorized
		} else if err != nil {
			return err
		}
		sessionToken, session, err = tx.createSession(ctx, memberID)
		return err
	})
	return sessionToken, session, err
}

func (tx *Tx) createSession(ctx context.Context, memberID int64) (string, *rankfile.Session, error) {
	secret, hash := newSecret("")
	s := &rankfile.Session{MemberID: memberID, CreatedAt: tx.now, ExpiresAt: tx.now.Add(rankfile.SessionLifetime)}
	_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, member_id, created_at, seen_at, expires_at)
		VALUES ($1, $2, $3, $3, $4)`, hash, memberID, tx.stamp, tx.db.timeArg(s.ExpiresAt))
	return secret, s, err
}

// sessionRefresh is how stale a session's last use may get before it is
// written again: a page view must not cost a write.
const sessionRefresh = time.Hour

// FindSession returns the session of a session token and, once an hour,
// extends it.
func (s *AuthService) FindSession(ctx context.Context, sessionToken string) (*rankfile.Session, error) {
	hash := hashSecret(sessionToken)
	sess := &rankfile.Session{}
	var seen time.Time
	now := s.db.Now().UTC()
	err := s.db.read.QueryRowContext(ctx, `SELECT member_id, created_at, seen_at, expires_at FROM sessions
		WHERE token_hash = $1 AND expires_at > $2`, hash, s.db.timeArg(now)).
		Scan(&sess.MemberID, &sess.CreatedAt, &seen, &sess.ExpiresAt)
	if err == sql.ErrNoRows {
		return nil, unauthorized
	} else if err != nil {
		return nil, s.db.translate(err)
	}
	if now.Sub(seen) > sessionRefresh {
		sess.ExpiresAt = now.Add(rankfile.SessionLifetime)
		err = s.db.inTx(ctx, func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE sessions SET seen_at = $1, expires_at = $2 WHERE token_hash = $3`,
				tx.stamp, tx.db.timeArg(sess.ExpiresAt), hash)
			return err
		})
	}
	return sess, err
}

// EndSession signs one browser out.
func (s *AuthService) EndSession(ctx context.Context, sessionToken string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hashSecret(sessionToken))
		return err
	})
}

// EndAllSessions signs the member out everywhere, voids their unused
// sign-in links and revokes their API tokens, in one transaction: someone
// who fears a device is in the wrong hands means every key to their data.
func (s *AuthService) EndAllSessions(ctx context.Context, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE member_id = $1`, memberID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE sign_in_tokens SET used_at = $1 WHERE member_id = $2 AND used_at IS NULL`,
			tx.stamp, memberID)
		if err != nil {
			return err
		}
		_, err = tx.revokeAPITokens(ctx, memberID, ", signing out everywhere")
		return err
	})
}
