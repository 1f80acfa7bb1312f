package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// A meeting's agenda after it was called: items added at the end, moved
// one place at a time, taken off; a proposal's item schedules it, or takes
// it back, in the same transaction.

// AddAgendaItem adds an item at the end of a meeting's agenda, scheduling
// its proposal with the step schedule.
func (s *MeetingService) AddAgendaItem(ctx context.Context, meetingID int64, item *rankfile.AgendaItem, schedule *rankfile.ProposalStep) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockMeeting(ctx, meetingID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(position), 0) FROM agenda_items
			WHERE meeting_id = $1`, meetingID).Scan(&n, &item.Position); err != nil {
			return err
		}
		if n >= rankfile.MaxAgendaItems {
			return rankfile.Errorf(rankfile.ECONFLICT, "an agenda has at most %d items", rankfile.MaxAgendaItems)
		}
		item.Position++
		if err := item.Validate(); err != nil {
			return err
		}
		if err := tx.insertAgendaItem(ctx, meetingID, item, schedule); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeMeeting, 0, sprintf("meeting %d: added %s %q", meetingID, item.Kind, item.Title))
	})
}

// agendaItem reads one item of a meeting's agenda, in tx.
func (tx *Tx) agendaItem(ctx context.Context, meetingID, itemID int64) (*rankfile.AgendaItem, error) {
	item := &rankfile.AgendaItem{}
	err := tx.QueryRowContext(ctx, `SELECT id, position, kind, title, COALESCE(proposal_id, 0) FROM agenda_items
		WHERE id = $1 AND meeting_id = $2`, itemID, meetingID).Scan(&item.ID, &item.Position, &item.Kind, &item.Title, &item.ProposalID)
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such agenda item")
	}
	return item, err
}

// MoveAgendaItem swaps an item with the one before (by -1) or after (by 1).
func (s *MeetingService) MoveAgendaItem(ctx context.Context, meetingID, itemID int64, by int) error {
	if by != -1 && by != 1 {
		return rankfile.Errorf(rankfile.EINVALID, "an agenda item moves one place up or down")
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockMeeting(ctx, meetingID); err != nil {
			return err
		}
		item, err := tx.agendaItem(ctx, meetingID, itemID)
		if err != nil {
			return err
		}
		q := `SELECT id, position FROM agenda_items WHERE meeting_id = $1 AND position < $2 ORDER BY position DESC LIMIT 1`
		if by > 0 {
			q = `SELECT id, position FROM agenda_items WHERE meeting_id = $1 AND position > $2 ORDER BY position LIMIT 1`
		}
		var otherID int64
		var otherPos int
		switch err := tx.QueryRowContext(ctx, q, meetingID, item.Position).Scan(&otherID, &otherPos); {
		case err == sql.ErrNoRows:
			return nil // first up or last down: it stays
		case err != nil:
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET position = $1 WHERE id = $2`, otherPos, item.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE agenda_items SET position = $1 WHERE id = $2`, item.Position, otherID)
		return err
	})
}

// RemoveAgendaItem takes an item nobody voted on off the agenda, and its
// proposal back with the step unschedule.
func (s *MeetingService) RemoveAgendaItem(ctx context.Context, meetingID, itemID int64, unschedule *rankfile.ProposalStep) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.lockMeeting(ctx, meetingID); err != nil {
			return err
		}
		item, err := tx.agendaItem(ctx, meetingID, itemID)
		if err != nil {
			return err
		}
		var voted bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM meeting_votes WHERE agenda_item_id = $1)`,
			itemID).Scan(&voted); err != nil {
			return err
		}
		if voted {
			return rankfile.Errorf(rankfile.ECONFLICT, "%q was voted on: it stays on the agenda", item.Title)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM agenda_items WHERE id = $1`, itemID); err != nil {
			return err
		}
		if item.ProposalID != 0 && unschedule != nil {
			p, err := tx.lockProposal(ctx, item.ProposalID)
			if err != nil {
				return err
			}
			if err := tx.stepProposal(ctx, p, unschedule); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditChangeMeeting, 0, sprintf("meeting %d: removed %s %q", meetingID, item.Kind, item.Title))
	})
}
