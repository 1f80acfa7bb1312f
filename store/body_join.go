package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// RequestToJoin records a member's request to join a body.
func (s *BodyService) RequestToJoin(ctx context.Context, memberID, bodyID int64) (*rankfile.JoinRequest, error) {
	r := &rankfile.JoinRequest{MemberID: memberID, BodyID: bodyID}
	err := s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.memberExists(ctx, memberID); err != nil {
			return err
		}
		if _, err := tx.body(ctx, bodyID); err != nil {
			return err
		}
		r.RequestedAt = tx.now
		err := tx.QueryRowContext(ctx, `INSERT INTO join_requests (member_id, body_id, requested_at)
			VALUES ($1, $2, $3) RETURNING id`, memberID, bodyID, tx.stamp).Scan(&r.ID)
		if rankfile.ErrorCode(tx.db.translate(err)) == rankfile.ECONFLICT {
			return rankfile.Errorf(rankfile.ECONFLICT, "you have already asked to join; its leaders will decide")
		}
		return err
	})
	return r, err
}

const joinRequestSelect = `SELECT id, member_id, body_id, requested_at, decided_at, decided_by, COALESCE(approved, FALSE)
	FROM join_requests`

// FindJoinRequests returns requests, oldest first.
func (s *BodyService) FindJoinRequests(ctx context.Context, f rankfile.JoinRequestFilter) ([]*rankfile.JoinRequest, error) {
	return findJoinRequests(ctx, s.db.read, f)
}

func findJoinRequests(ctx context.Context, q querier, f rankfile.JoinRequestFilter) ([]*rankfile.JoinRequest, error) {
	w := &where{}
	if f.ID != 0 {
		w.add("id = $%d", f.ID)
	}
	if f.BodyID != 0 {
		w.add("body_id = $%d", f.BodyID)
	}
	if f.MemberID != 0 {
		w.add("member_id = $%d", f.MemberID)
	}
	if f.PendingOnly {
		w.add("decided_at IS NULL")
	}
	rows, err := q.QueryContext(ctx, joinRequestSelect+w.sql()+" ORDER BY id", w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*rankfile.JoinRequest{}
	for rows.Next() {
		r := &rankfile.JoinRequest{}
		var decided sql.NullTime
		if err := rows.Scan(&r.ID, &r.MemberID, &r.BodyID, &r.RequestedAt, &decided, &r.DecidedBy, &r.Approved); err != nil {
			return nil, err
		}
		r.DecidedAt = decided.Time
		out = append(out, r)
	}
	return out, rows.Err()
}

// DecideJoinRequest approves or declines a pending request.
func (s *BodyService) DecideJoinRequest(ctx context.Context, id int64, approve bool) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		found, err := findJoinRequests(ctx, tx, rankfile.JoinRequestFilter{ID: id, PendingOnly: true})
		if err != nil {
			return err
		} else if len(found) == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no pending request %d", id)
		}
		r := found[0]
		by := rankfile.ActorFrom(ctx).Name()
		if _, err := tx.ExecContext(ctx, `UPDATE join_requests SET decided_at = $1, decided_by = $2, approved = $3
			WHERE id = $4`, tx.stamp, by, approve, id); err != nil {
			return err
		}
		if approve {
			p := &rankfile.Position{MemberID: r.MemberID, BodyID: r.BodyID, StartOn: tx.today()}
			if err := tx.insertPosition(ctx, p); err != nil {
				return err
			}
		}
		return tx.audit(ctx, rankfile.AuditDecideJoin, r.MemberID, sprintf("body %d: approved %v", r.BodyID, approve))
	})
}
