package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// ShiftService links canvass and phonebank events to the field work
// handed out at their check-in (migration 00042).
type ShiftService struct{ db *DB }

// NewShiftService returns the shift service of db.
func NewShiftService(db *DB) *ShiftService { return &ShiftService{db: db} }

var _ rankfile.ShiftService = (*ShiftService)(nil)

// SetCanvassCampaign links a canvass event to a campaign, or unlinks it.
func (s *ShiftService) SetCanvassCampaign(ctx context.Context, eventID, campaignID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM canvass_shifts WHERE event_id = $1`, eventID); err != nil {
			return err
		}
		if campaignID != 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO canvass_shifts (event_id, campaign_id) VALUES ($1, $2)`,
				eventID, campaignID); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditChangeShift, 0, "event "+itoa(eventID)+" hands out turfs of campaign "+itoa(campaignID))
	})
}

// CanvassCampaign returns a canvass event's campaign, 0 when none.
func (s *ShiftService) CanvassCampaign(ctx context.Context, eventID int64) (int64, error) {
	var id int64
	err := s.db.read.QueryRowContext(ctx, `SELECT campaign_id FROM canvass_shifts WHERE event_id = $1`, eventID).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, s.db.translate(err)
}

// EventPhonebanks lists the phonebanks whose shift is the event.
func (s *ShiftService) EventPhonebanks(ctx context.Context, eventID int64) ([]*rankfile.Phonebank, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+phonebankColumns+` FROM phonebanks WHERE event_id = $1
		ORDER BY id`, eventID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	return scanPhonebanks(rows)
}
