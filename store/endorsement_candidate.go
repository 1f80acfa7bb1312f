package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// A cycle's candidates and their questionnaire links.

// SaveCandidate adds a candidate to a race (no id) or changes their
// details; a withdrawn candidate changes no more.
func (s *EndorsementService) SaveCandidate(ctx context.Context, c *rankfile.EndorsementCandidate) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		if c.ID == 0 {
			c.CreatedAt = tx.now
			if err := tx.QueryRowContext(ctx, `INSERT INTO endorsement_candidates (race_id, name, email, party, website,
				member_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, c.RaceID, c.Name, c.Email, c.Party,
				c.Website, nullID(c.MemberID), tx.stamp).Scan(&c.ID); err != nil {
				return err
			}
			return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "added candidate "+itoa(c.ID)+": "+c.Name)
		}
		res, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET name = $1, email = $2, party = $3, website = $4,
			member_id = $5 WHERE id = $6 AND race_id = $7 AND withdrawn_at IS NULL`, c.Name, c.Email, c.Party, c.Website,
			nullID(c.MemberID), c.ID, c.RaceID)
		if err := mustAffect(res, err, "no such candidate in the race, or the candidate withdrew"); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "changed candidate "+itoa(c.ID)+": "+c.Name)
	})
}

// candidateColumns are the columns scanCandidate reads, of a candidate
// joined to its race (r).
const candidateColumns = `c.id, c.race_id, r.cycle_id, c.name, c.email, c.party, c.website, c.member_id,
	c.questionnaire_version, c.link_sent_at, c.submitted_at, c.withdrawn_at, c.proposal_id, c.decision, c.campaign_id,
	c.national_status, c.national_plan, c.national_requested_at, c.national_answered_at, c.national_note,
	c.outcome_won, c.outcome_percent, c.outcome_note, c.outcome_recorded_at, c.created_at,
	EXISTS (SELECT 1 FROM endorsement_recommendations e WHERE e.candidate_id = c.id)`

// FindCandidates returns candidates by race and name.
func (s *EndorsementService) FindCandidates(ctx context.Context, f rankfile.EndorsementCandidateFilter) ([]*rankfile.EndorsementCandidate, error) {
	w := &where{}
	for _, c := range []struct {
		cond string
		id   int64
	}{{"c.id = $%d", f.ID}, {"r.cycle_id = $%d", f.CycleID}, {"c.race_id = $%d", f.RaceID}, {"c.proposal_id = $%d", f.ProposalID}} {
		if c.id != 0 {
			w.add(c.cond, c.id)
		}
	}
	rows, err := s.db.read.QueryContext(ctx, `SELECT `+candidateColumns+` FROM endorsement_candidates c
		JOIN endorsement_races r ON r.id = c.race_id`+w.sql()+` ORDER BY r.position, c.name, c.id`, w.args...)
	if err != nil {
		return nil, s.db.translate(err)
	}
	out, err := scanCandidates(rows)
	if err != nil {
		return nil, err
	}
	if f.ID != 0 && len(out) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such candidate")
	}
	return out, nil
}

func scanCandidates(rows *sql.Rows) ([]*rankfile.EndorsementCandidate, error) {
	defer rows.Close()
	var out []*rankfile.EndorsementCandidate
	for rows.Next() {
		c, err := scanCandidate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// scanCandidate reads candidateColumns.
func scanCandidate(row interface{ Scan(...any) error }) (*rankfile.EndorsementCandidate, error) {
	c := &rankfile.EndorsementCandidate{}
	var member, proposal, campaign sql.NullInt64
	var sent, submitted, withdrawn, requested, answered, recorded sql.NullTime
	var nationalStatus, plan, nationalNote, outcomeNote string
	var won sql.NullBool
	var percent sql.NullFloat64
	if err := row.Scan(&c.ID, &c.RaceID, &c.CycleID, &c.Name, &c.Email, &c.Party, &c.Website, &member,
		&c.QuestionnaireVersion, &sent, &submitted, &withdrawn, &proposal, &c.Decision, &campaign,
		&nationalStatus, &plan, &requested, &answered, &nationalNote, &won, &percent, &outcomeNote, &recorded,
		&c.CreatedAt, &c.Recommended); err != nil {
		return nil, err
	}
	c.MemberID, c.ProposalID, c.CampaignID = member.Int64, proposal.Int64, campaign.Int64
	c.LinkSentAt, c.SubmittedAt, c.WithdrawnAt = sent.Time, submitted.Time, withdrawn.Time
	if nationalStatus != "" {
		c.National = &rankfile.NationalRequest{Status: rankfile.NationalStatus(nationalStatus), Plan: plan,
			RequestedAt: requested.Time, AnsweredAt: answered.Time, Note: nationalNote}
	}
	if recorded.Valid {
		c.Outcome = &rankfile.ElectionOutcome{Won: won.Bool, Percent: percent.Float64, Note: outcomeNote, RecordedAt: recorded.Time}
	}
	return c, nil
}

// WithdrawCandidate takes a candidate out of the race; their link takes
// nothing more.
func (s *EndorsementService) WithdrawCandidate(ctx context.Context, id int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET withdrawn_at = $1
			WHERE id = $2 AND withdrawn_at IS NULL AND decision = ''`, tx.stamp, id)
		if err := mustAffect(res, err, "no such candidate still in the race"); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "withdrew candidate "+itoa(id))
	})
}

// errBadQuestionnaireLink is the one answer for a link that does not work:
// never made, or ended by a newer one.
var errBadQuestionnaireLink = rankfile.Errorf(rankfile.ENOTFOUND,
	"this questionnaire link does not work: it may have been replaced by a newer one sent to the candidate")

// NewQuestionnaireLink makes a new secret for the candidate's link, ending
// the one before, and fixes the questionnaire's version to the cycle's
// current one the first time. A withdrawn candidate gets none.
func (s *EndorsementService) NewQuestionnaireLink(ctx context.Context, candidateID int64) (string, error) {
	secret, hash := newSecret("q-")
	err := s.db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET link_hash = $1, link_sent_at = $2,
			questionnaire_version = CASE WHEN questionnaire_version = 0 THEN (SELECT y.questionnaire_version
				FROM endorsement_races r JOIN endorsement_cycles y ON y.id = r.cycle_id WHERE r.id = race_id)
				ELSE questionnaire_version END
			WHERE id = $3 AND withdrawn_at IS NULL`, hash, tx.stamp, candidateID)
		if err := mustAffect(res, err, "no such candidate still in the race"); err != nil {
			return err
		}
		return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "made a questionnaire link for candidate "+itoa(candidateID))
	})
	return secret, err
}

// FindQuestionnaireLink returns the candidate whose current link the
// secret is.
func (s *EndorsementService) FindQuestionnaireLink(ctx context.Context, secret string) (*rankfile.EndorsementCandidate, error) {
	row := s.db.read.QueryRowContext(ctx, `SELECT `+candidateColumns+` FROM endorsement_candidates c
		JOIN endorsement_races r ON r.id = c.race_id WHERE c.link_hash = $1`, hashSecret(secret))
	c, err := scanCandidate(row)
	if err == sql.ErrNoRows {
		return nil, errBadQuestionnaireLink
	}
	return c, s.db.translate(err)
}
