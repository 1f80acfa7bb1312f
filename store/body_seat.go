package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// createSeats gives a new body the seats of the templates (those its kind
// has by default, or a decision's), resolving "elected by the chapter" and
// "appointed by the branch co-coordinators" to real bodies and seats.
func (tx *Tx) createSeats(ctx context.Context, b *rankfile.Body, templates []rankfile.SeatTemplate) error {
	for _, t := range templates {
		seat := &rankfile.Seat{BodyID: b.ID, Title: t.Title, Count: t.Count, TermMonths: t.TermMonths}
		var err error
		if t.ElectedBy != "" {
			seat.FilledBy = rankfile.FilledByElection
			seat.ElectorateBodyID, err = tx.electorate(ctx, b, t.ElectedBy)
		} else {
			seat.FilledBy = rankfile.FilledByAppointment
			seat.AppointingSeatID, err = tx.appointingSeat(ctx, b, t.AppointedBy)
		}
		if err != nil {
			return err
		}
		if err := tx.createSeat(ctx, seat); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) electorate(ctx context.Context, b *rankfile.Body, electedBy string) (int64, error) {
	switch electedBy {
	case "self":
		return b.ID, nil
	case "parent":
		return b.ParentID, nil
	}
	chapter, err := tx.ancestor(ctx, b, rankfile.KindChapter)
	if err != nil {
		return 0, err
	} else if chapter == nil {
		return 0, rankfile.Errorf(rankfile.EINVALID, "a %s belongs to a chapter, whose members elect it", b.Kind)
	}
	return chapter.ID, nil
}

func (tx *Tx) appointingSeat(ctx context.Context, b *rankfile.Body, title string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM seats WHERE body_id = $1 AND title = $2`, b.ParentID, title).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, rankfile.Errorf(rankfile.EINVALID, "a %s belongs to a body with a %q seat, whose holders appoint its leaders", b.Kind, title)
	}
	return id, err
}

// FindSeats returns a body's seats.
func (s *BodyService) FindSeats(ctx context.Context, bodyID int64) ([]*rankfile.Seat, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, body_id, title, count, filled_by,
		COALESCE(electorate_body_id, 0), COALESCE(appointing_seat_id, 0), term_months
		FROM seats WHERE body_id = $1 ORDER BY id`, bodyID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	seats := []*rankfile.Seat{}
	for rows.Next() {
		st := &rankfile.Seat{}
		if err := rows.Scan(&st.ID, &st.BodyID, &st.Title, &st.Count, &st.FilledBy,
			&st.ElectorateBodyID, &st.AppointingSeatID, &st.TermMonths); err != nil {
			return nil, err
		}
		seats = append(seats, st)
	}
	return seats, rows.Err()
}

// CreateSeat stores a seat.
func (s *BodyService) CreateSeat(ctx context.Context, seat *rankfile.Seat) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.createSeat(ctx, seat); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeBodies, 0, sprintf("created seat %q of body %d", seat.Title, seat.BodyID))
	})
}

func (tx *Tx) createSeat(ctx context.Context, s *rankfile.Seat) error {
	if err := s.Validate(); err != nil {
		return err
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO seats (body_id, title, count, filled_by,
		electorate_body_id, appointing_seat_id, term_months) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		s.BodyID, s.Title, s.Count, s.FilledBy, nullID(s.ElectorateBodyID), nullID(s.AppointingSeatID),
		s.TermMonths).Scan(&s.ID)
	if rankfile.ErrorCode(tx.db.translate(err)) == rankfile.ECONFLICT {
		return rankfile.Errorf(rankfile.ECONFLICT, "the body already has a seat titled %q", s.Title)
	}
	return err
}
