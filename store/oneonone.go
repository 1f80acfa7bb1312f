package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// OneOnOneService keeps which organizer each member is assigned to and
// the conversations organizers log (migration 00029). It implements
// rankfile.OneOnOneService.
type OneOnOneService struct{ db *DB }

// NewOneOnOneService returns the one-on-ones of db.
func NewOneOnOneService(db *DB) *OneOnOneService { return &OneOnOneService{db: db} }

var _ rankfile.OneOnOneService = (*OneOnOneService)(nil)

const assignmentColumns = `a.id, a.member_id, a.organizer_id, a.reason, a.assigned_at, a.assigned_by,
	a.ended_at, a.end_reason, a.ended_by`

// Assign ends the member's open assignment, if any, and opens a.
func (s *OneOnOneService) Assign(ctx context.Context, a *rankfile.Assignment) error {
	if err := a.Validate(); err != nil {
		return err
	}
	by := rankfile.ActorFrom(ctx).Name()
	return s.db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.endOpen(ctx, `member_id = $4`, rankfile.EndReassigned, by, a.MemberID); err != nil {
			return err
		}
		a.AssignedAt, a.AssignedBy = tx.now, by
		return tx.QueryRowContext(ctx, `INSERT INTO oneonone_assignments (member_id, organizer_id, reason,
			assigned_at, assigned_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			a.MemberID, a.OrganizerID, string(a.Reason), tx.stamp, by).Scan(&a.ID)
	})
}

// endOpen ends the open assignments matching cond (whose arguments start
// at $4) and returns how many it ended.
func (tx *Tx) endOpen(ctx context.Context, cond, reason, by string, args ...any) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE oneonone_assignments SET ended_at = $1, end_reason = $2, ended_by = $3
		WHERE ended_at IS NULL AND `+cond, append([]any{tx.stamp, reason, by}, args...)...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// EndAssignment ends the member's open assignment; ENOTFOUND when none.
func (s *OneOnOneService) EndAssignment(ctx context.Context, memberID int64, reason string) error {
	by := rankfile.ActorFrom(ctx).Name()
	return s.db.inTx(ctx, func(tx *Tx) error {
		n, err := tx.endOpen(ctx, `member_id = $4`, reason, by, memberID)
		if err == nil && n == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "the member is not assigned to an organizer")
		}
		return err
	})
}

// EndAssignmentsOf ends the organizer's open assignments of members whose
// branch is one of branches (every one when branches is nil).
func (s *OneOnOneService) EndAssignmentsOf(ctx context.Context, organizerID int64, branches []int64, reason string) (int, error) {
	by, ended := rankfile.ActorFrom(ctx).Name(), 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if branches == nil {
			n, err := tx.endOpen(ctx, `organizer_id = $4`, reason, by, organizerID)
			ended += n
			return err
		}
		for _, b := range branches {
			n, err := tx.endOpen(ctx, `organizer_id = $4 AND member_id IN (SELECT m.id FROM members m
				WHERE COALESCE(`+effectiveBranch+`, 0) = $5)`, reason, by, organizerID, b)
			if err != nil {
				return err
			}
			ended += n
		}
		return nil
	})
	return ended, err
}

// FindAssignments returns assignments, newest first.
func (s *OneOnOneService) FindAssignments(ctx context.Context, f rankfile.AssignmentFilter) ([]*rankfile.Assignment, error) {
	var w where
	if f.MemberID != 0 {
		w.add("a.member_id = $%d", f.MemberID)
	}
	if f.OrganizerID != 0 {
		w.add("a.organizer_id = $%d", f.OrganizerID)
	}
	if f.OpenOnly {
		w.add("a.ended_at IS NULL")
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+assignmentColumns+` FROM oneonone_assignments a`+
		w.sql()+` ORDER BY a.id DESC`, w.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.Assignment{}
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// scanAssignment reads assignmentColumns, then more.
func scanAssignment(rows *sql.Rows, more ...any) (*rankfile.Assignment, error) {
	a := &rankfile.Assignment{}
	var ended sql.NullTime
	dests := append([]any{&a.ID, &a.MemberID, &a.OrganizerID, &a.Reason, &a.AssignedAt, &a.AssignedBy,
		&ended, &a.EndReason, &a.EndedBy}, more...)
	if err := rows.Scan(dests...); err != nil {
		return nil, err
	}
	a.EndedAt = ended.Time
	return a, nil
}

// BranchQueue returns the branch's members with no open assignment.
func (s *OneOnOneService) BranchQueue(ctx context.Context, branchID int64, limit int) ([]*rankfile.Member, int, error) {
	cond := ` WHERE ` + effectiveBranch + ` = $1 AND NOT EXISTS (SELECT 1 FROM oneonone_assignments a
		WHERE a.member_id = m.id AND a.ended_at IS NULL)`
	var total int
	if err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM members m`+cond, branchID).Scan(&total); err != nil {
		return nil, 0, s.db.translate(err)
	}
	rows, err := s.db.read.QueryContext(ctx, briefSelect+cond+` ORDER BY m.id DESC`+limitSQL(0, limit), branchID)
	if err != nil {
		return nil, 0, s.db.translate(err)
	}
	defer rows.Close()
	out := []*rankfile.Member{}
	for rows.Next() {
		m, err := scanBrief(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// OpenOrganizers returns each organizer with open assignments and the
// branches of their people.
func (s *OneOnOneService) OpenOrganizers(ctx context.Context) (map[int64][]int64, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT DISTINCT a.organizer_id, COALESCE(`+effectiveBranch+`, 0)
		FROM oneonone_assignments a JOIN members m ON m.id = a.member_id WHERE a.ended_at IS NULL`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	out := map[int64][]int64{}
	for rows.Next() {
		var organizer, branch int64
		if err := rows.Scan(&organizer, &branch); err != nil {
			return nil, err
		}
		out[organizer] = append(out[organizer], branch)
	}
	return out, rows.Err()
}
