package rankfile

import (
	"context"
	"time"
)

// Paper batch statuses.
const (
	PaperPending   = "pending"   // entered, waiting for a second member of the committee
	PaperConfirmed = "confirmed" // its voters are marked and its ballots in the box
	PaperRejected  = "rejected"  // set aside; nothing of it counts
)

// PaperBatch is a batch of paper ballots, as one member of the election's
// committee entered them and another confirms them. Ballots is empty once
// the batch is decided: a confirmed batch's ballots are in the box.
type PaperBatch struct {
	ID         int64     `json:"id"`
	ElectionID int64     `json:"election_id"`
	EnteredBy  int64     `json:"entered_by"`
	EnteredAt  time.Time `json:"entered_at"`
	VoterIDs   []int64   `json:"voter_ids"`
	Ballots    []*Ballot `json:"-"`
	Size       int       `json:"size"`
	Status     string    `json:"status"`
	DecidedBy  int64     `json:"decided_by,omitempty"`
	DecidedAt  time.Time `json:"decided_at,omitzero"`
}

// PaperService stores batches of paper ballots.
type PaperService interface {
	// EnterPaperBatch stores a pending batch and sets its id. Its ballots
	// must have passed CheckBallot.
	EnterPaperBatch(ctx context.Context, b *PaperBatch) error

	// PaperBatches returns an election's batches, oldest first.
	PaperBatches(ctx context.Context, electionID int64) ([]*PaperBatch, error)

	// ConfirmPaperBatch marks the batch's voters voted on paper and puts
	// its ballots in the box, in one transaction, by a member other than
	// the one who entered it. EINVALID, and nothing changed, when a voter
	// is not on the roll or has voted already.
	ConfirmPaperBatch(ctx context.Context, electionID, batchID, by int64) error

	// RejectPaperBatch sets a pending batch of the election aside.
	RejectPaperBatch(ctx context.Context, electionID, batchID, by int64) error

	// PendingPaper returns how many of an election's batches wait to be
	// confirmed or rejected.
	PendingPaper(ctx context.Context, electionID int64) (int, error)
}
