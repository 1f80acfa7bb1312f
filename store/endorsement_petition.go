package store

import (
	"context"
	"database/sql"

	"github.com/rankfile/rankfile"
)

// Candidates' petitions: proposals of kind endorsement, signed and
// stepped as any proposal, with two more rules kept here, in the
// transactions of signing and stepping: a member signs one petition a
// race, and the step that decides a petition records the chapter's
// decision on its candidate (and starts the campaign an endorsement
// brings).

// signRace records that the member signed the petition p in its race,
// after their signature on p was inserted in tx. A second petition in the
// same race is refused, naming the one signed, and the signature just
// inserted taken back, so that a refusal inside a batch of signatures
// (see signBatch) leaves nothing behind. The race's key refuses it
// whichever of two signatures at the same moment comes second. A
// signature on a petition that came to nothing (withdrawn, expired or
// rejected) no longer holds the member: it moves to p.
func (tx *Tx) signRace(ctx context.Context, p *rankfile.Proposal, memberID int64) error {
	var raceID int64
	err := tx.QueryRowContext(ctx, `SELECT race_id FROM endorsement_candidates WHERE proposal_id = $1`, p.ID).Scan(&raceID)
	if err == sql.ErrNoRows {
		return nil // an endorsement proposal of no cycle: a ballot measure, say
	} else if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO endorsement_race_signatures (race_id, member_id, proposal_id)
		VALUES ($1, $2, $3) ON CONFLICT (race_id, member_id) DO NOTHING`, raceID, memberID, p.ID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err
	}
	signed, err := tx.raceSignature(ctx, raceID, memberID)
	if err != nil {
		return err
	}
	if !rankfile.SignatureHolds(signed, tx.now) {
		res, err := tx.ExecContext(ctx, `UPDATE endorsement_race_signatures SET proposal_id = $1
			WHERE race_id = $2 AND member_id = $3 AND proposal_id = $4`, p.ID, raceID, memberID, signed.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
		// Another signature moved it first, at the same moment: that one
		// holds the member now.
		if signed, err = tx.raceSignature(ctx, raceID, memberID); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM proposal_signatures WHERE proposal_id = $1 AND member_id = $2`,
		p.ID, memberID); err != nil {
		return err
	}
	return rankfile.Errorf(rankfile.ECONFLICT, "you signed %q already: a member signs one petition in a race", signed.Title)
}

// raceSignature reads the petition the member signed in the race, with
// what SignatureHolds needs.
func (tx *Tx) raceSignature(ctx context.Context, raceID, memberID int64) (*rankfile.Proposal, error) {
	p := &rankfile.Proposal{}
	var deadline sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT p.id, p.title, p.status, p.deadline FROM endorsement_race_signatures s
		JOIN proposals p ON p.id = s.proposal_id WHERE s.race_id = $1 AND s.member_id = $2`, raceID, memberID).Scan(&p.ID,
		&p.Title, &p.Status, &deadline)
	p.Deadline = deadline.Time
	return p, err
}

// SignedInRace returns the petition the member's signature holds them to
// in the race of the petition with the id, nil for none, for one that
// came to nothing, or for that petition itself.
func (s *EndorsementService) SignedInRace(ctx context.Context, petitionID, memberID int64) (*rankfile.Proposal, error) {
	p := &rankfile.Proposal{}
	var deadline sql.NullTime
	err := s.db.read.QueryRowContext(ctx, `SELECT p.id, p.title, p.status, p.deadline FROM endorsement_candidates c
		JOIN endorsement_race_signatures s ON s.race_id = c.race_id AND s.member_id = $2
		JOIN proposals p ON p.id = s.proposal_id WHERE c.proposal_id = $1`, petitionID, memberID).Scan(&p.ID, &p.Title,
		&p.Status, &deadline)
	if err == sql.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, s.db.translate(err)
	}
	p.Deadline = deadline.Time
	if p.ID == petitionID || !rankfile.SignatureHolds(p, s.db.Now()) {
		return nil, nil
	}
	return p, nil
}

// unsignRace frees the member's signature in the race of the petition p,
// once they took their signature on p back.
func (tx *Tx) unsignRace(ctx context.Context, p *rankfile.Proposal, memberID int64) error {
	if p.Kind != rankfile.ProposalEndorsement {
		return nil
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM endorsement_race_signatures WHERE proposal_id = $1 AND member_id = $2`,
		p.ID, memberID)
	return err
}

// decideCandidate records the chapter's decision on the candidate whose
// petition p the step just adopted or rejected, and an adoption starts
// the candidate's campaign, run by the cycle's body (see
// rankfile.CandidateCampaign). Any other proposal is left alone.
func (tx *Tx) decideCandidate(ctx context.Context, p *rankfile.Proposal) error {
	if p.Kind != rankfile.ProposalEndorsement || (p.Status != rankfile.ProposalAdopted && p.Status != rankfile.ProposalRejected) {
		return nil
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM endorsement_candidates WHERE proposal_id = $1`, p.ID).Scan(&id)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return err
	}
	c, err := tx.lockCandidate(ctx, id)
	if err != nil {
		return err
	}
	decision, campaign := rankfile.Declined, int64(0)
	if p.Status == rankfile.ProposalAdopted {
		decision = rankfile.Endorsed
		if campaign, err = tx.startCandidateCampaign(ctx, c); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE endorsement_candidates SET decision = $1, campaign_id = $2 WHERE id = $3`,
		decision, nullID(campaign), id); err != nil {
		return err
	}
	return tx.audit(ctx, rankfile.AuditChangeEndorsement, 0, "the chapter "+decision+" candidate "+itoa(id))
}

// startCandidateCampaign stores the campaign the chapter's endorsement of
// c starts, and returns its id.
func (tx *Tx) startCandidateCampaign(ctx context.Context, c *rankfile.EndorsementCandidate) (int64, error) {
	r := &rankfile.EndorsementRace{}
	cycle := &rankfile.EndorsementCycle{}
	if err := tx.QueryRowContext(ctx, `SELECT r.office, r.district, y.body_id, y.election_date FROM endorsement_races r
		JOIN endorsement_cycles y ON y.id = r.cycle_id WHERE r.id = $1`, c.RaceID).Scan(&r.Office, &r.District,
		&cycle.BodyID, &cycle.ElectionDate); err != nil {
		return 0, err
	}
	camp := rankfile.CandidateCampaign(c, r, cycle)
	if err := camp.Validate(); err != nil {
		return 0, err
	}
	return camp.ID, tx.insertCampaign(ctx, camp)
}
