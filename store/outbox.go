package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// OutboxService keeps the notices of emails owed and their sending
// (migration 00015).
type OutboxService struct{ db *DB }

// NewOutboxService returns the outbox of db.
func NewOutboxService(db *DB) *OutboxService { return &OutboxService{db: db} }

var _ rankfile.OutboxService = (*OutboxService)(nil)

// notify queues a notice inside tx, to be sent now.
func (tx *Tx) notify(ctx context.Context, n *rankfile.Notice) error {
	n.State, n.NextAt, n.CreatedAt = rankfile.NoticePending, tx.now, tx.now
	return tx.QueryRowContext(ctx, `INSERT INTO outbox (kind, event_id, registration_id, member_id, contact_id,
		weekly_id, state, next_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $7) RETURNING id`,
		string(n.Kind), nullID(n.EventID), nullID(n.RegistrationID), nullID(n.MemberID), nullID(n.ContactID),
		nullID(n.WeeklyID), tx.stamp).Scan(&n.ID)
}

// Claim holds notices a dead sender left being sent, then marks the
// oldest due ones as being sent and returns them, those someone waits for
// first: a confirmation goes before the thousands of copies of a weekly
// email or an election's or proposal's mailing queued ahead of it. On PostgreSQL, senders in other processes
// skip the rows one has claimed.
func (s *OutboxService) Claim(ctx context.Context, limit int, leaseStart time.Time) ([]*rankfile.Notice, error) {
	var out []*rankfile.Notice
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'held', last_error = $1
			WHERE state = 'sending' AND claimed_at < $2`, interrupted, s.db.timeArg(leaseStart.UTC())); err != nil {
			return err
		}
		q := `SELECT ` + noticeColumns + ` FROM outbox WHERE state = 'pending' AND next_at <= $1
			ORDER BY CASE WHEN kind = 'weekly' OR election_id IS NOT NULL OR proposal_id IS NOT NULL THEN 1 ELSE 0 END, next_at, id LIMIT $2`
		if s.db.dialect == Postgres {
			q += ` FOR UPDATE SKIP LOCKED`
		}
		var err error
		if out, err = tx.notices(ctx, q, tx.stamp, limit); err != nil {
			return err
		}
		ids := make([]int64, len(out))
		for i, n := range out {
			n.State, n.Attempts, ids[i] = rankfile.NoticeSending, n.Attempts+1, n.ID
		}
		return tx.updateIDs(ctx, ids, `UPDATE outbox SET state = 'sending', claimed_at = $1, attempts = attempts + 1
			WHERE id IN (%s)`, tx.stamp)
	})
	return out, err
}

// interrupted is why a notice is held.
const interrupted = "interrupted while being sent: it may or may not have gone out"

const noticeColumns = `id, kind, COALESCE(event_id, 0), COALESCE(registration_id, 0), COALESCE(member_id, 0),
	COALESCE(contact_id, 0), COALESCE(weekly_id, 0), state, attempts, next_at, last_error, created_at, sent_at,
	COALESCE(position_id, 0), COALESCE(meeting_id, 0), COALESCE(election_id, 0), COALESCE(proposal_id, 0)`

func (tx *Tx) notices(ctx context.Context, query string, args ...any) ([]*rankfile.Notice, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanNotices(rows)
}

func scanNotices(rows *sql.Rows) ([]*rankfile.Notice, error) {
	defer rows.Close()
	var out []*rankfile.Notice
	for rows.Next() {
		n := &rankfile.Notice{}
		var sent sql.NullTime
		if err := rows.Scan(&n.ID, &n.Kind, &n.EventID, &n.RegistrationID, &n.MemberID, &n.ContactID, &n.WeeklyID,
			&n.State, &n.Attempts, &n.NextAt, &n.LastError, &n.CreatedAt, &sent, &n.PositionID, &n.MeetingID, &n.ElectionID, &n.ProposalID); err != nil {
			return nil, err
		}
		n.SentAt = sent.Time
		out = append(out, n)
	}
	return out, rows.Err()
}

// Sent records a notice sent.
func (s *OutboxService) Sent(ctx context.Context, id int64) error {
	return s.set(ctx, `state = 'sent', sent_at = $1, last_error = ''`, id)
}

// Failed records a failed attempt, to be tried again at retryAt, or never
// when it is zero.
func (s *OutboxService) Failed(ctx context.Context, id int64, reason string, retryAt time.Time) error {
	if retryAt.IsZero() {
		return s.set(ctx, `state = 'failed', last_error = $2`, id, reason)
	}
	return s.set(ctx, `state = 'pending', last_error = $2, next_at = $3`, id, reason, s.db.timeArg(retryAt.UTC()))
}

// Drop records a notice no longer worth sending.
func (s *OutboxService) Drop(ctx context.Context, id int64, reason string) error {
	return s.set(ctx, `state = 'dropped', last_error = $2`, id, reason)
}

// Release puts a held or failed notice back to be sent now.
func (s *OutboxService) Release(ctx context.Context, id int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET state = 'pending', next_at = $1, attempts = 0
			WHERE id = $2 AND state IN ('held', 'failed')`, tx.stamp, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "only a held or failed email can be sent again")
		}
		return nil
	})
}

// set updates one notice and the time it changed; $1 is that time, then
// args.
func (s *OutboxService) set(ctx context.Context, assignments string, id int64, args ...any) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		all := append([]any{tx.stamp}, args...)
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET changed_at = $1, `+assignments+` WHERE id = $`+itoa(int64(len(all)+1)),
			append(all, id)...)
		return err
	})
}

// Counts counts notices by state.
func (s *OutboxService) Counts(ctx context.Context) (rankfile.OutboxCounts, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT state, COUNT(*) FROM outbox GROUP BY state`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := rankfile.OutboxCounts{}
	for rows.Next() {
		var state rankfile.NoticeState
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, err
		}
		out[state] = n
	}
	return out, rows.Err()
}

// FindNotices lists notices in the states given, newest first.
func (s *OutboxService) FindNotices(ctx context.Context, states []rankfile.NoticeState, limit int) ([]*rankfile.Notice, error) {
	c := &where{}
	addIn(c, "state", states)
	c.args = append(c.args, limit)
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+noticeColumns+` FROM outbox`+c.sql()+
		` ORDER BY id DESC LIMIT $`+itoa(int64(len(c.args))), c.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanNotices(rows)
}
