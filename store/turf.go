package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// TurfService keeps campaigns' turfs (migration 00038).
type TurfService struct{ db *DB }

// NewTurfService returns the turf service of db.
func NewTurfService(db *DB) *TurfService { return &TurfService{db: db} }

var _ rankfile.TurfService = (*TurfService)(nil)

// CreateTurfs stores new open turfs, all or none.
func (s *TurfService) CreateTurfs(ctx context.Context, campaignID int64, turfs []rankfile.NewTurf) ([]*rankfile.Turf, error) {
	var out []*rankfile.Turf
	err := s.db.inTx(ctx, func(tx *Tx) error {
		out = nil
		for _, nt := range turfs {
			t, err := tx.createTurf(ctx, campaignID, nt)
			if err != nil {
				return err
			}
			out = append(out, t)
		}
		return tx.audit(ctx, rankfile.AuditChangeTurf, 0, "cut "+itoa(int64(len(turfs)))+" turfs of campaign "+itoa(campaignID))
	})
	return out, err
}

func (tx *Tx) createTurf(ctx context.Context, campaignID int64, nt rankfile.NewTurf) (*rankfile.Turf, error) {
	t := &rankfile.Turf{CampaignID: campaignID, Name: nt.Name, Open: true, Doors: len(nt.HouseholdIDs), CreatedAt: tx.now}
	if err := tx.QueryRowContext(ctx, `INSERT INTO turfs (campaign_id, name, created_at) VALUES ($1, $2, $3)
		RETURNING id`, campaignID, nt.Name, tx.stamp).Scan(&t.ID); err != nil {
		return nil, err
	}
	for i, h := range nt.HouseholdIDs {
		if err := tx.addTurfDoor(ctx, t, h, i+1); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// addTurfDoor puts a door in a turf, refusing a door of another campaign
// or in another open turf.
func (tx *Tx) addTurfDoor(ctx context.Context, t *rankfile.Turf, householdID int64, position int) error {
	var campaignID int64
	var inTurf sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT h.campaign_id, (SELECT t.name FROM turf_doors d JOIN turfs t ON t.id = d.turf_id
		WHERE d.household_id = h.id AND d.open) FROM households h WHERE h.id = $1`, householdID).Scan(&campaignID, &inTurf)
	switch {
	case err == sql.ErrNoRows || (err == nil && campaignID != t.CampaignID):
		return rankfile.Errorf(rankfile.ECONFLICT, "door %d is not one of the campaign's", householdID)
	case err != nil:
		return err
	case inTurf.Valid:
		return rankfile.Errorf(rankfile.ECONFLICT, "door %d is in the open turf %q already", householdID, inTurf.String)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO turf_doors (turf_id, household_id, position) VALUES ($1, $2, $3)`,
		t.ID, householdID, position)
	return err
}

const turfColumns = `t.id, t.campaign_id, t.name, t.open, t.created_at, COALESCE(t.canvasser_id, 0),
	COALESCE(t.partner_id, 0), t.until, (SELECT COUNT(*) FROM turf_doors d WHERE d.turf_id = t.id),
	(SELECT COUNT(*) FROM turf_checkouts c WHERE c.turf_id = t.id)`

func scanTurfs(rows *sql.Rows) ([]*rankfile.Turf, error) {
	defer rows.Close()
	var out []*rankfile.Turf
	for rows.Next() {
		t := &rankfile.Turf{}
		var until sql.NullTime
		if err := rows.Scan(&t.ID, &t.CampaignID, &t.Name, &t.Open, &t.CreatedAt, &t.CanvasserID, &t.PartnerID,
			&until, &t.Doors, &t.Checkouts); err != nil {
			return nil, err
		}
		t.Until = until.Time
		out = append(out, t)
	}
	return out, rows.Err()
}

// Turfs lists a campaign's turfs, open ones first, by name.
func (s *TurfService) Turfs(ctx context.Context, campaignID int64) ([]*rankfile.Turf, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+turfColumns+` FROM turfs t WHERE t.campaign_id = $1
		ORDER BY t.open DESC, t.id`, campaignID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanTurfs(rows)
}

// FindTurf returns one turf.
func (s *TurfService) FindTurf(ctx context.Context, id int64) (*rankfile.Turf, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+turfColumns+` FROM turfs t WHERE t.id = $1`, id)
	if err != nil {
		return nil, s.db.translate(err)
	}
	found, err := scanTurfs(rows)
	if err == nil && len(found) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such turf")
	}
	if err != nil {
		return nil, err
	}
	return found[0], nil
}

// TurfDoors lists a turf's doors in walking order.
func (s *TurfService) TurfDoors(ctx context.Context, turfID int64) ([]*rankfile.TurfDoor, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT d.position, h.id, h.campaign_id, h.number, h.street, h.unit,
		h.city, h.state, h.zip, h.lat, h.lon FROM turf_doors d JOIN households h ON h.id = d.household_id
		WHERE d.turf_id = $1 ORDER BY d.position`, turfID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.TurfDoor
	for rows.Next() {
		d := &rankfile.TurfDoor{}
		if err := scanHousehold(rows, &d.Household, &d.Position); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// UncutDoors lists the campaign's households in no open turf.
func (s *TurfService) UncutDoors(ctx context.Context, campaignID int64) ([]*rankfile.Household, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+householdColumns+` FROM households h WHERE campaign_id = $1
		AND NOT EXISTS (SELECT 1 FROM turf_doors d WHERE d.household_id = h.id AND d.open) ORDER BY street, number, unit, id`,
		campaignID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanHouseholds(rows)
}

// CloseTurf closes a turf and frees its doors.
func (s *TurfService) CloseTurf(ctx context.Context, id int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := turfFound(tx.ExecContext(ctx, `UPDATE turfs SET open = FALSE, `+endHold+` WHERE id = $1`, id, tx.stamp)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE turf_doors SET open = FALSE WHERE turf_id = $1`, id); err != nil {
			return err
		}
		if err := tx.endCheckout(ctx, id); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeTurf, 0, "closed turf "+itoa(id))
	})
}

// CheckOutTurf gives an open turf to a canvasser and a partner until a
// time, unless it is out with someone else.
func (s *TurfService) CheckOutTurf(ctx context.Context, id, canvasserID, partnerID int64, until time.Time) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		var open bool
		var holder int64
		var held sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT open, COALESCE(canvasser_id, 0), until FROM turfs WHERE id = $1`, id).Scan(&open, &holder, &held)
		switch {
		case err == sql.ErrNoRows:
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such turf")
		case err != nil:
			return err
		case !open:
			return rankfile.Errorf(rankfile.ECONFLICT, "the turf is closed")
		case holder != 0 && holder != canvasserID && held.Valid && tx.now.Before(held.Time):
			return rankfile.Errorf(rankfile.ECONFLICT, "the turf is out with another canvasser until %s", held.Time.In(tx.db.Zone).Format("Jan 2 15:04"))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE turfs SET canvasser_id = $1, partner_id = $2, until = $3 WHERE id = $4`,
			canvasserID, nullID(partnerID), tx.db.timeArg(until.UTC()), id); err != nil {
			return err
		}
		if err := tx.recordCheckout(ctx, id, canvasserID, partnerID, until); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeTurf, canvasserID, "checked out turf "+itoa(id))
	})
}

// ReturnTurf takes a turf back before its time is up.
func (s *TurfService) ReturnTurf(ctx context.Context, id int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := turfFound(tx.ExecContext(ctx, `UPDATE turfs SET `+endHold+` WHERE id = $1`, id, tx.stamp)); err != nil {
			return err
		}
		if err := tx.endCheckout(ctx, id); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeTurf, 0, "returned turf "+itoa(id))
	})
}

// endHold ends a turf's hold now ($2) but keeps who held it: a phone that
// was offline when the turf came back (returned early, or closed) still
// sends the knocks it holds (rankfile.Actor.WalkedTurf), and the turf is
// no longer out (Turf.CheckedOut).
const endHold = `until = CASE WHEN until IS NOT NULL AND until > $2 THEN $2 ELSE until END`

// turfFound turns an update of no turf into ENOTFOUND.
func turfFound(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such turf")
	}
	return nil
}
