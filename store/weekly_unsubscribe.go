package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// Unsubscribe links: each weekly email carries a link of its own, made
// when the email is composed. Only the SHA-256 of its secret is stored, as
// for sign-in links (auth.go), so that a copy of the database takes nobody
// off the list; a link works until it is a year old.

// unsubscribeLinkLife is how long an unsubscribe link works: long past the
// week its email was about, for someone clearing an old inbox.
const unsubscribeLinkLife = 366 * 24 * time.Hour

// badUnsubscribeLink is the one answer for a link that does not work.
var badUnsubscribeLink = rankfile.Errorf(rankfile.ENOTFOUND,
	"this unsubscribe link does not work (it may be over a year old): turn the weekly email off on your profile instead")

// UnsubscribeToken makes a new secret for a member's unsubscribe link.
func (s *WeeklyService) UnsubscribeToken(ctx context.Context, memberID int64) (string, error) {
	token, hash := newSecret("")
	err := s.db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO unsubscribe_tokens (token_hash, member_id, created_at)
			VALUES ($1, $2, $3)`, hash, memberID, tx.stamp)
		return err
	})
	return token, err
}

// CheckUnsubscribeToken reports whether an unsubscribe link works,
// changing nothing: mail filters open links to scan them.
func (s *WeeklyService) CheckUnsubscribeToken(ctx context.Context, token string) error {
	var member int64
	err := s.db.read.QueryRowContext(ctx, `SELECT member_id FROM unsubscribe_tokens WHERE token_hash = $1
		AND created_at > $2`, hashSecret(token), s.db.timeArg(s.db.Now().UTC().Add(-unsubscribeLinkLife))).Scan(&member)
	if err == sql.ErrNoRows {
		return badUnsubscribeLink
	}
	return s.db.translate(err)
}

// Unsubscribe turns the weekly email off for the member whose link it is.
// The change goes into their history as their preferences' changes do;
// a member already off the list is left as they are.
func (s *WeeklyService) Unsubscribe(ctx context.Context, token string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		var member int64
		var wants sql.NullBool
		err := tx.QueryRowContext(ctx, `SELECT t.member_id, p.weekly_email FROM unsubscribe_tokens t
			LEFT JOIN member_preferences p ON p.member_id = t.member_id
			WHERE t.token_hash = $1 AND t.created_at > $2`,
			hashSecret(token), tx.db.timeArg(tx.now.Add(-unsubscribeLinkLife))).Scan(&member, &wants)
		switch {
		case err == sql.ErrNoRows:
			return badUnsubscribeLink
		case err != nil:
			return err
		case wants.Valid && !wants.Bool:
			return nil
		}
		return tx.stopWeekly(ctx, member)
	})
}

// stopWeekly records that the member wants no more weekly email.
func (tx *Tx) stopWeekly(ctx context.Context, memberID int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO member_preferences (member_id, weekly_email, updated_at)
		VALUES ($1, FALSE, $2) ON CONFLICT (member_id) DO UPDATE SET weekly_email = FALSE,
		updated_at = excluded.updated_at`, memberID, tx.stamp); err != nil {
		return err
	}
	if err := tx.touchRoster(ctx); err != nil { // the actor carries the preferences
		return err
	}
	off := false
	return tx.recordChange(ctx, &rankfile.MemberChange{MemberID: memberID, Kind: rankfile.ChangePreferences,
		Actor: "unsubscribe link", Note: describePreferences(rankfile.Preferences{WeeklyEmail: &off})})
}

// forgetOldUnsubscribeLinks deletes the secrets of links that no longer
// work; sending each week's email does it.
func (tx *Tx) forgetOldUnsubscribeLinks(ctx context.Context) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM unsubscribe_tokens WHERE created_at <= $1`,
		tx.db.timeArg(tx.now.Add(-unsubscribeLinkLife)))
	return err
}

// WeeklyOptOuts returns the members who turned the weekly email off.
func (s *WeeklyService) WeeklyOptOuts(ctx context.Context) (map[int64]bool, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT member_id FROM member_preferences WHERE NOT weekly_email`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	ids, err := scanIDs(rows)
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}
