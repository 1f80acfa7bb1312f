package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// The secret that opens a member's private calendar feed.

// CalendarToken returns a member's feed secret, making one if they have
// none or reset is set.
func (s *EventService) CalendarToken(ctx context.Context, memberID int64, reset bool) (string, error) {
	var token string
	err := s.db.inTx(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT token FROM calendar_feeds WHERE member_id = $1`, memberID).Scan(&token)
		if err == nil && !reset {
			return nil
		} else if err != nil && err != sql.ErrNoRows {
			return err
		}
		token = randomHex(20)
		_, err = tx.ExecContext(ctx, `INSERT INTO calendar_feeds (member_id, token, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (member_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at`,
			memberID, token, tx.stamp)
		return err
	})
	return token, err
}

// CalendarMember returns the member whose feed the secret opens.
func (s *EventService) CalendarMember(ctx context.Context, token string) (int64, error) {
	var id int64
	err := s.db.read.QueryRowContext(ctx, `SELECT member_id FROM calendar_feeds WHERE token = $1`, token).Scan(&id)
	if err == sql.ErrNoRows || token == "" {
		return 0, rankfile.Errorf(rankfile.ENOTFOUND, "this calendar address is not, or no longer, in use")
	}
	return id, s.db.translate(err)
}
