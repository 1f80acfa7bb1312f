package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// The members who run an event (event_leads), named by its hosts.

// EventLeads lists the members who run an event, in the order named.
func (s *EventService) EventLeads(ctx context.Context, eventID int64) ([]*rankfile.EventLead, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT l.member_id, m.first_name || ' ' || m.last_name
		FROM event_leads l JOIN members m ON m.id = l.member_id WHERE l.event_id = $1 ORDER BY l.position`, eventID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.EventLead{}
	for rows.Next() {
		l := &rankfile.EventLead{}
		if err := rows.Scan(&l.MemberID, &l.Name); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SetEventLeads names the members who run an event, in place of those
// named before. ECONFLICT naming the course and the member when the
// event's kind requires a course one of them does not hold valid on the
// event's day, and nothing is stored.
func (s *EventService) SetEventLeads(ctx context.Context, eventID int64, memberIDs []int64) error {
	if len(memberIDs) > rankfile.MaxEventLeads {
		return rankfile.Errorf(rankfile.EINVALID, "an event names at most %d leads", rankfile.MaxEventLeads)
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		var kind string
		var starts time.Time
		err := tx.QueryRowContext(ctx, `SELECT kind, starts_at FROM events WHERE id = $1`, eventID).Scan(&kind, &starts)
		if err == sql.ErrNoRows {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no such event")
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM event_leads WHERE event_id = $1`, eventID); err != nil {
			return err
		}
		for i, m := range memberIDs {
			if err := tx.memberExists(ctx, m); err != nil {
				return err
			}
			if err := tx.checkLeadRequirement(ctx, rankfile.EventKind(kind), m, rankfile.DateOf(starts.In(tx.db.Zone))); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO event_leads (event_id, member_id, position) VALUES ($1, $2, $3)
				ON CONFLICT DO NOTHING`, eventID, m, i); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditChangeEvent, 0, sprintf("leads of event %d: %v", eventID, memberIDs))
	})
}
