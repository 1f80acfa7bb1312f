package app

import (
	"context"
	"crypto/rand"
	"strings"
	"sync"
	"time"

	"github.com/rankfile/rankfile"
)

// Voting: the booth, the ballot cast and its receipt code, and the
// election kept for a second while ballots pour in.

// CastBallot casts the actor's ballot and returns the receipt code that
// lets them find it in the public record. The code is shown once and kept
// nowhere: the box holds only its hash.
func (a *App) CastBallot(ctx context.Context, actor *rankfile.Actor, electionID int64, b *rankfile.Ballot) (string, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return "", err
	}
	e, err := a.votingElection(ctx, electionID)
	if err != nil {
		return "", err
	}
	if err := e.CheckBallot(b); err != nil {
		return "", err
	}
	code := newReceiptCode()
	if err := a.Elections.CastBallot(ctx, e.ID, actor.Member.ID, b, rankfile.ReceiptHash(e.ID, code)); err != nil {
		return "", err
	}
	return code, nil
}

// electionCache keeps elections open for voting for votingCacheFor.
type electionCache struct {
	mu   sync.Mutex
	kept map[int64]keptElection
}

type keptElection struct {
	e  *rankfile.Election
	at time.Time
}

// forget drops an election from the cache.
func (c *electionCache) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.kept, id)
}

// votingCacheFor is how long an election open for voting is kept.
const votingCacheFor = time.Second

// votingElection returns an election for checking a ballot against. While
// voting is open nothing a ballot is checked against changes (candidates
// are fixed once voting opens), so an election open for voting, with its
// roll frozen, is kept for a second: a storm of ballots reads it once a
// second, not once per ballot. Casting checks again, in its transaction,
// that voting is open.
func (a *App) votingElection(ctx context.Context, id int64) (*rankfile.Election, error) {
	now := a.Now()
	a.voting.mu.Lock()
	k, ok := a.voting.kept[id]
	a.voting.mu.Unlock()
	if ok && now.Sub(k.at) < votingCacheFor && now.Before(k.e.VotingClose) {
		return k.e, nil
	}
	e, err := a.Election(ctx, id)
	if err != nil || e.StatusAt(now) != rankfile.ElectionVoting || e.RollFrozenAt.IsZero() {
		return e, err
	}
	a.voting.mu.Lock()
	if a.voting.kept == nil {
		a.voting.kept = map[int64]keptElection{}
	}
	a.voting.kept[id] = keptElection{e: e, at: now}
	a.voting.mu.Unlock()
	return e, nil
}

// receiptAlphabet leaves out letters and digits that are easily mistaken
// for one another (0 and O, 1 and I).
const receiptAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

// newReceiptCode returns 16 random characters (80 bits) in four groups.
func newReceiptCode() string {
	b := make([]byte, 16)
	rand.Read(b) // crypto/rand.Read never fails
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(receiptAlphabet[int(c)%len(receiptAlphabet)])
	}
	return sb.String()
}

// MyVote says whether the actor is on an election's roll and has voted.
func (a *App) MyVote(ctx context.Context, actor *rankfile.Actor, electionID int64) (rankfile.RollEntry, error) {
	if !actor.SignedIn() {
		return rankfile.RollEntry{}, nil
	}
	return a.Elections.Roll(ctx, electionID, actor.Member.ID)
}

// VotingBooth returns the election the actor is about to vote in, or says
// why they cannot: not signed in, voting not open, not on the roll, or
// voted already. The ballot page and its review step ask here first;
// casting checks all of it again, in the casting transaction.
func (a *App) VotingBooth(ctx context.Context, actor *rankfile.Actor, electionID int64) (*rankfile.Election, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	e, err := a.Election(ctx, electionID)
	if err != nil {
		return nil, err
	}
	if err := e.CheckVotingOpen(a.Now()); err != nil {
		return nil, err
	}
	roll, err := a.Elections.Roll(ctx, e.ID, actor.Member.ID)
	switch {
	case err != nil:
		return nil, err
	case !roll.OnRoll:
		return nil, rankfile.Errorf(rankfile.EFORBIDDEN, "you are not on this election's roll: it holds the members in good standing on %s", e.Cutoff)
	case roll.Voted:
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "you have already voted in this election; a ballot cast is final")
	}
	return e, nil
}
