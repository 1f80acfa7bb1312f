package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// CampaignService keeps the field program's campaigns, their households
// and targets, and the do-not-contact list (migration 00037).
type CampaignService struct{ db *DB }

// NewCampaignService returns the campaign service of db.
func NewCampaignService(db *DB) *CampaignService { return &CampaignService{db: db} }

var _ rankfile.CampaignService = (*CampaignService)(nil)

// CreateCampaign stores a new campaign (of a body the app has checked is
// active; the foreign key refuses one that does not exist).
func (s *CampaignService) CreateCampaign(ctx context.Context, c *rankfile.Campaign) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error { return tx.insertCampaign(ctx, c) })
}

// insertCampaign stores the validated campaign c inside tx, with its
// audit entry.
func (tx *Tx) insertCampaign(ctx context.Context, c *rankfile.Campaign) error {
	c.CreatedAt = tx.now
	if err := tx.QueryRowContext(ctx, `INSERT INTO campaigns (body_id, name, kind, description, retention_months,
		created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, c.BodyID, c.Name, c.Kind, c.Description,
		c.RetentionMonths, tx.stamp).Scan(&c.ID); err != nil {
		return err
	}
	return tx.audit(ctx, rankfile.AuditChangeCampaign, 0, "created campaign "+itoa(c.ID)+": "+c.Name)
}

// FindCampaigns lists the campaigns, newest first, or the one with id.
func (s *CampaignService) FindCampaigns(ctx context.Context, id int64) ([]*rankfile.Campaign, error) {
	q := `SELECT id, body_id, name, kind, description, retention_months, created_at, closed_at FROM campaigns`
	var args []any
	if id != 0 {
		q, args = q+` WHERE id = $1`, []any{id}
	}
	rows, err := s.db.read.QueryContext(ctx, q+` ORDER BY created_at DESC, id DESC`, args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Campaign
	for rows.Next() {
		c := &rankfile.Campaign{}
		var closed sql.NullTime
		if err := rows.Scan(&c.ID, &c.BodyID, &c.Name, &c.Kind, &c.Description, &c.RetentionMonths, &c.CreatedAt,
			&closed); err != nil {
			return nil, err
		}
		c.ClosedAt = closed.Time
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if id != 0 && len(out) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such campaign")
	}
	return out, nil
}

// Households lists a campaign's households by street and number.
func (s *CampaignService) Households(ctx context.Context, campaignID int64) ([]*rankfile.Household, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+householdColumns+` FROM households WHERE campaign_id = $1
		ORDER BY street, number, unit, id`, campaignID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanHouseholds(rows)
}

const householdColumns = `id, campaign_id, number, street, unit, city, state, zip, lat, lon`

func scanHouseholds(rows *sql.Rows) ([]*rankfile.Household, error) {
	defer rows.Close()
	var out []*rankfile.Household
	for rows.Next() {
		h := &rankfile.Household{}
		if err := scanHousehold(rows, h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// scanHousehold reads householdColumns, after any columns of before.
func scanHousehold(rows *sql.Rows, h *rankfile.Household, before ...any) error {
	a := &h.Address
	var lat, lon sql.NullFloat64
	if err := rows.Scan(append(before, &h.ID, &h.CampaignID, &a.Number, &a.Street, &a.Unit, &a.City, &a.State, &a.Zip,
		&lat, &lon)...); err != nil {
		return err
	}
	if lat.Valid && lon.Valid {
		h.Point = &rankfile.Point{Lat: lat.Float64, Lon: lon.Float64}
	}
	return nil
}

// AddDoNotContact puts an entry on the list and marks the targets it
// matches in every campaign.
func (s *CampaignService) AddDoNotContact(ctx context.Context, e *rankfile.DoNotContactEntry) error {
	if err := e.Normalize(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		e.AddedAt = tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO do_not_contact (kind, value, reason, added_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT (kind, value) DO UPDATE SET reason = excluded.reason`,
			e.Kind, e.Value, e.Reason, tx.stamp); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE targets SET do_not_contact = TRUE WHERE `+dncMatch[e.Kind], e.Value); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditDoNotContact, 0, e.Kind)
	})
}

// dncMatch finds the targets an entry of each kind matches.
var dncMatch = map[string]string{
	rankfile.DoNotContactPhone:   `phone = $1`,
	rankfile.DoNotContactEmail:   `email = $1`,
	rankfile.DoNotContactAddress: `household_id IN (SELECT id FROM households WHERE upper(number || '|' || street || '|' || unit) = $1)`,
}

// PurgeTargets deletes, in every campaign that keeps its targets for a
// number of months, those not heard from in that long (counted from when
// they were imported if never) who did not ask to stay in touch. Their
// attempts stay for the campaign's counts, without who answered, the
// notes or the answers.
func (s *CampaignService) PurgeTargets(ctx context.Context, today rankfile.Date) (int, error) {
	campaigns, err := s.FindCampaigns(ctx, 0)
	if err != nil {
		return 0, err
	}
	purged := 0
	for _, c := range campaigns {
		if c.RetentionMonths == 0 {
			continue
		}
		n, err := s.purgeCampaign(ctx, c, today.AddMonths(-c.RetentionMonths))
		if err != nil {
			return purged, err
		}
		purged += n
	}
	return purged, nil
}

// purgeCampaign deletes a campaign's targets last heard from before the
// cutoff.
func (s *CampaignService) purgeCampaign(ctx context.Context, c *rankfile.Campaign, cutoff rankfile.Date) (int, error) {
	var n int64
	err := s.db.inTx(ctx, func(tx *Tx) error {
		stale := `SELECT id FROM targets WHERE campaign_id = $1 AND NOT keep_in_touch AND
			(last_heard_on < $2 OR (last_heard_on IS NULL AND created_at < $3))`
		args := []any{c.ID, cutoff, tx.db.timeArg(cutoff.Time(tx.db.Zone).UTC())}
		if _, err := tx.ExecContext(ctx, `UPDATE attempts SET target_id = NULL, call_id = NULL, notes = '', answers = '{}'
			WHERE target_id IN (`+stale+`)`, args...); err != nil {
			return err
		}
		// A purged target's lines on phonebanks' lists go too: they hold
		// the name and number.
		if _, err := tx.ExecContext(ctx, `DELETE FROM calls WHERE target_id IN (`+stale+`)`, args...); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM targets WHERE id IN (`+stale+`)`, args...)
		if err != nil {
			return err
		}
		if n, _ = res.RowsAffected(); n == 0 {
			return nil
		}
		return tx.audit(ctx, rankfile.AuditPurgeTargets, 0, "campaign "+itoa(c.ID)+": "+itoa(n)+" not heard from since "+cutoff.String())
	})
	return int(n), err
}

// UnlocatedHouseholds lists households without coordinates not yet missed.
func (s *CampaignService) UnlocatedHouseholds(ctx context.Context, campaignID int64, limit int) ([]*rankfile.Household, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+householdColumns+` FROM households WHERE campaign_id = $1
		AND lat IS NULL AND NOT geocode_missed ORDER BY id LIMIT $2`, campaignID, limit)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanHouseholds(rows)
}

// LocateHousehold stores a household's coordinates, or that it was missed.
func (s *CampaignService) LocateHousehold(ctx context.Context, householdID int64, p *rankfile.Point) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if p == nil {
			_, err := tx.ExecContext(ctx, `UPDATE households SET geocode_missed = TRUE WHERE id = $1`, householdID)
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE households SET lat = $1, lon = $2, geocode_missed = FALSE WHERE id = $3`,
			p.Lat, p.Lon, householdID)
		return err
	})
}

// UpdateCampaign stores a campaign's name, kind, description, retention
// and closing.
func (s *CampaignService) UpdateCampaign(ctx context.Context, c *rankfile.Campaign) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		var closed any
		if c.Closed() {
			closed = tx.db.timeArg(c.ClosedAt.UTC())
		}
		res, err := tx.ExecContext(ctx, `UPDATE campaigns SET name = $1, kind = $2, description = $3,
			retention_months = $4, closed_at = $5 WHERE id = $6`, c.Name, c.Kind, c.Description, c.RetentionMonths, closed, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such campaign")
		}
		return tx.audit(ctx, rankfile.AuditChangeCampaign, 0, "changed campaign "+itoa(c.ID)+": "+c.Name)
	})
}

// CampaignCounts counts a campaign's targets and doors.
func (s *CampaignService) CampaignCounts(ctx context.Context, campaignID int64) (*rankfile.CampaignCounts, error) {
	n := &rankfile.CampaignCounts{}
	err := s.db.read.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM targets WHERE campaign_id = $1),
		(SELECT COUNT(*) FROM targets WHERE campaign_id = $1 AND member_id IS NOT NULL),
		(SELECT COUNT(*) FROM households WHERE campaign_id = $1),
		(SELECT COUNT(*) FROM households WHERE campaign_id = $1 AND lat IS NOT NULL),
		(SELECT COUNT(*) FROM households WHERE campaign_id = $1 AND geocode_missed)`, campaignID).
		Scan(&n.Targets, &n.Members, &n.Households, &n.Located, &n.Missed)
	return n, s.db.translate(err)
}

// DoNotContactList lists the do-not-contact list, newest first.
func (s *CampaignService) DoNotContactList(ctx context.Context) ([]*rankfile.DoNotContactEntry, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT kind, value, reason, added_at FROM do_not_contact
		ORDER BY added_at DESC, kind, value`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.DoNotContactEntry
	for rows.Next() {
		e := &rankfile.DoNotContactEntry{}
		if err := rows.Scan(&e.Kind, &e.Value, &e.Reason, &e.AddedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
