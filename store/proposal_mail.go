package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The emails proposals' steps owe, kept until they are sent (migration
// 00012).

// oweProposalMail records, in the step's transaction, the email it owes.
func (tx *Tx) oweProposalMail(ctx context.Context, proposalID int64, kind string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO proposal_mailings (proposal_id, kind, due_at) VALUES ($1, $2, $3)`,
		proposalID, kind, tx.stamp)
	return err
}

// DueProposalMailings returns the emails not yet claimed, oldest first.
func (s *ProposalService) DueProposalMailings(ctx context.Context) ([]rankfile.ProposalMailing, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, proposal_id, kind FROM proposal_mailings
		WHERE sent_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []rankfile.ProposalMailing
	for rows.Next() {
		var m rankfile.ProposalMailing
		if err := rows.Scan(&m.ID, &m.ProposalID, &m.Kind); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ClaimProposalMailing marks an email sent, once.
func (s *ProposalService) ClaimProposalMailing(ctx context.Context, id int64) (bool, error) {
	claimed := false
	err := s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE proposal_mailings SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL`,
			tx.stamp, id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		claimed = n == 1
		return err
	})
	return claimed, err
}
