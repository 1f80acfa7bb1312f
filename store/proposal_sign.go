package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// Signatures: one row a member a proposal, its key (proposal, member), so
// that a second signature, from any tab or at the same moment as the
// first, finds the first and is refused. Signing holds the proposal's row
// (see lockProposal), so that the signature that reaches the threshold
// sees every signature before it and qualifies the proposal, once.

// qualifier is the app's decision of the step a count of its signatures
// takes a proposal, nil for none (see rankfile.Proposal.QualifyingStep).
type qualifier = func(*rankfile.Proposal, rankfile.SignatureCount) *rankfile.ProposalStep

// Sign adds a member's signature, then takes the step qualify makes of the
// proposal's count of signatures (see qualifyIfDue). A member who signed
// already is refused. A member's own signature commits with others given
// at the same moment (see proposal_sign_batch.go); a paper one, audited as its
// steward's, on its own.
func (s *ProposalService) Sign(ctx context.Context, sig *rankfile.Signature, qualify qualifier) error {
	if !sig.Paper {
		// The batch goes on when this request is given up: it holds others.
		return s.db.signs.wait(&pendingSign{ctx: context.WithoutCancel(ctx), sig: sig, qualify: qualify})
	}
	return s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.lockProposal(ctx, sig.ProposalID)
		if err != nil {
			return err
		}
		if err := tx.addSignature(ctx, p, sig); err != nil {
			return err
		}
		if err := tx.audit(ctx, rankfile.AuditPaperSignature, sig.MemberID,
			fmt.Sprintf("entered a paper signature for proposal %d", p.ID)); err != nil {
			return err
		}
		return tx.qualifyIfDue(ctx, p, qualify)
	})
}

// addSignature stores a signature on the locked proposal p, refusing it
// when p takes none or the member signed already.
func (tx *Tx) addSignature(ctx context.Context, p *rankfile.Proposal, sig *rankfile.Signature) error {
	if err := p.CheckSignable(tx.now.In(tx.db.Zone)); err != nil {
		return err
	}
	sig.SignedAt, sig.Version = tx.now, p.Version
	var enteredBy any
	if sig.Paper {
		enteredBy = nullID(rankfile.ActorFrom(ctx).ID())
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO proposal_signatures (proposal_id, member_id, signed_at, anonymous, entered_by, version)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (proposal_id, member_id) DO NOTHING`,
		sig.ProposalID, sig.MemberID, tx.stamp, sig.Anonymous, enteredBy, p.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return rankfile.Errorf(rankfile.ECONFLICT, "already signed: a member signs %q once", p.Title)
	}
	if p.Kind == rankfile.ProposalEndorsement {
		return tx.signRace(ctx, p, sig.MemberID)
	}
	return nil
}

// qualifyIfDue takes the step qualify makes of a proposal's count of
// signatures, if any: the app decides whether the count qualifies it and
// what that causes. Counting every signature is cheap; checking each
// signer's standing is done only once that count reaches the threshold of
// a proposal collecting signatures, as no step can be taken before (see
// rankfile.Proposal.QualifyingStep).
func (tx *Tx) qualifyIfDue(ctx context.Context, p *rankfile.Proposal, qualify qualifier) error {
	if qualify == nil || p.Status != rankfile.ProposalCollecting {
		return nil
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM proposal_signatures WHERE proposal_id = $1`,
		p.ID).Scan(&total); err != nil || total < p.Threshold {
		return err
	}
	c, err := tx.signatureCount(ctx, p.ID)
	if err != nil {
		return err
	}
	step := qualify(p, c)
	if step == nil {
		return nil
	}
	return tx.stepProposal(ctx, p, step)
}

// signatureCount counts a proposal's signatures, and those of members in
// good standing today, inside tx.
func (tx *Tx) signatureCount(ctx context.Context, proposalID int64) (rankfile.SignatureCount, error) {
	var c rankfile.SignatureCount
	err := tx.QueryRowContext(ctx, `SELECT `+signatureCountSQL+` FROM proposal_signatures s`+signerJoins+
		` WHERE s.proposal_id = $2`,
		tx.today(), proposalID).Scan(&c.Total, &c.Valid)
	return c, err
}

// Unsign takes a member's signature back while the proposal collects.
func (s *ProposalService) Unsign(ctx context.Context, proposalID, memberID int64) error {
	return s.db.inTx(ctx, func(tx *Tx) error {
		p, err := tx.lockProposal(ctx, proposalID)
		if err != nil {
			return err
		}
		if err := p.CheckUnsignable(tx.now); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM proposal_signatures WHERE proposal_id = $1 AND member_id = $2`,
			proposalID, memberID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return rankfile.Errorf(rankfile.ENOTFOUND, "there is no signature of yours on %q", p.Title)
		}
		return tx.unsignRace(ctx, p, memberID)
	})
}

// Signed reports whether a member signed a proposal.
func (s *ProposalService) Signed(ctx context.Context, proposalID, memberID int64) (bool, error) {
	var n int
	err := s.db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM proposal_signatures WHERE proposal_id = $1 AND member_id = $2`,
		proposalID, memberID).Scan(&n)
	return n > 0, s.db.translate(err)
}

// Signatures returns a proposal's signatures, oldest first, with each
// signer's name, branch and standing today.
func (s *ProposalService) Signatures(ctx context.Context, proposalID int64) ([]*rankfile.Signature, error) {
	rows, err := s.db.read.QueryContext(ctx, `SELECT s.member_id, m.first_name, m.last_name, COALESCE(b.name, ''),
		s.signed_at, s.version, s.anonymous, s.entered_by IS NOT NULL, `+fmt.Sprintf(goodStandingSQL, 1)+`
		FROM proposal_signatures s`+signerJoins+`
		LEFT JOIN bodies b ON b.id = `+effectiveBranch+`
		WHERE s.proposal_id = $2 ORDER BY s.signed_at, s.member_id`, s.db.day(rankfile.Date{}), proposalID)
	if err != nil {
		return nil, s.db.translate(err)
	}
	defer rows.Close()
	var out []*rankfile.Signature
	for rows.Next() {
		sig := &rankfile.Signature{ProposalID: proposalID}
		var first, last string
		if err := rows.Scan(&sig.MemberID, &first, &last, &sig.Branch, &sig.SignedAt, &sig.Version, &sig.Anonymous, &sig.Paper,
			&sig.Valid); err != nil {
			return nil, err
		}
		sig.Name = strings.TrimSpace(first + " " + last)
		out = append(out, sig)
	}
	return out, rows.Err()
}
