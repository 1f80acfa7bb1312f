package rankfile

import "time"

// The steps of a proposal's life, its history and the emails they owe.

// ProposalEvent is a step in a proposal's life: who did what, when.
type ProposalEvent struct {
	At     time.Time      `json:"at"`
	By     string         `json:"by"`
	Status ProposalStatus `json:"status"`
	Note   string         `json:"note,omitempty"`
}

// Proposal emails: what a step of a proposal owes to whom.
const (
	MailProposalQualified = "qualified" // to its authors
	MailProposalScheduled = "scheduled" // to its signers
	MailProposalDecided   = "decided"   // to its signers
)

// MailOwed is the email a step to the status owes, if any: authors hear
// when their proposal qualifies; signers hear when what they signed is
// scheduled and when it is decided.
func (s ProposalStatus) MailOwed() string {
	switch s {
	case ProposalQualified:
		return MailProposalQualified
	case ProposalScheduled:
		return MailProposalScheduled
	case ProposalAdopted, ProposalRejected:
		return MailProposalDecided
	}
	return ""
}

// ProposalMailing is an email a proposal's step owes, waiting to be
// queued.
type ProposalMailing struct {
	ID         int64
	ProposalID int64
	Kind       string
}

// NoticeProposal is the outbox's kind of a proposal's email to one of
// its authors or signers: "proposal_" and the MailProposal kind.
func NoticeProposal(mailKind string) NoticeKind { return NoticeKind("proposal_" + mailKind) }

// ProposalMailKind is the MailProposal kind of a proposal's notice, ""
// for a notice of another kind.
func ProposalMailKind(k NoticeKind) string { return mailingKind(k, "proposal_") }

// ProposalStep is a step of a proposal's life with all it causes: the
// status it takes the proposal from and to, the note its history keeps and
// the emails it owes. The app decides a step, by the rules below; the
// store writes all of it in one transaction, and refuses it when the
// proposal is no longer in From.
type ProposalStep struct {
	From, To ProposalStatus
	Note     string
	// Mail lists the emails the step owes (MailProposalQualified...).
	Mail []string
	// Forms is the body an adoption forms, with its interim co-chairs;
	// Dissolves the body it dissolves (see ProposalStep.Adopting).
	Forms         *BodyFormation
	InterimChairs []int64
	Dissolves     int64
}

// NewProposalStep is the step of a proposal from one status to another,
// with the note for its history and the email a step to that status owes
// (see MailOwed).
func NewProposalStep(from, to ProposalStatus, note string) *ProposalStep {
	step := &ProposalStep{From: from, To: to, Note: note}
	if kind := to.MailOwed(); kind != "" {
		step.Mail = []string{kind}
	}
	return step
}

// QualifyingStep is the step a count of its signatures takes a proposal:
// to qualified, once enough of its signers are in good standing, the count
// in its history. It is nil when the proposal is not collecting signatures
// or the count falls short; so it is nil whenever the signatures, valid or
// not, are fewer than the threshold, and a store that counts them cheaply
// may skip the costly count of who is in good standing.
func (p *Proposal) QualifyingStep(c SignatureCount) *ProposalStep {
	if p.Status != ProposalCollecting || !p.Qualifies(c) {
		return nil
	}
	return NewProposalStep(ProposalCollecting, ProposalQualified, c.Note())
}

// VoteStep is the step a closed vote takes the proposal it decides: a
// yes/no vote adopts it when it carried and rejects it otherwise, the
// result's summary in its history. A proposal no longer scheduled (one
// withdrawn meanwhile) keeps its status: the step is nil.
func VoteStep(v *MeetingVote, p *Proposal) *ProposalStep {
	if !v.DecidesProposal() || p.Status != ProposalScheduled {
		return nil
	}
	return DecisionStep(p, v.Result.Carried, v.Result.Summary)
}
