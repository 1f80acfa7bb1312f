package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The steps of a proposal's life: its status, and its history.

// proposalEvent records a step of a proposal's life, by the actor of ctx.
func (tx *Tx) proposalEvent(ctx context.Context, id int64, status rankfile.ProposalStatus, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO proposal_events (proposal_id, at, by_name, status, note)
		VALUES ($1, $2, $3, $4, $5)`, id, tx.stamp, rankfile.ActorFrom(ctx).Name(), status, note)
	return err
}

// SetProposalStatus records a step from one status to another.
func (s *ProposalService) SetProposalStatus(ctx context.Context, id int64, from, to rankfile.ProposalStatus, note string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.lockProposal(ctx, id)
		if err != nil {
			return err
		}
		if p.Status != from {
			return rankfile.Errorf(rankfile.ECONFLICT, "%q is %s, not %s", p.Title, p.Status, from)
		}
		return tx.setProposalStatus(ctx, id, to, note)
	})
}

// setProposalStatus moves a proposal locked in tx to a status, with the
// step in its history and the email the step owes.
func (tx *Tx) setProposalStatus(ctx context.Context, id int64, to rankfile.ProposalStatus, note string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE proposals SET status = $1, updated_at = $2 WHERE id = $3`,
		string(to), tx.stamp, id); err != nil {
		return err
	}
	if kind := to.MailOwed(); kind != "" {
		if err := tx.oweProposalMail(ctx, id, kind); err != nil {
			return err
		}
	}
	return tx.proposalEvent(ctx, id, to, note)
}

// ProposalHistory returns the steps of a proposal's life, oldest first.
func (s *ProposalService) ProposalHistory(ctx context.Context, id int64) ([]*rankfile.ProposalEvent, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT at, by_name, status, note FROM proposal_events
		WHERE proposal_id = $1 ORDER BY id`, id)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.ProposalEvent
	for rows.Next() {
		e := &rankfile.ProposalEvent{}
		if err := rows.Scan(&e.At, &e.By, &e.Status, &e.Note); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
