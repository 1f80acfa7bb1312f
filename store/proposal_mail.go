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

// DueProposalMailings returns the emails not yet queued, oldest first.
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

// QueueProposalMail queues every email proposals' steps owe, each in a
// transaction of its own that marks it queued and writes its notices, so
// that each is queued once whichever server gets to it.
func (s *ProposalService) QueueProposalMail(ctx context.Context) (int, error) {
	due, err := s.DueProposalMailings(ctx)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, m := range due {
		n, err := s.queueMailing(ctx, m)
		if err != nil {
			return queued, err
		}
		queued += n
	}
	return queued, nil
}

// queueMailing marks one mailing queued and queues its notices: to the
// authors who accepted when it qualified, to the signers otherwise.
func (s *ProposalService) queueMailing(ctx context.Context, m rankfile.ProposalMailing) (int, error) {
	queued := 0
	err := s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE proposal_mailings SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL`,
			tx.stamp, m.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // another server queued it
		}
		recipients := `SELECT member_id FROM proposal_signatures WHERE proposal_id = $3`
		if m.Kind == rankfile.MailProposalQualified {
			recipients = `SELECT member_id FROM proposal_authors WHERE proposal_id = $3 AND accepted_at IS NOT NULL`
		}
		res, err = tx.ExecContext(ctx, `INSERT INTO outbox (kind, member_id, proposal_id, state, next_at, created_at)
			SELECT $1, member_id, $3, 'pending', $2, $2 FROM (`+recipients+`) r ORDER BY member_id`,
			string(rankfile.NoticeProposal(m.Kind)), tx.stamp, m.ProposalID)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		queued = int(n)
		return err
	})
	return queued, err
}
