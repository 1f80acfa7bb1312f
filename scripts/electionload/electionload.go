// Package electionload puts an election's casting under load, as
// scripts/bench-cast measures it (with vegeta) and the tests of several
// servers behind a load balancer check it (with Storm): members on the
// roll of the demo's open election cast ballots through the JSON API, and
// the box is then checked against the receipts given.
package electionload

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

// OpenElection finds the demo election that is open for voting.
func OpenElection(ctx context.Context, db *store.DB) (*rankfile.Election, error) {
	es, err := store.NewElectionService(db).FindElections(ctx, rankfile.ElectionFilter{
		Status: rankfile.ElectionVoting, At: db.Now()})
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("no election is open for voting; run rankfile demo first")
	}
	return es[0], nil
}

// Voter is a member on the roll, with an API token and the ballot they
// will cast.
type Voter struct {
	ID     int64
	Token  string
	Ballot []byte
	// Address is the voter's own, as a reverse proxy in front of rankfile
	// passes it on (X-Forwarded-For, to which a load balancer adds its
	// own hop), so that the API's limit per client applies per voter.
	Address string
}

// Voters mints a token for each of the first n members on the election's
// roll and gives each a random ballot, the same for the same n.
func Voters(ctx context.Context, db *store.DB, e *rankfile.Election, n int) ([]Voter, error) {
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.ElectorateFilter(
		&rankfile.Body{Kind: rankfile.KindChapter}, e.Cutoff))
	if err != nil {
		return nil, err
	}
	if len(members) < n {
		return nil, fmt.Errorf("only %d members may vote; make a bigger demo with --list-size", len(members))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	auth := store.NewAuthService(db)
	out := make([]Voter, n)
	for i, m := range members[:n] {
		token, _, err := auth.CreateAPIToken(ctx, m.ID, "bench-cast", rankfile.DefaultTokenDays)
		if err != nil {
			return nil, err
		}
		ballot, _ := json.Marshal(randomBallot(e, rng))
		out[i] = Voter{ID: m.ID, Token: token, Ballot: ballot, Address: fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)}
	}
	return out, nil
}

// randomBallot ranks some candidates of each contest.
func randomBallot(e *rankfile.Election, rng *rand.Rand) *rankfile.Ballot {
	b := &rankfile.Ballot{Rankings: map[int64][]int64{}}
	for _, c := range e.Contests {
		for _, i := range rng.Perm(len(c.Candidates))[:1+rng.IntN(len(c.Candidates))] {
			b.Rankings[c.ID] = append(b.Rankings[c.ID], c.Candidates[i].ID)
		}
	}
	return b
}

// CheckBox fails unless the ballots in the box and the voters marked on
// the roll agree, and every receipt given has its ballot in the box; it
// returns what it found, to print.
func CheckBox(ctx context.Context, db *store.DB, e *rankfile.Election, receipts []string) (string, error) {
	elections := store.NewElectionService(db)
	box, err := elections.BallotBox(ctx, e.ID)
	if err != nil {
		return "", err
	}
	voted, err := elections.Voted(ctx, e.ID)
	if err != nil {
		return "", err
	}
	inBox := map[string]bool{}
	for _, b := range box {
		inBox[b.ReceiptHash] = true
	}
	missing := 0
	for _, code := range receipts {
		if !inBox[rankfile.ReceiptHash(e.ID, code)] {
			missing++
		}
	}
	found := fmt.Sprintf("ballots in the box: %d; voters marked on the roll: %d; receipts given: %d; their ballots missing from the box: %d",
		len(box), voted, len(receipts), missing)
	if voted != len(box) {
		return found, fmt.Errorf("the box and the roll disagree")
	}
	if missing > 0 {
		return found, fmt.Errorf("%d acknowledged ballots are not in the box", missing)
	}
	return found, nil
}
