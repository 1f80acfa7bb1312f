package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// EditTurfDoors takes doors out of an open turf that is not out with a
// canvasser and puts its doors (old and added) in the order given, in one
// transaction: an added door of another campaign, or in another open
// turf, is refused and nothing changes.
func (s *TurfService) EditTurfDoors(ctx context.Context, turfID int64, remove, order []int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		t, err := tx.editableTurf(ctx, turfID)
		if err != nil {
			return err
		}
		for _, h := range remove {
			if _, err := tx.ExecContext(ctx, `DELETE FROM turf_doors WHERE turf_id = $1 AND household_id = $2`, turfID, h); err != nil {
				return err
			}
		}
		for i, h := range order {
			if err := tx.placeTurfDoor(ctx, t, h, i+1); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditChangeTurf, 0, "changed the doors of turf "+itoa(turfID)+": "+
			itoa(int64(len(order)))+" doors, "+itoa(int64(len(remove)))+" taken out")
	})
}

// TurfPoints returns where each turf's located doors are.
func (s *TurfService) TurfPoints(ctx context.Context, campaignID int64) (map[int64][]rankfile.Point, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT d.turf_id, h.lat, h.lon FROM turf_doors d
		JOIN turfs t ON t.id = d.turf_id JOIN households h ON h.id = d.household_id
		WHERE t.campaign_id = $1 AND h.lat IS NOT NULL ORDER BY d.turf_id, d.position`, campaignID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := map[int64][]rankfile.Point{}
	for rows.Next() {
		var id int64
		var p rankfile.Point
		if err := rows.Scan(&id, &p.Lat, &p.Lon); err != nil {
			return nil, err
		}
		out[id] = append(out[id], p)
	}
	return out, rows.Err()
}

// editableTurf reads a turf whose doors may change: open, and not out.
func (tx *Tx) editableTurf(ctx context.Context, id int64) (*rankfile.Turf, error) {
	t := &rankfile.Turf{ID: id}
	var holder int64
	var until sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT campaign_id, open, COALESCE(canvasser_id, 0), until FROM turfs WHERE id = $1`,
		id).Scan(&t.CampaignID, &t.Open, &holder, &until)
	switch {
	case err == sql.ErrNoRows:
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such turf")
	case err != nil:
		return nil, err
	case !t.Open:
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the turf is closed")
	case holder != 0 && until.Valid && tx.now.Before(until.Time):
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the turf is out with a canvasser: take it back before changing its doors")
	}
	return t, nil
}

// placeTurfDoor moves a door of the turf to a position, or adds it there.
func (tx *Tx) placeTurfDoor(ctx context.Context, t *rankfile.Turf, householdID int64, position int) error {
	res, err := tx.ExecContext(ctx, `UPDATE turf_doors SET position = $1 WHERE turf_id = $2 AND household_id = $3`,
		position, t.ID, householdID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	return tx.addTurfDoor(ctx, t, householdID, position)
}
