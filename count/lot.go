package count

import (
	"bytes"
	"crypto/sha256"
	"strconv"
)

// tieBreaker breaks ties that a rule leaves to the lot. The lot is a hash,
// so that anyone can redraw it by hand: for each tied candidate, compute
//
//	SHA-256(seed + "\n" + round + "\n" + candidate name)
//
// with the round as a decimal number; the candidate with the smallest hash
// (compared as bytes) is drawn. When the election carries a tie order, it
// replaces the lot: the tied candidate listed earliest is drawn, and
// candidates missing from the order come after all listed ones, by lot.
type tieBreaker struct {
	seed  string
	names []string
	rank  []int // rank[c] = position of c in the tie order, or len(order)
}

func newTieBreaker(seed string, names []string, order []int) *tieBreaker {
	tb := &tieBreaker{seed: seed, names: names, rank: make([]int, len(names))}
	for c := range tb.rank {
		tb.rank[c] = len(order)
	}
	for i := len(order) - 1; i >= 0; i-- {
		tb.rank[order[i]] = i
	}
	return tb
}

// draw returns the candidate drawn from tied in the given round.
func (tb *tieBreaker) draw(round int, tied []int) int {
	best := tied[0]
	bestHash := tb.hash(round, best)
	for _, c := range tied[1:] {
		h := tb.hash(round, c)
		if tb.rank[c] < tb.rank[best] || (tb.rank[c] == tb.rank[best] && bytes.Compare(h[:], bestHash[:]) < 0) {
			best, bestHash = c, h
		}
	}
	return best
}

func (tb *tieBreaker) hash(round, c int) [sha256.Size]byte {
	return sha256.Sum256([]byte(tb.seed + "\n" + strconv.Itoa(round) + "\n" + tb.names[c]))
}

// breakTie chooses one of tied, the candidates level at the current round.
// When lowest is set it looks for the fewest votes, else for the most. It
// looks back through earlier rounds (history holds each round's tallies,
// oldest first, the current round last) for the most recent one at which
// the candidates still tied differed, keeping those at the extreme, and
// draws by lot among those never separated.
func (tb *tieBreaker) breakTie(tied []int, history []Round, lowest bool) (int, *Tie) {
	tie := &Tie{Candidates: append([]int(nil), tied...)}
	left := append([]int(nil), tied...)
	for s := len(history) - 2; s >= 0 && len(left) > 1; s-- {
		if kept := extremes(left, history[s].Tallies, lowest); len(kept) < len(left) {
			left, tie.Stage = kept, history[s].Number
		}
	}
	if len(left) == 1 {
		return left[0], tie
	}
	tie.ByLot = true
	return tb.draw(history[len(history)-1].Number, left), tie
}

// extremes returns the candidates of set whose tally is the lowest (or
// highest) among them.
func extremes(set []int, tallies []Decimal, lowest bool) []int {
	best := tallies[set[0]].Units
	for _, c := range set[1:] {
		v := tallies[c].Units
		if (lowest && v < best) || (!lowest && v > best) {
			best = v
		}
	}
	var out []int
	for _, c := range set {
		if tallies[c].Units == best {
			out = append(out, c)
		}
	}
	return out
}
