package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

const positionSelect = `SELECT id, member_id, body_id, COALESCE(seat_id, 0), start_on, end_on, created_at FROM positions`

// FindPositions returns positions, current and past, matching the filter.
func (s *BodyService) FindPositions(ctx context.Context, filter rankfile.PositionFilter) ([]*rankfile.Position, error) {
	return findPositions(ctx, s.db.read, filter)
}

func findPositions(ctx context.Context, q querier, filter rankfile.PositionFilter) ([]*rankfile.Position, error) {
	w := &where{}
	if filter.ID != 0 {
		w.add("id = $%d", filter.ID)
	}
	if filter.MemberID != 0 {
		w.add("member_id = $%d", filter.MemberID)
	}
	if filter.BodyID != 0 {
		w.add("body_id = $%d", filter.BodyID)
	}
	if filter.SeatID != 0 {
		w.add("seat_id = $%d", filter.SeatID)
	}
	if !filter.ActiveOn.IsZero() {
		w.add("start_on <= $%d AND (end_on IS NULL OR end_on >= $%d)", filter.ActiveOn, filter.ActiveOn)
	}
	if !filter.EndedBefore.IsZero() {
		w.add("end_on < $%d", filter.EndedBefore)
	}
	rows, err := q.QueryContext(ctx, positionSelect+w.sql()+" ORDER BY start_on, id", w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*rankfile.Position{}
	for rows.Next() {
		p := &rankfile.Position{}
		if err := rows.Scan(&p.ID, &p.MemberID, &p.BodyID, &p.SeatID, &p.StartOn, &p.EndOn, &p.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreatePosition records that a member holds a seat or belongs to a body.
func (s *BodyService) CreatePosition(ctx context.Context, p *rankfile.Position) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := p.Validate(); err != nil {
			return err
		}
		if err := tx.memberExists(ctx, p.MemberID); err != nil {
			return err
		}
		if _, err := tx.body(ctx, p.BodyID); err != nil {
			return err
		}
		if err := tx.insertPosition(ctx, p); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeBodies, p.MemberID,
			sprintf("position %d in body %d (seat %d) from %s", p.ID, p.BodyID, p.SeatID, p.StartOn))
	})
}

// insertPosition stores a position after checking it has room. A seat
// with a fixed term gives the position its term's last day unless an
// end is given.
func (tx *Tx) insertPosition(ctx context.Context, p *rankfile.Position) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if err := tx.endTerm(ctx, p); err != nil {
		return err
	}
	if err := tx.checkRoom(ctx, p); err != nil {
		return err
	}
	if p.SeatID != 0 { // every way of seating someone comes here
		if err := tx.checkSeatRequirement(ctx, p.SeatID, p.MemberID, p.StartOn); err != nil {
			return err
		}
	}
	p.CreatedAt = tx.now
	err := tx.QueryRowContext(ctx, `INSERT INTO positions (member_id, body_id, seat_id, start_on, end_on, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		p.MemberID, p.BodyID, nullID(p.SeatID), p.StartOn, p.EndOn, tx.now).Scan(&p.ID)
	if err != nil {
		return err
	}
	return tx.touchRoster(ctx)
}

// endTerm sets the last day of a position in a seat with a fixed term
// that has no end yet: the day before the term's months are up.
func (tx *Tx) endTerm(ctx context.Context, p *rankfile.Position) error {
	if p.SeatID == 0 || !p.EndOn.IsZero() {
		return nil
	}
	seat := &rankfile.Seat{}
	err := tx.QueryRowContext(ctx, `SELECT term_months FROM seats WHERE id = $1 AND body_id = $2`, p.SeatID, p.BodyID).Scan(&seat.TermMonths)
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "seat %d is not a seat of body %d", p.SeatID, p.BodyID)
	}
	p.EndOn = seat.TermEnd(p.StartOn)
	return nil
}

// checkRoom refuses a position the member already holds for some of the
// same days, or a seat that is full for them.
func (tx *Tx) checkRoom(ctx context.Context, p *rankfile.Position) error {
	mine, err := findPositions(ctx, tx, rankfile.PositionFilter{MemberID: p.MemberID, BodyID: p.BodyID})
	if err != nil {
		return err
	}
	for _, q := range mine {
		if q.SeatID == p.SeatID && q.Overlaps(p) {
			return rankfile.Errorf(rankfile.ECONFLICT, "the member already holds that position from %s", q.StartOn)
		}
	}
	if p.SeatID == 0 {
		return nil
	}
	var count int64
	err = tx.QueryRowContext(ctx, `SELECT count FROM seats WHERE id = $1 AND body_id = $2`, p.SeatID, p.BodyID).Scan(&count)
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "seat %d is not a seat of body %d", p.SeatID, p.BodyID)
	}
	holders, err := findPositions(ctx, tx, rankfile.PositionFilter{SeatID: p.SeatID})
	if err != nil {
		return err
	}
	if rankfile.SeatFull(holders, p, int(count)) {
		return rankfile.Errorf(rankfile.ECONFLICT, "the seat's %d places are all held for some of those days", count)
	}
	return nil
}

// EndPosition records the last day of a position.
func (s *BodyService) EndPosition(ctx context.Context, id int64, last rankfile.Date) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		ps, err := findPositions(ctx, tx, rankfile.PositionFilter{ID: id})
		if err != nil {
			return err
		} else if len(ps) == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no position %d", id)
		}
		p := ps[0]
		p.EndOn = last
		if err := p.Validate(); err != nil {
			return err
		}
		if _, err = tx.ExecContext(ctx, `UPDATE positions SET end_on = $1 WHERE id = $2`, last, id); err != nil {
			return err
		}
		if err := tx.touchRoster(ctx); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeBodies, p.MemberID, sprintf("position %d ends %s", id, last))
	})
}

// LeaveBody ends a member's plain membership of a body: from yesterday
// when it began earlier, so that today they are out; removed altogether
// when it began today. Seats are left through EndPosition, by an admin.
func (s *BodyService) LeaveBody(ctx context.Context, memberID, bodyID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		today := tx.today()
		held, err := findPositions(ctx, tx, rankfile.PositionFilter{MemberID: memberID, BodyID: bodyID, ActiveOn: today})
		if err != nil {
			return err
		}
		for _, p := range held {
			if p.SeatID == 0 {
				return tx.endNow(ctx, p)
			}
		}
		return rankfile.Errorf(rankfile.ENOTFOUND, "you are not a member of that body")
	})
}

// endNow ends a position held today so that from today it is not: its
// last day is yesterday, or, begun today, it goes altogether (the audit
// log keeps that it was).
func (tx *Tx) endNow(ctx context.Context, p *rankfile.Position) error {
	var err error
	if today := tx.today(); !p.StartOn.Before(today) {
		_, err = tx.ExecContext(ctx, `DELETE FROM positions WHERE id = $1`, p.ID)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE positions SET end_on = $1 WHERE id = $2`, today.AddDays(-1), p.ID)
	}
	if err != nil {
		return err
	}
	return tx.touchRoster(ctx)
}

// RemovePosition takes a member out of a seat or a body from today: the
// position ends yesterday, or goes when it began today or has yet to
// begin. ENOTFOUND for a position that is not held today or later.
func (s *BodyService) RemovePosition(ctx context.Context, id int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		ps, err := findPositions(ctx, tx, rankfile.PositionFilter{ID: id})
		if err != nil {
			return err
		}
		if len(ps) == 0 || (!ps[0].EndOn.IsZero() && ps[0].EndOn.Before(tx.today())) {
			return rankfile.Errorf(rankfile.ENOTFOUND, "no position %d held now", id)
		}
		p := ps[0]
		if err := tx.endNow(ctx, p); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeBodies, p.MemberID,
			sprintf("removed from position %d in body %d (seat %d) from %s", p.ID, p.BodyID, p.SeatID, tx.today()))
	})
}
