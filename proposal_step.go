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

// MailOwed is the email a step to the status owes, if any: signers hear
// when what they signed is scheduled and when it is decided. (Authors hear
// when it qualifies, a step the store takes itself.)
func (s ProposalStatus) MailOwed() string {
	switch s {
	case ProposalScheduled:
		return MailProposalScheduled
	case ProposalAdopted, ProposalRejected:
		return MailProposalDecided
	}
	return ""
}

// ProposalMailing is an email a proposal's step owes, waiting to be sent.
type ProposalMailing struct {
	ID         int64
	ProposalID int64
	Kind       string
}
