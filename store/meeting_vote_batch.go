package store

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Members' votes at a meeting commit together, as ballots and signatures
// do (see awaitedCommit): when hundreds vote in the same seconds, one wait
// for the disk serves all who voted while the last commit was under way.
// Each vote still gets its own answer; one refused leaves the others in.

// voteBatchLimit bounds a batch.
const voteBatchLimit = 500

// pendingVote is a member's vote waiting for its batch (DB.votes).
type pendingVote struct {
	voteID, memberID int64
	choice           []int
}

// voteBatch records each vote: open, cast by a member checked in and in
// good standing, once. A refusal is recorded in refused before anything
// of that vote is written.
func (tx *Tx) voteBatch(batch []*pendingVote, refused []error) error {
	ctx := context.Background()
	votes := map[int64]*rankfile.MeetingVote{}
	openErr := map[int64]error{}
	for i, p := range batch {
		v, seen := votes[p.voteID]
		if !seen {
			v, openErr[p.voteID] = tx.openVote(ctx, p.voteID)
			votes[p.voteID] = v
		}
		if refused[i] = openErr[p.voteID]; refused[i] != nil {
			if !isDomain(refused[i]) {
				return refused[i]
			}
			continue
		}
		if err := tx.castOnline(ctx, v, p); isDomain(err) {
			refused[i] = err
		} else if err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) castOnline(ctx context.Context, v *rankfile.MeetingVote, p *pendingVote) error {
	sessionID, err := tx.voter(ctx, v.MeetingID, p.memberID)
	if err != nil {
		return err
	}
	if err := tx.markVoted(ctx, v.ID, p.memberID, sessionID, "online"); err != nil {
		return err
	}
	return tx.putBallot(ctx, v, sessionID, p.memberID, p.choice, false)
}
