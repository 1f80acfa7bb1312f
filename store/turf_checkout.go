package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// A turf's history (migration 00040): each checkout is written in the
// transaction that makes it, and marked when the turf comes back early.

// recordCheckout writes a checkout in the turf's history, ending the one
// it replaces (the same canvasser's, extended or given a new partner).
func (tx *Tx) recordCheckout(ctx context.Context, turfID, canvasserID, partnerID int64, until time.Time) error {
	if err := tx.endCheckout(ctx, turfID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO turf_checkouts (turf_id, canvasser_id, partner_id, out_at, until)
		VALUES ($1, $2, $3, $4, $5)`, turfID, canvasserID, nullID(partnerID), tx.stamp, tx.db.timeArg(until.UTC()))
	return err
}

// endCheckout marks the turf's checkout still running at now as returned
// now; one whose time is up ended by itself and is left as it is.
func (tx *Tx) endCheckout(ctx context.Context, turfID int64) error {
	_, err := tx.ExecContext(ctx, `UPDATE turf_checkouts SET returned_at = $1 WHERE turf_id = $2
		AND returned_at IS NULL AND until > $1`, tx.stamp, turfID)
	return err
}

// TurfCheckouts lists who held a turf when, newest first.
func (s *TurfService) TurfCheckouts(ctx context.Context, turfID int64) ([]*rankfile.TurfCheckout, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT turf_id, canvasser_id, COALESCE(partner_id, 0), out_at, until,
		returned_at FROM turf_checkouts WHERE turf_id = $1 ORDER BY out_at DESC, id DESC`, turfID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.TurfCheckout
	for rows.Next() {
		c := &rankfile.TurfCheckout{}
		var back sql.NullTime
		if err := rows.Scan(&c.TurfID, &c.CanvasserID, &c.PartnerID, &c.OutAt, &c.Until, &back); err != nil {
			return nil, err
		}
		c.ReturnedAt = back.Time
		out = append(out, c)
	}
	return out, rows.Err()
}
