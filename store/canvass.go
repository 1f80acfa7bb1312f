package store

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// What a canvasser's phone needs of a turf (canvass.go): the turfs out
// with them, the people at its doors, and the people they meet there.

// CanvasserTurfs lists the turfs last checked out to a member whose time
// ends after since.
func (s *TurfService) CanvasserTurfs(ctx context.Context, memberID int64, since time.Time) ([]*rankfile.Turf, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+turfColumns+` FROM turfs t
		WHERE (t.canvasser_id = $1 OR t.partner_id = $1) AND t.until > $2 ORDER BY t.until DESC, t.id`,
		memberID, s.db.timeArg(since.UTC()))
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanTurfs(rows)
}

// TurfTargets lists the targets living at a turf's doors.
func (s *TurfService) TurfTargets(ctx context.Context, turfID int64) ([]*rankfile.Target, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+targetColumns+` FROM targets WHERE household_id IN
		(SELECT household_id FROM turf_doors WHERE turf_id = $1) ORDER BY household_id, last_name, first_name, id`, turfID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanTargets(rows)
}

// addPersonMet makes the person an attempt met at the door a target of
// the campaign in the door's household, and names them as who answered.
func (tx *Tx) addPersonMet(ctx context.Context, a *rankfile.Attempt) error {
	if a.Met == nil {
		return nil
	}
	if err := tx.QueryRowContext(ctx, `INSERT INTO targets (campaign_id, household_id, first_name, last_name, phone,
		email, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, a.CampaignID, a.HouseholdID, a.Met.FirstName,
		a.Met.LastName, a.Met.Phone, a.Met.Email, tx.stamp).Scan(&a.TargetID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE attempts SET target_id = $1 WHERE id = $2`, a.TargetID, a.ID)
	return err
}
