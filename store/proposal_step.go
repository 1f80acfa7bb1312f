package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The steps of a proposal's life, as the app decides them (see
// rankfile.ProposalStep), and its history.

// proposalEvent records a step of a proposal's life, by the actor of ctx.
func (tx *Tx) proposalEvent(ctx context.Context, id int64, status rankfile.ProposalStatus, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO proposal_events (proposal_id, at, by_name, status, note)
		VALUES ($1, $2, $3, $4, $5)`, id, tx.stamp, rankfile.ActorFrom(ctx).Name(), status, note)
	return err
}

// StepProposal takes a step of a proposal the app decided, with all it
// causes, in one transaction.
func (s *ProposalService) StepProposal(ctx context.Context, id int64, step *rankfile.ProposalStep) error {
	if step == nil {
		return rankfile.Errorf(rankfile.EINVALID, "no step to take")
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.lockProposal(ctx, id)
		if err != nil {
			return err
		}
		return tx.stepProposal(ctx, p, step)
	})
}

// stepProposal writes a step of the proposal p, locked in tx, and all the
// step says it causes: the new status, the emails it owes and the line in
// the proposal's history. A proposal no longer in the step's From status
// is refused.
func (tx *Tx) stepProposal(ctx context.Context, p *rankfile.Proposal, step *rankfile.ProposalStep) error {
	if p.Status != step.From {
		return rankfile.Errorf(rankfile.ECONFLICT, "%q is %s, not %s", p.Title, p.Status, step.From)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE proposals SET status = $1, updated_at = $2 WHERE id = $3`,
		string(step.To), tx.stamp, p.ID); err != nil {
		return err
	}
	for _, kind := range step.Mail {
		if err := tx.oweProposalMail(ctx, p.ID, kind); err != nil {
			return err
		}
	}
	p.Status = step.To // for what follows in the same transaction
	if err := tx.proposalEvent(ctx, p.ID, step.To, step.Note); err != nil {
		return err
	}
	if err := tx.stepBodies(ctx, p, step); err != nil {
		return err
	}
	return tx.decideCandidate(ctx, p)
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
