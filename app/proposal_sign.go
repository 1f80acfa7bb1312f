package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Signatures: a member's own, given and taken back, and those a data
// steward enters from paper.

// qualify is what a count of its signatures does to a proposal: once
// enough of its signers are in good standing it qualifies, and its authors
// hear (see rankfile.Proposal.QualifyingStep). The store asks it as each
// signature is stored, in the signature's transaction.
func qualify(p *rankfile.Proposal, c rankfile.SignatureCount) *rankfile.ProposalStep {
	return p.QualifyingStep(c)
}

// Sign signs a proposal for the actor, a member in good standing (whether
// the proposal takes signatures is checked as the signature is stored). A
// signer who asks to be anonymous shows to members as a member of their
// branch.
func (a *App) Sign(ctx context.Context, actor *rankfile.Actor, id int64, anonymous bool) error {
	if _, err := a.checkProposal(ctx, actor, id); err != nil {
		return err
	}
	if !actor.CanSign(a.Today()) {
		return rankfile.Errorf(rankfile.EFORBIDDEN, "only members in good standing sign proposals")
	}
	return a.Proposals.Sign(as(ctx, actor), &rankfile.Signature{ProposalID: id, MemberID: actor.ID(), Anonymous: anonymous}, qualify)
}

// Unsign takes the actor's signature back while the proposal collects.
func (a *App) Unsign(ctx context.Context, actor *rankfile.Actor, id int64) error {
	if _, err := a.checkProposal(ctx, actor, id); err != nil {
		return err
	}
	return a.Proposals.Unsign(as(ctx, actor), id, actor.ID())
}

// EnterPaperSignature enters a signature collected on paper, by a data
// steward, for a member found on the roster: the same rules as signing.
func (a *App) EnterPaperSignature(ctx context.Context, actor *rankfile.Actor, id, memberID int64) error {
	if err := actor.Require(actor.CanEnterPaperSignatures()); err != nil {
		return err
	}
	p, err := a.checkProposal(ctx, actor, id)
	if err != nil {
		return err
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return err
	}
	if !m.StandingOn(a.Today()).IsGood() {
		return rankfile.Errorf(rankfile.EINVALID, "%s is not in good standing: only members in good standing sign", m.FullName())
	}
	return a.Proposals.Sign(as(ctx, actor), &rankfile.Signature{ProposalID: p.ID, MemberID: m.ID, Paper: true}, qualify)
}
