package store

import (
	"context"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// A sealed value is as long as what it seals, and a ballot's length says
// how many candidates its voter ranked: with a copy of the database taken
// while voting is open, and a voter's mark beside her sealed ballot, that
// would narrow down which published ballot is hers. So every sealed
// ballot of an election is padded to one length, that of the longest
// ballot there can be in it (every candidate ranked in every contest),
// and a batch of paper ballots to that of as many longest ballots.

// ballotPad returns the length every sealed ballot of the election is
// padded to.
func (db *DB) ballotPad(ctx context.Context, q querier, electionID int64) (int, error) {
	if n, ok := db.ballotPads.Load(electionID); ok {
		return n.(int), nil
	}
	full, err := fullBallot(ctx, q, electionID)
	if err != nil {
		return 0, err
	}
	n := len(mustJSON(sealedBallot{ReceiptHash: strings.Repeat("0", receiptHashLen), Rankings: full.Rankings}))
	db.ballotPads.Store(electionID, n)
	return n, nil
}

// receiptHashLen is the length of a receipt's hash: SHA-256 in hex.
const receiptHashLen = 64

// paperPad returns the length a batch of n paper ballots is padded to.
func paperPad(ctx context.Context, q querier, electionID int64, n int) (int, error) {
	full, err := fullBallot(ctx, q, electionID)
	if err != nil {
		return 0, err
	}
	return len(mustJSON(slices.Repeat([]*rankfile.Ballot{full}, n))), nil
}

// fullBallot is the longest ballot of an election: every candidate ever
// nominated ranked in every contest.
func fullBallot(ctx context.Context, q querier, electionID int64) (*rankfile.Ballot, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.contest_id, c.id FROM candidates c
		JOIN contests k ON k.id = c.contest_id WHERE k.election_id = $1`, electionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	b := &rankfile.Ballot{Rankings: map[int64][]int64{}}
	for rows.Next() {
		var contestID, candidateID int64
		if err := rows.Scan(&contestID, &candidateID); err != nil {
			return nil, err
		}
		b.Rankings[contestID] = append(b.Rankings[contestID], candidateID)
	}
	return b, rows.Err()
}
