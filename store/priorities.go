package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/rankfile/rankfile"
)

// A convention's priorities are adopted in one transaction with the steps
// of the resolutions they adopt: by themselves (AdoptPriorities), or in
// the transaction that closes the delegates' vote (CloseVote).

// AdoptPriorities adopts p's resolutions and stores p with its record.
func (s *ProposalService) AdoptPriorities(ctx context.Context, p *rankfile.Priorities) error {
	return s.db.inTx(ctx, func(tx *Tx) error { return tx.adoptPriorities(ctx, p) })
}

// adoptPriorities steps each adopted resolution from scheduled to adopted
// and stores the priorities, in tx: the one place both ways of adopting
// them write.
func (tx *Tx) adoptPriorities(ctx context.Context, p *rankfile.Priorities) error {
	for place, item := range p.Adopted {
		proposal, err := tx.lockProposal(ctx, item.ProposalID)
		if err != nil {
			return err
		}
		if proposal.BodyID != p.ConventionID {
			return rankfile.Errorf(rankfile.EINVALID, "%q is not before the convention", proposal.Title)
		}
		if err := tx.stepProposal(ctx, proposal, p.Step(place, proposal)); err != nil {
			return err
		}
		item.Title = proposal.Title
	}
	p.AdoptedAt = tx.now
	if err := tx.QueryRowContext(ctx, `INSERT INTO priorities (convention_id, vote_id, ballots, seed, blt, command, adopted_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, p.ConventionID, nullID(p.VoteID), p.Ballots, p.Seed, p.BLT,
		p.Command, tx.stamp).Scan(&p.ID); err != nil {
		return err
	}
	for place, item := range p.Adopted {
		if _, err := tx.ExecContext(ctx, `INSERT INTO priority_items (priorities_id, place, proposal_id) VALUES ($1, $2, $3)`,
			p.ID, place, item.ProposalID); err != nil {
			return err
		}
	}
	return tx.audit(ctx, rankfile.AuditPriorities, 0,
		fmt.Sprintf("adopted %d priorities of convention %d by the count of %d ballots", len(p.Adopted), p.ConventionID, p.Ballots))
}

// FindPriorities returns priorities with their adopted resolutions, the
// convention's name and the meeting of the vote, latest first.
func (s *ProposalService) FindPriorities(ctx context.Context, f rankfile.PrioritiesFilter) ([]*rankfile.Priorities, error) {
	var c where
	if f.ID != 0 {
		c.add("p.id = $%d", f.ID)
	}
	if f.ChapterID != 0 {
		c.add("b.parent_id = $%d", f.ChapterID)
	}
	if f.VoteID != 0 {
		c.add("p.vote_id = $%d", f.VoteID)
	}
	q := `SELECT p.id, p.convention_id, COALESCE(p.vote_id, 0), p.ballots, p.seed, p.blt, p.command, p.adopted_at,
		b.name, COALESCE(m.id, 0), COALESCE(m.title, ''), m.starts_at
		FROM priorities p JOIN bodies b ON b.id = p.convention_id
		LEFT JOIN meeting_votes v ON v.id = p.vote_id LEFT JOIN meetings m ON m.id = v.meeting_id` + c.sql() + ` ORDER BY p.id DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.read.QueryContext(ctx, q, c.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Priorities
	for rows.Next() {
		p := &rankfile.Priorities{}
		var starts sql.NullTime
		if err := rows.Scan(&p.ID, &p.ConventionID, &p.VoteID, &p.Ballots, &p.Seed, &p.BLT, &p.Command, &p.AdoptedAt,
			&p.ConventionName, &p.MeetingID, &p.MeetingTitle, &starts); err != nil {
			return nil, err
		}
		p.MeetingStarts = starts.Time
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, p := range out {
		if p.Adopted, err = s.priorityItems(ctx, p.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// priorityItems reads the resolutions priorities adopted, in order.
func (s *ProposalService) priorityItems(ctx context.Context, id int64) ([]*rankfile.PriorityItem, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT i.proposal_id, pr.title FROM priority_items i
		JOIN proposals pr ON pr.id = i.proposal_id WHERE i.priorities_id = $1 ORDER BY i.place`, id)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.PriorityItem
	for rows.Next() {
		item := &rankfile.PriorityItem{}
		if err := rows.Scan(&item.ProposalID, &item.Title); err != nil {
			return nil, err
		}
		out = append(out, item)
	}
	return out, rows.Err()
}
