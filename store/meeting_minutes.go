package store

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// A meeting's minutes: written, then approved at a later meeting, after
// which they are the record.

// SaveMinutes stores the minutes' text, in its writer's name, until they
// are approved: approved minutes are the record and do not change.
func (s *MeetingService) SaveMinutes(ctx context.Context, meetingID int64, text string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET minutes = $1, minutes_by = $2, minutes_updated_at = $3
			WHERE id = $4 AND minutes_approved_at IS NULL`, text, rankfile.ActorFrom(ctx).Name(), tx.stamp, meetingID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "the minutes were approved and are the record now; they do not change")
		}
		return tx.audit(ctx, rankfile.AuditMinutes, meetingID, "wrote the minutes of meeting "+itoa(meetingID))
	})
}

// ApproveMinutes records that the meeting atMeetingID approved the
// minutes, once.
func (s *MeetingService) ApproveMinutes(ctx context.Context, meetingID, atMeetingID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE meetings SET minutes_approved_at = $1, minutes_approved_in = $2
			WHERE id = $3 AND minutes_approved_at IS NULL AND minutes <> ''`, tx.stamp, atMeetingID, meetingID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ECONFLICT, "there are no minutes waiting for approval")
		}
		return tx.audit(ctx, rankfile.AuditMinutes, meetingID,
			fmt.Sprintf("meeting %d approved the minutes of meeting %d", atMeetingID, meetingID))
	})
}
