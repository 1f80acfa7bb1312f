package geo

import (
	"math"
	"slices"

	"github.com/rankfile/rankfile"
)

// piece is a few doors in a row of one side of a street: what a turf is
// made of.
type piece struct {
	doors []Door
	seq   int    // place in the order the sides were cut in
	side  int    // which stretch of a side it was cut from
	key   uint64 // place on the Hilbert curve
}

// cutPieces cuts every side into pieces of at most limit doors, as even
// as they come, keeping a building's units together where the limit
// allows.
func cutPieces(sides []side, limit int) []piece {
	var pieces []piece
	for k, s := range sides {
		n := (len(s) + limit - 1) / limit
		for i := range n {
			from, to := cutPoint(s, i, n, limit), cutPoint(s, i+1, n, limit)
			if from < to {
				pieces = append(pieces, piece{doors: s[from:to], seq: len(pieces), side: k})
			}
		}
	}
	return pieces
}

// cutPoint is where the i-th of n even cuts of s falls, moved back to the
// start of a building when that keeps the piece within limit.
func cutPoint(s side, i, n, limit int) int {
	at := i * len(s) / n
	if at == 0 || at == len(s) {
		return at
	}
	start := at
	for start > 0 && s[start-1].Number == s[at].Number && s[at].Number != 0 {
		start--
	}
	prev := (i - 1) * len(s) / n
	if start > prev && at-start < limit/2 {
		return start
	}
	return at
}

// orderPieces puts the pieces in the order of their middles along a
// Hilbert curve over their bounding box.
func orderPieces(pieces []piece, proj projection) {
	xs, ys := make([]float64, len(pieces)), make([]float64, len(pieces))
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, p := range pieces {
		xs[i], ys[i] = proj.xy(middle(p.doors))
		minX, minY, maxX, maxY = min(minX, xs[i]), min(minY, ys[i]), max(maxX, xs[i]), max(maxY, ys[i])
	}
	span := max(maxX-minX, maxY-minY, 1)
	for i := range pieces {
		pieces[i].key = hilbertKey(cell(xs[i]-minX, span), cell(ys[i]-minY, span))
	}
	slices.SortStableFunc(pieces, func(a, b piece) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return 0
	})
}

// cell places a coordinate from 0 to span on the curve's grid.
func cell(v, span float64) uint32 {
	return uint32(min(v/span*hilbertSide, hilbertSide-1))
}

// middle returns the door in the middle of a row.
func middle(doors []Door) rankfile.Point { return doors[len(doors)/2].Point }

// splitRuns cuts the ordered pieces into runs of consecutive pieces, each
// of Min to Max doors, choosing the cuts that make the sum of squared
// differences from Target least. ok is false when no such cut exists. A
// universe of Max doors or fewer is one run.
func splitRuns(pieces []piece, size TurfSize) ([][]piece, bool) {
	prefix := make([]int, len(pieces)+1)
	for i, p := range pieces {
		prefix[i+1] = prefix[i] + len(p.doors)
	}
	if prefix[len(pieces)] <= size.Max {
		return [][]piece{pieces}, true
	}
	from := bestCuts(prefix, size)
	if from == nil {
		return nil, false
	}
	var runs [][]piece
	for i := len(pieces); i > 0; i = from[i] {
		runs = append(runs, pieces[from[i]:i])
	}
	slices.Reverse(runs)
	return runs, true
}

// bestCuts finds, for every prefix of the pieces that can be cut into
// runs within the sizes, where its last run starts in the least costly
// cut; nil when the whole cannot be cut.
func bestCuts(prefix []int, size TurfSize) []int {
	n := len(prefix) - 1
	cost := make([]int64, n+1)
	from := make([]int, n+1)
	for i := 1; i <= n; i++ {
		cost[i] = math.MaxInt64
		for j := i - 1; j >= 0 && prefix[i]-prefix[j] <= size.Max; j-- {
			doors := prefix[i] - prefix[j]
			if doors < size.Min || cost[j] == math.MaxInt64 {
				continue
			}
			off := int64(doors - size.Target)
			if c := cost[j] + off*off; c < cost[i] {
				cost[i], from[i] = c, j
			}
		}
	}
	if cost[n] == math.MaxInt64 {
		return nil
	}
	return from
}
