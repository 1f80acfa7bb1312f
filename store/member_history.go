package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/rankfile/rankfile"
)

// historyWriter appends member history entries in batches.
type historyWriter struct {
	batch *batchInsert
	now   any
}

func newHistoryWriter(tx *Tx) *historyWriter {
	cols := []string{"member_id", "at", "kind", "import_id", "actor", "note", "changes"}
	return &historyWriter{batch: newBatchInsert(tx, "member_history", cols), now: tx.stamp}
}

// add queues one entry, stamped with the transaction's time.
func (h *historyWriter) add(ctx context.Context, c *rankfile.MemberChange) error {
	return h.batch.add(ctx, c.MemberID, h.now, c.Kind, nullID(c.ImportID), c.Actor, c.Note, encodeChanges(c.Changes))
}

// encodeChanges writes field changes as the JSON that encoding/json would
// write for them, by hand: boundary loads write one for each of tens of
// thousands of members.
func encodeChanges(changes []rankfile.FieldChange) string {
	b := make([]byte, 0, 64*len(changes)+2)
	b = append(b, '[')
	for i, c := range changes {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"field":`...)
		b = appendJSONString(b, c.Field)
		if c.Old != "" {
			b = appendJSONString(append(b, `,"old":`...), c.Old)
		}
		if c.New != "" {
			b = appendJSONString(append(b, `,"new":`...), c.New)
		}
		if c.Redacted {
			b = append(b, `,"redacted":true`...)
		}
		b = append(b, '}')
	}
	return string(append(b, ']'))
}

func (h *historyWriter) flush(ctx context.Context) error { return h.batch.flush(ctx) }
func (h *historyWriter) close()                          { h.batch.close() }

// recordChange writes a single history entry now.
func (tx *Tx) recordChange(ctx context.Context, c *rankfile.MemberChange) error {
	h := newHistoryWriter(tx)
	defer h.close()
	if err := h.add(ctx, c); err != nil {
		return err
	}
	return h.flush(ctx)
}

// recordAuditedChange writes a change a person made to a member into the
// member's history and the audit log.
func (tx *Tx) recordAuditedChange(ctx context.Context, action string, c *rankfile.MemberChange) error {
	if err := tx.recordChange(ctx, c); err != nil {
		return err
	}
	return tx.audit(ctx, action, c.MemberID, c.Note)
}

// MemberHistory returns every recorded change to a member, oldest first.
// The first, the member's arrival, comes from the member's own row.
func (s *MemberService) MemberHistory(ctx context.Context, memberID int64) ([]*rankfile.MemberChange, error) {
	added := &rankfile.MemberChange{MemberID: memberID, Kind: rankfile.ChangeAdded}
	err := s.db.read.QueryRowContext(ctx, `SELECT created_at, COALESCE(created_import_id, 0) FROM members WHERE id = $1`,
		memberID).Scan(&added.At, &added.ImportID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	rows, err := s.db.read.QueryContext(ctx, `
		SELECT id, member_id, at, kind, COALESCE(import_id, 0), actor, note, changes
		FROM member_history WHERE member_id = $1 ORDER BY id`, memberID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.MemberChange{added}
	for rows.Next() {
		c := &rankfile.MemberChange{}
		var changes string
		if err := rows.Scan(&c.ID, &c.MemberID, &c.At, &c.Kind, &c.ImportID, &c.Actor, &c.Note, &changes); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(changes), &c.Changes); err != nil {
			return nil, fmt.Errorf("history entry %d: %w", c.ID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
