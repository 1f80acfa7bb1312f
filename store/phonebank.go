package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/rankfile/rankfile"
)

// PhonebankService keeps phonebanks, their lists and callers (migration
// 00042). Handing calls out is in store/call.go.
type PhonebankService struct{ db *DB }

// NewPhonebankService returns the phonebank service of db.
func NewPhonebankService(db *DB) *PhonebankService { return &PhonebankService{db: db} }

var _ rankfile.PhonebankService = (*PhonebankService)(nil)

// CreatePhonebank stores a phonebank and its list in one transaction.
func (s *PhonebankService) CreatePhonebank(ctx context.Context, p *rankfile.Phonebank, calls []*rankfile.Call) error {
	if err := p.Validate(); err != nil {
		return err
	}
	filter, _ := json.Marshal(p.Filter)
	return s.db.inTx(ctx, func(tx *Tx) error {
		p.CreatedAt = tx.now
		if err := tx.QueryRowContext(ctx, `INSERT INTO phonebanks (body_id, campaign_id, event_id, name, source, filter,
			script, batch_size, retry_hours, max_tries, cooldown_days, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7,
			$8, $9, $10, $11, $12) RETURNING id`, p.BodyID, nullID(p.CampaignID), nullID(p.EventID), p.Name, p.Source,
			string(filter), p.Script, p.BatchSize, p.RetryHours, p.MaxTries, p.CooldownDays, tx.stamp).Scan(&p.ID); err != nil {
			return err
		}
		if _, err := tx.addCalls(ctx, p.ID, calls); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangePhonebank, 0, "started phonebank "+itoa(p.ID)+" of "+
			itoa(int64(len(calls)))+" calls: "+p.Name)
	})
}

// AddCalls tops a list up with the calls it does not hold yet.
func (s *PhonebankService) AddCalls(ctx context.Context, phonebankID int64, calls []*rankfile.Call) (int, error) {
	added := 0
	err := s.db.inTx(ctx, func(tx *Tx) (err error) {
		if added, err = tx.addCalls(ctx, phonebankID, calls); err != nil || added == 0 {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangePhonebank, 0, "added "+itoa(int64(added))+" calls to phonebank "+itoa(phonebankID))
	})
	return added, err
}

// addCalls inserts the calls a list lacks, by target or member.
func (tx *Tx) addCalls(ctx context.Context, phonebankID int64, calls []*rankfile.Call) (int, error) {
	added := 0
	for _, c := range calls {
		c.PhonebankID = phonebankID
		err := tx.QueryRowContext(ctx, `INSERT INTO calls (phonebank_id, target_id, member_id, name, phone)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`, phonebankID, nullID(c.TargetID),
			nullID(c.MemberID), c.Name, c.Phone).Scan(&c.ID)
		switch {
		case err == sql.ErrNoRows:
			continue
		case err != nil:
			return added, err
		}
		added++
	}
	return added, nil
}

const phonebankColumns = `id, body_id, COALESCE(campaign_id, 0), COALESCE(event_id, 0), name, source, filter, script,
	batch_size, retry_hours, max_tries, cooldown_days, created_at, closed_at`

// FindPhonebanks lists the phonebanks, newest first, or the one with id.
func (s *PhonebankService) FindPhonebanks(ctx context.Context, id int64) ([]*rankfile.Phonebank, error) {
	q, args := `SELECT `+phonebankColumns+` FROM phonebanks`, []any{}
	if id != 0 {
		q, args = q+` WHERE id = $1`, []any{id}
	}
	rows, err := s.db.read.QueryContext(ctx, q+` ORDER BY created_at DESC, id DESC`, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	out, err := scanPhonebanks(rows)
	if err == nil && id != 0 && len(out) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such phonebank")
	}
	return out, err
}

func scanPhonebanks(rows *sql.Rows) ([]*rankfile.Phonebank, error) {
	defer rows.Close()
	var out []*rankfile.Phonebank
	for rows.Next() {
		p := &rankfile.Phonebank{}
		var filter string
		var closed sql.NullTime
		if err := rows.Scan(&p.ID, &p.BodyID, &p.CampaignID, &p.EventID, &p.Name, &p.Source, &filter, &p.Script,
			&p.BatchSize, &p.RetryHours, &p.MaxTries, &p.CooldownDays, &p.CreatedAt, &closed); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(filter), &p.Filter); err != nil {
			return nil, err
		}
		p.ClosedAt = closed.Time
		out = append(out, p)
	}
	return out, rows.Err()
}

// ClosePhonebank closes a phonebank and lets go of the calls held.
func (s *PhonebankService) ClosePhonebank(ctx context.Context, id int64, at time.Time) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE phonebanks SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL`,
			tx.db.timeArg(at.UTC()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "no such phonebank, or it is closed already")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE calls SET claimed_by = NULL, claimed_until = NULL
			WHERE phonebank_id = $1`, id); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangePhonebank, 0, "closed phonebank "+itoa(id))
	})
}

// AddCaller puts a member on a phonebank's callers; once is enough.
func (s *PhonebankService) AddCaller(ctx context.Context, phonebankID, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO phonebank_callers (phonebank_id, member_id, added_at)
			VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, phonebankID, memberID, tx.stamp)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.audit(ctx, rankfile.AuditChangePhonebank, memberID, "added a caller to phonebank "+itoa(phonebankID))
	})
}

// Callers lists a phonebank's callers' member ids.
func (s *PhonebankService) Callers(ctx context.Context, phonebankID int64) ([]int64, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT member_id FROM phonebank_callers WHERE phonebank_id = $1
		ORDER BY added_at, member_id`, phonebankID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanIDs(rows)
}

// PhonebankProgress counts where a list stands now.
func (s *PhonebankService) PhonebankProgress(ctx context.Context, phonebankID int64) (*rankfile.PhonebankProgress, error) {
	now := s.db.timeArg(s.db.Now().UTC())
	p := &rankfile.PhonebankProgress{}
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN done THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN NOT done AND claimed_until > $2 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN NOT done AND next_at > $2 THEN 1 ELSE 0 END), 0),
		(SELECT COUNT(*) FROM phonebank_callers WHERE phonebank_id = $1)
		FROM calls WHERE phonebank_id = $1`, phonebankID, now).Scan(&p.Calls, &p.Done, &p.Claimed, &p.Waiting, &p.Callers)
	return p, s.db.translate(err)
}

// CalledSince returns the members and targets called since a time.
func (s *PhonebankService) CalledSince(ctx context.Context, since time.Time) (map[int64]bool, map[int64]bool, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT COALESCE(member_id, 0), COALESCE(target_id, 0) FROM attempts
		WHERE channel = 'phone' AND made_at >= $1`, s.db.timeArg(since.UTC()))
	if err != nil {
		return nil, nil, s.db.translate(err)
	}
	defer rows.Close()
	members, targets := map[int64]bool{}, map[int64]bool{}
	for rows.Next() {
		var m, t int64
		if err := rows.Scan(&m, &t); err != nil {
			return nil, nil, err
		}
		if m != 0 {
			members[m] = true
		}
		if t != 0 {
			targets[t] = true
		}
	}
	return members, targets, rows.Err()
}
