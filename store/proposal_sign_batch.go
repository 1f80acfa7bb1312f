package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Members' signatures given at the same moment commit together, as ballots
// do (see awaitedCommit): while one batch waits on the disk, the signatures
// that arrive queue and go in the next, so that a slow flush delays them
// once rather than once each. Each signature still gets its own answer:
// one refused (signed already, signatures closed) leaves the others in.

// signBatchLimit bounds a batch.
const signBatchLimit = 200

// pendingSign is a signature waiting for its batch (DB.signs); its
// request's context names who signed, and qualify is the app's, for the
// step that qualifies the proposal.
type pendingSign struct {
	ctx     context.Context
	sig     *rankfile.Signature
	qualify qualifier
}

// signBatch stores the batch's signatures, each proposal locked once. A
// signature that reaches its proposal's threshold takes the step its
// qualify makes, in its signer's name, as if it had come alone.
func (tx *Tx) signBatch(batch []*pendingSign, refused []error) error {
	proposals := map[int64]*rankfile.Proposal{}
	for i, p := range batch {
		id := p.sig.ProposalID
		prop, locked := proposals[id]
		if !locked {
			var err error
			if prop, err = tx.lockProposal(p.ctx, id); isDomain(err) {
				refused[i] = err
				continue
			} else if err != nil {
				return err
			}
			proposals[id] = prop
		}
		if err := tx.addSignature(p.ctx, prop, p.sig); isDomain(err) {
			refused[i] = err
			continue
		} else if err != nil {
			return err
		}
		if err := tx.qualifyIfDue(p.ctx, prop, p.qualify); err != nil {
			return err
		}
	}
	return nil
}
