package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// WeeklyService keeps the weekly emails and their events (migration
// 00016). Who turned the email off and the unsubscribe links are in
// weekly_unsubscribe.go.
type WeeklyService struct{ db *DB }

// NewWeeklyService returns the weekly email service of db.
func NewWeeklyService(db *DB) *WeeklyService { return &WeeklyService{db: db} }

var _ rankfile.WeeklyService = (*WeeklyService)(nil)

// CreateWeekly stores a new draft with its events and those left out.
func (s *WeeklyService) CreateWeekly(ctx context.Context, w *rankfile.WeeklyEmail) error {
	if err := w.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM weekly_emails WHERE week_of = $1`, w.WeekOf).Scan(&taken); err != nil {
			return err
		} else if taken > 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "the week of %s has its weekly email already", w.WeekOf)
		}
		w.State, w.CreatedAt, w.UpdatedAt, w.UpdatedBy = rankfile.WeeklyDraft, tx.now, tx.now, rankfile.ActorFrom(ctx).Name()
		if err := tx.QueryRowContext(ctx, `INSERT INTO weekly_emails (week_of, subject, intro, intro_es, state, created_at,
			updated_at, updated_by) VALUES ($1, $2, $3, $4, 'draft', $5, $5, $6) RETURNING id`,
			w.WeekOf, w.Subject, w.Intro, w.IntroES, tx.stamp, w.UpdatedBy).Scan(&w.ID); err != nil {
			return err
		}
		if err := tx.replaceWeeklyEvents(ctx, w.ID, w.EventIDs); err != nil {
			return err
		}
		return tx.excludeWeeklyEvents(ctx, w.ID, w.Excluded)
	})
}

const weeklyColumns = `id, week_of, subject, intro, intro_es, state, created_at, updated_at, updated_by, sent_at, sent_by, recipients`

// FindWeeklies returns weekly emails, the latest week first, each with
// its events.
func (s *WeeklyService) FindWeeklies(ctx context.Context, f rankfile.WeeklyFilter) ([]*rankfile.WeeklyEmail, error) {
	c := &where{}
	if f.ID != 0 {
		c.add("id = $%d", f.ID)
	}
	if !f.WeekOf.IsZero() {
		c.add("week_of = $%d", f.WeekOf)
	}
	q := `SELECT ` + weeklyColumns + ` FROM weekly_emails` + c.sql() + ` ORDER BY week_of DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + itoa(int64(f.Limit))
	}
	rows, err := s.db.read.QueryContext(ctx, q, c.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	out, err := scanWeeklies(rows)
	if err != nil || len(out) == 0 {
		return out, err
	}
	return out, s.readWeeklyEvents(ctx, out)
}

func scanWeeklies(rows *sql.Rows) ([]*rankfile.WeeklyEmail, error) {
	defer rows.Close()
	var out []*rankfile.WeeklyEmail
	for rows.Next() {
		w := &rankfile.WeeklyEmail{EventIDs: []int64{}, Excluded: []int64{}}
		var sent sql.NullTime
		if err := rows.Scan(&w.ID, &w.WeekOf, &w.Subject, &w.Intro, &w.IntroES, &w.State, &w.CreatedAt, &w.UpdatedAt,
			&w.UpdatedBy, &sent, &w.SentBy, &w.Recipients); err != nil {
			return nil, err
		}
		w.SentAt = sent.Time
		out = append(out, w)
	}
	return out, rows.Err()
}

// readWeeklyEvents fills in the weekly emails' events, in id order.
func (s *WeeklyService) readWeeklyEvents(ctx context.Context, weeklies []*rankfile.WeeklyEmail) error {
	byID := make(map[int64]*rankfile.WeeklyEmail, len(weeklies))
	for _, w := range weeklies {
		byID[w.ID] = w
	}
	ids := keyArgs(byID)
	rows, err := s.db.read.QueryContext(ctx, `SELECT weekly_id, event_id, excluded FROM weekly_events
		WHERE weekly_id IN (`+placeholders(1, len(ids))+`) ORDER BY weekly_id, event_id`, ids...)
	if err != nil {
		return s.db.translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var weekly, event int64
		var excluded bool
		if err := rows.Scan(&weekly, &event, &excluded); err != nil {
			return err
		}
		w := byID[weekly]
		w.EventIDs = append(w.EventIDs, event)
		if excluded {
			w.Excluded = append(w.Excluded, event)
		}
	}
	return rows.Err()
}

// findWeekly returns one weekly email, ENOTFOUND if none.
func (s *WeeklyService) findWeekly(ctx context.Context, id int64) (*rankfile.WeeklyEmail, error) {
	found, err := s.FindWeeklies(ctx, rankfile.WeeklyFilter{ID: id})
	if err != nil {
		return nil, err
	} else if len(found) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such weekly email")
	}
	return found[0], nil
}

// UpdateWeekly changes a draft: its words, the events left out, and (when
// drafting again) its events.
func (s *WeeklyService) UpdateWeekly(ctx context.Context, id int64, upd rankfile.WeeklyUpdate) (*rankfile.WeeklyEmail, error) {
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.lockDraft(ctx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE weekly_emails SET subject = COALESCE($1, subject),
			intro = COALESCE($2, intro), intro_es = COALESCE($3, intro_es), updated_at = $4, updated_by = $5 WHERE id = $6`,
			ptrArg(upd.Subject), ptrArg(upd.Intro), ptrArg(upd.IntroES), tx.stamp, rankfile.ActorFrom(ctx).Name(), id); err != nil {
			return err
		}
		if upd.EventIDs != nil {
			if err := tx.replaceWeeklyEvents(ctx, id, *upd.EventIDs); err != nil {
				return err
			}
		}
		if upd.Excluded != nil {
			return tx.excludeWeeklyEvents(ctx, id, *upd.Excluded)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.findWeekly(ctx, id)
}

// lockDraft reads a weekly email's week inside tx, holding its row on
// PostgreSQL until the transaction ends (SQLite's writers take turns
// anyway), so that an edit and a send cannot cross. ENOTFOUND, and
// ECONFLICT once it is sent.
func (tx *Tx) lockDraft(ctx context.Context, id int64) (rankfile.Date, error) {
	q := `SELECT week_of, state FROM weekly_emails WHERE id = $1`
	if tx.db.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var week rankfile.Date
	var state rankfile.WeeklyState
	err := tx.QueryRowContext(ctx, q, id).Scan(&week, &state)
	switch {
	case err == sql.ErrNoRows:
		return week, rankfile.Errorf(rankfile.ENOTFOUND, "no such weekly email")
	case err != nil:
		return week, err
	case state != rankfile.WeeklyDraft:
		return week, rankfile.Errorf(rankfile.ECONFLICT, "the weekly email of the week of %s was sent already", week)
	}
	return week, nil
}

// replaceWeeklyEvents makes the weekly email's events those given: rows
// of events gone are deleted, new ones added, and those that stay keep
// whether the editor left them out.
func (tx *Tx) replaceWeeklyEvents(ctx context.Context, weeklyID int64, eventIDs []int64) error {
	current, err := tx.weeklyEventIDs(ctx, weeklyID)
	if err != nil {
		return err
	}
	for _, id := range current {
		if !slices.Contains(eventIDs, id) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM weekly_events WHERE weekly_id = $1 AND event_id = $2`, weeklyID, id); err != nil {
				return err
			}
		}
	}
	for _, id := range eventIDs {
		if !slices.Contains(current, id) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO weekly_events (weekly_id, event_id) VALUES ($1, $2)`, weeklyID, id); err != nil {
				return err
			}
		}
	}
	return nil
}

func (tx *Tx) weeklyEventIDs(ctx context.Context, weeklyID int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT event_id FROM weekly_events WHERE weekly_id = $1`, weeklyID)
	if err != nil {
		return nil, err
	}
	return scanIDs(rows)
}

// excludeWeeklyEvents leaves out exactly the events given; ids that are
// not the weekly email's events change nothing.
func (tx *Tx) excludeWeeklyEvents(ctx context.Context, weeklyID int64, excluded []int64) error {
	q := `UPDATE weekly_events SET excluded = FALSE WHERE weekly_id = $1`
	args := []any{weeklyID}
	if len(excluded) > 0 {
		q = `UPDATE weekly_events SET excluded = (event_id IN (` + placeholders(2, len(excluded)) + `)) WHERE weekly_id = $1`
		for _, id := range excluded {
			args = append(args, id)
		}
	}
	_, err := tx.ExecContext(ctx, q, args...)
	return err
}

// SendWeekly marks a draft sent and queues its notices, one a recipient,
// in one transaction: the email is sent to all of them or to none.
func (s *WeeklyService) SendWeekly(ctx context.Context, id int64, recipients []int64) (*rankfile.WeeklyEmail, error) {
	err := s.db.inTx(ctx, func(tx *Tx) error {
		week, err := tx.lockDraft(ctx, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE weekly_emails SET state = 'sent', sent_at = $1, sent_by = $2,
			recipients = $3 WHERE id = $4`, tx.stamp, rankfile.ActorFrom(ctx).Name(), len(recipients), id); err != nil {
			return err
		}
		if err := tx.queueWeekly(ctx, id, recipients); err != nil {
			return err
		}
		if err := tx.forgetOldUnsubscribeLinks(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditSendWeekly, 0, sprintf("week of %s, %d recipients", week, len(recipients)))
	})
	if err != nil {
		return nil, err
	}
	return s.findWeekly(ctx, id)
}

// queueWeekly queues the weekly email's notices, many rows a statement:
// a chapter's every member is thousands of them.
func (tx *Tx) queueWeekly(ctx context.Context, weeklyID int64, members []int64) error {
	for len(members) > 0 {
		chunk := members[:min(len(members), idChunk)]
		members = members[len(chunk):]
		args := []any{weeklyID, tx.stamp}
		values := make([]string, len(chunk))
		for i, m := range chunk {
			args = append(args, m)
			values[i] = "('" + string(rankfile.NoticeWeekly) + "', $" + itoa(int64(i+3)) + ", $1, 'pending', $2, $2)"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (kind, member_id, weekly_id, state, next_at, created_at)
			VALUES `+strings.Join(values, ", "), args...); err != nil {
			return err
		}
	}
	return nil
}
