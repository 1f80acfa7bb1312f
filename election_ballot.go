package rankfile

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// Ballot is what a voter casts: a ranking of candidates in each contest,
// most preferred first. A contest left out, or ranked empty, is one the
// voter abstains in. A question's choice is a ranking of one option, so
// that secrecy, receipts, paper ballots and the public record serve it as
// they serve a contest.
type Ballot struct {
	Rankings map[int64][]int64 `json:"rankings"` // contest id → candidate ids
}

// CheckBallot refuses a ballot that ranks in an unknown contest, ranks a
// candidate who is not on that contest's ballot (unknown or withdrawn), or
// ranks a candidate twice.
func (e *Election) CheckBallot(b *Ballot) error {
	if b == nil {
		return Errorf(EINVALID, "no ballot")
	}
	for contestID, ranking := range b.Rankings {
		c := e.Contest(contestID)
		if c == nil {
			return Errorf(EINVALID, "the ballot ranks candidates in contest %d, which is not in this election", contestID)
		}
		if c.IsQuestion() && len(ranking) > 1 {
			return Errorf(EINVALID, "%s: choose one option, or leave the question blank", c.Title)
		}
		seen := map[int64]bool{}
		for _, id := range ranking {
			cand := c.Candidate(id)
			switch {
			case cand == nil:
				return Errorf(EINVALID, "%s: the ballot ranks candidate %d, who is not standing", c.Title, id)
			case !cand.OnBallot():
				return Errorf(EINVALID, "%s: %s is not on the ballot (%s)", c.Title, cand.Name, cand.offBallot())
			case seen[id]:
				return Errorf(EINVALID, "%s: the ballot ranks %s twice", c.Title, cand.Name)
			}
			seen[id] = true
		}
	}
	return nil
}

// Candidate returns the contest's candidate with the id, or nil.
func (c *Contest) Candidate(id int64) *Candidate {
	for _, cand := range c.Candidates {
		if cand.ID == id {
			return cand
		}
	}
	return nil
}

// ReceiptHash is what the public record lists beside a ballot for the
// receipt code its voter was given: the code alone never leaves the
// voter's screen.
func ReceiptHash(electionID int64, code string) string {
	sum := sha256.Sum256([]byte("rankfile receipt\x00" + strconv.FormatInt(electionID, 10) + "\x00" + NormalizeReceipt(code)))
	return hex.EncodeToString(sum[:])
}

// NormalizeReceipt reads a receipt code as a voter might type it back:
// any case, with or without the dashes.
func NormalizeReceipt(code string) string {
	return strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(code))
}

// StoredBallot is a ballot as the ballot box holds it: nothing about who
// cast it, and of when only the day.
type StoredBallot struct {
	// ID is random: the order of ids says nothing of the order of casting.
	ID          string
	CastOn      Date
	ReceiptHash string // "" for a paper ballot
	Rankings    map[int64][]int64
}
