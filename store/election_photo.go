package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// SetPhoto stores a candidate's photo (JPEG), replacing any before it, or
// removes it when jpeg is empty; until voting opens.
func (s *ElectionService) SetPhoto(ctx context.Context, candidateID int64, jpeg []byte) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		if err := tx.checkBallotUnfixed(ctx, candidateElection, candidateID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM candidate_photos WHERE candidate_id = $1`, candidateID); err != nil {
			return err
		}
		if len(jpeg) == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO candidate_photos (candidate_id, jpeg) VALUES ($1, $2)`, candidateID, jpeg)
		return err
	})
}

// Photo returns a candidate's photo (JPEG). ENOTFOUND when there is none.
func (s *ElectionService) Photo(ctx context.Context, candidateID int64) ([]byte, error) {
	var jpeg []byte
	err := s.db.read.QueryRowContext(ctx, `SELECT jpeg FROM candidate_photos WHERE candidate_id = $1`, candidateID).Scan(&jpeg)
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no photo")
	}
	return jpeg, s.db.translate(err)
}
