package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/rankfile/rankfile"
)

// The decision and after: the body's recommendations, members' petitions
// (proposals, see endorsement_petition.go for their signatures and the
// decision their step records), national's requests, the election's
// results and the chapter's reviews.

var _ rankfile.EndorsementDecisionService = (*EndorsementService)(nil)

// lockCandidate reads a candidate inside tx, holding its row on
// PostgreSQL until the transaction ends, so that the steps of one
// candidate take turns and each checks what the one before did.
func (tx *Tx) lockCandidate(ctx context.Context, id int64) (*rankfile.EndorsementCandidate, error) {
	q := `SELECT ` + candidateColumns + ` FROM endorsement_candidates c JOIN endorsement_races r ON r.id = c.race_id
		WHERE c.id = $1`
	if tx.db.dialect == Postgres {
		q += ` FOR UPDATE OF c`
	}
	c, err := scanCandidate(tx.QueryRowContext(ctx, q, id))
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such candidate")
	}
	return c, err
}

// SetRecommendation stores the body's recommendation on a candidate in
// place of the one before, refused once the candidate's petition is on
// an agenda or decided (see CheckRecommendable). The petition's row is
// held meanwhile, so that it is not scheduled in between.
func (s *EndorsementService) SetRecommendation(ctx context.Context, r *rankfile.EndorsementRecommendation) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.lockCandidate(ctx, r.CandidateID)
		if err != nil {
			return err
		}
		var status rankfile.ProposalStatus
		if c.ProposalID != 0 {
			p, err := tx.lockProposal(ctx, c.ProposalID)
			if err != nil {
				return err
			}
			status = p.Status
		}
		var written int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM endorsement_recommendations WHERE candidate_id = $1`,
			c.ID).Scan(&written); err != nil {
			return err
		}
		if err := c.CheckRecommendable(status, written > 0); err != nil {
			return err
		}
		r.By, r.UpdatedAt = rankfile.ActorFrom(ctx).Name(), tx.now
		if _, err := tx.ExecContext(ctx, `INSERT INTO endorsement_recommendations (candidate_id, position, text, votes_for,
			votes_against, votes_abstain, decided_on, by_name, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (candidate_id) DO UPDATE SET position = excluded.position, text = excluded.text,
			votes_for = excluded.votes_for, votes_against = excluded.votes_against, votes_abstain = excluded.votes_abstain,
			decided_on = excluded.decided_on, by_name = excluded.by_name, updated_at = excluded.updated_at`,
			r.CandidateID, string(r.Position), r.Text, r.For, r.Against, r.Abstain, r.DecidedOn, r.By, tx.stamp); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditVetting, 0, "wrote the recommendation on candidate "+itoa(c.ID)+": "+string(r.Position))
	})
}

// Recommendation returns a candidate's recommendation, ENOTFOUND when
// none is written.
func (s *EndorsementService) Recommendation(ctx context.Context, candidateID int64) (*rankfile.EndorsementRecommendation, error) {
	r := &rankfile.EndorsementRecommendation{CandidateID: candidateID}
	err := s.db.read.QueryRowContext(ctx, `SELECT position, text, votes_for, votes_against, votes_abstain, decided_on,
		by_name, updated_at FROM endorsement_recommendations WHERE candidate_id = $1`, candidateID).Scan(&r.Position,
		&r.Text, &r.For, &r.Against, &r.Abstain, &r.DecidedOn, &r.By, &r.UpdatedAt)
	if err == sql.ErrNoRows {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "the body has written no recommendation on this candidate")
	}
	return r, s.db.translate(err)
}

// StartPetition stores the petition p for the candidate's endorsement,
// opens it for signatures and links it to the candidate, all in one
// transaction: a petition is never left unlinked, nor a candidate with
// two.
func (s *EndorsementService) StartPetition(ctx context.Context, candidateID int64, p *rankfile.Proposal, threshold int, deadline time.Time) error {
	if threshold < 1 {
		return rankfile.Errorf(rankfile.EINVALID, "a proposal needs at least one signature")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Kind != rankfile.ProposalEndorsement || len(p.Authors) == 0 {
		return rankfile.Errorf(rankfile.EINVALID, "a petition is a proposal of kind endorsement, with its author")
	}
	if p.Links == nil {
		p.Links = []string{}
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.lockCandidate(ctx, candidateID)
		if err != nil {
			return err
		}
		if err := c.CheckPetitionable(); err != nil {
			return err
		}
		if err := tx.insertProposal(ctx, p); err != nil {
			return err
		}
		if err := tx.openSignatures(ctx, p.ID, threshold, deadline); err != nil {
			return err
		}
		p.Status, p.Threshold, p.Deadline = rankfile.ProposalCollecting, threshold, deadline
		if _, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET proposal_id = $1 WHERE id = $2`,
			p.ID, candidateID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0,
			"started petition "+itoa(p.ID)+" for candidate "+itoa(candidateID))
	})
}

// RequestNational records the request for national's endorsement of a
// candidate the chapter endorsed, with the campaign plan sent.
func (s *EndorsementService) RequestNational(ctx context.Context, candidateID int64, plan string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.lockCandidate(ctx, candidateID)
		if err != nil {
			return err
		}
		if err := c.CheckNationalRequest(plan); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET national_status = 'requested',
			national_plan = $1, national_requested_at = $2 WHERE id = $3`, plan, tx.stamp, candidateID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "asked national to endorse candidate "+itoa(candidateID))
	})
}

// AnswerNational records national's answer to the chapter's request; a
// later answer (national changing its mind) takes the place of the first.
func (s *EndorsementService) AnswerNational(ctx context.Context, candidateID int64, status rankfile.NationalStatus, note string) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.lockCandidate(ctx, candidateID)
		if err != nil {
			return err
		}
		if err := c.CheckNationalAnswer(status, note); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET national_status = $1, national_note = $2,
			national_answered_at = $3 WHERE id = $4`, string(status), note, tx.stamp, candidateID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0,
			"recorded national's answer on candidate "+itoa(candidateID)+": "+string(status))
	})
}

// SetOutcome records the election's result for a candidate the chapter
// endorsed, in place of one recorded before.
func (s *EndorsementService) SetOutcome(ctx context.Context, candidateID int64, o *rankfile.ElectionOutcome) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.lockCandidate(ctx, candidateID)
		if err != nil {
			return err
		}
		if err := c.CheckEndorsed(); err != nil {
			return err
		}
		o.RecordedAt = tx.now
		if _, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET outcome_won = $1, outcome_percent = $2,
			outcome_note = $3, outcome_recorded_at = $4 WHERE id = $5`, o.Won, o.Percent, o.Note, tx.stamp,
			candidateID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "recorded the election's result for candidate "+itoa(candidateID))
	})
}

// AddReview stores an accountability review of a candidate the chapter
// endorsed, in the name of the actor of ctx.
func (s *EndorsementService) AddReview(ctx context.Context, r *rankfile.EndorsementReview) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.lockCandidate(ctx, r.CandidateID)
		if err != nil {
			return err
		}
		if err := c.CheckEndorsed(); err != nil {
			return err
		}
		r.By, r.CreatedAt = rankfile.ActorFrom(ctx).Name(), tx.now
		if err := tx.QueryRowContext(ctx, `INSERT INTO endorsement_reviews (candidate_id, text, by_name, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, r.CandidateID, r.Text, r.By, tx.stamp).Scan(&r.ID); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "reviewed candidate "+itoa(r.CandidateID))
	})
}

// Reviews returns a candidate's reviews, oldest first.
func (s *EndorsementService) Reviews(ctx context.Context, candidateID int64) ([]*rankfile.EndorsementReview, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT id, text, by_name, created_at FROM endorsement_reviews
		WHERE candidate_id = $1 ORDER BY created_at, id`, candidateID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.EndorsementReview
	for rows.Next() {
		r := &rankfile.EndorsementReview{CandidateID: candidateID}
		if err := rows.Scan(&r.ID, &r.Text, &r.By, &r.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
