package count

import "math"

// ballotTree is the profile as a prefix tree in preorder arrays. Ballots
// that share their first preferences share a path, so one visit of a node
// does the work of all the ballots through it; and since a hopeful
// candidate keeps the whole weight that reaches them, a Meek iteration
// stops at the first hopeful candidate on every path and never looks at the
// rest of the tree. The arithmetic is the same as ballot by ballot: the
// weight reaching a node depends only on the path to it, and multiplying by
// the node's ballot count is exact.
type ballotTree struct {
	cand   []int32 // node -> candidate
	weight []int32 // node -> number of ballots through the node, at most MaxTotalWeight
	end    []int32 // node -> index just past the node's subtree
}

// A node's weight is at most the election's total weight: four bytes hold
// it. This fails to compile if MaxTotalWeight outgrows them.
const _ = uint32(math.MaxInt32 - MaxTotalWeight)

// span is a group of ballots, ballots[lo:hi], sharing a path.
type span struct{ lo, hi int32 }

// newBallotTree builds the tree by MSD radix sort of the rankings.
func newBallotTree(p *profile) *ballotTree {
	// A tree has at most one node per preference.
	n := len(p.prefs)
	t := &ballotTree{cand: make([]int32, 0, n), weight: make([]int32, 0, n), end: make([]int32, 0, n)}
	ballots := make([]int32, p.ballots())
	for i := range ballots {
		ballots[i] = int32(i)
	}
	b := &treeBuilder{p: p, t: t, tmp: make([]int32, len(ballots)), count: make([]int32, len(p.names)+1), starts: make([]int32, len(p.names)+1)}
	b.children(ballots, 0)
	return t
}

// treeBuilder holds the scratch space of one tree build.
type treeBuilder struct {
	p      *profile
	t      *ballotTree
	tmp    []int32
	count  []int32
	starts []int32
	spans  []span // stack of child groups, shared by all levels
}

// children appends the subtrees for ballots, which share a path of length
// depth, grouped by the candidate at that depth.
func (b *treeBuilder) children(ballots []int32, depth int) {
	if len(ballots) == 1 {
		b.chain(ballots[0], depth)
		return
	}
	base := len(b.spans)
	b.group(ballots, depth)
	for i := base; i < len(b.spans); i++ {
		s := b.spans[i]
		group := ballots[s.lo:s.hi]
		node := b.node(int32(b.p.ranking(int(group[0]))[depth]), b.weightOf(group))
		b.children(group, depth+1)
		b.t.end[node] = int32(len(b.t.cand))
	}
	b.spans = b.spans[:base]
}

// group sorts ballots in place by the candidate at depth (ballots ending
// before depth first) and pushes one span per candidate present.
func (b *treeBuilder) group(ballots []int32, depth int) {
	clear(b.count)
	key := func(x int32) int32 {
		r := b.p.ranking(int(x))
		if depth >= len(r) {
			return 0
		}
		return int32(r[depth]) + 1
	}
	for _, x := range ballots {
		b.count[key(x)]++
	}
	starts := b.starts // a group is done with it before the next one starts
	starts[0] = 0
	for k, sum := 1, int32(0); k < len(b.count); k++ {
		sum += b.count[k-1]
		starts[k] = sum
	}
	for k := 1; k < len(b.count); k++ {
		if b.count[k] > 0 {
			b.spans = append(b.spans, span{starts[k], starts[k] + b.count[k]})
		}
	}
	tmp := b.tmp[:len(ballots)]
	for _, x := range ballots {
		k := key(x)
		tmp[starts[k]] = x
		starts[k]++
	}
	copy(ballots, tmp)
}

// chain appends the rest of one ballot's ranking as a path.
func (b *treeBuilder) chain(ballot int32, depth int) {
	r := b.p.ranking(int(ballot))
	w := b.p.weight[ballot]
	first := len(b.t.cand)
	for _, c := range r[depth:] {
		b.node(int32(c), w)
	}
	for n := first; n < len(b.t.cand); n++ {
		b.t.end[n] = int32(len(b.t.cand))
	}
}

func (b *treeBuilder) node(c int32, w int64) int {
	b.t.cand = append(b.t.cand, c)
	b.t.weight = append(b.t.weight, int32(w)) // w <= MaxTotalWeight < 2^31
	b.t.end = append(b.t.end, 0)
	return len(b.t.cand) - 1
}

func (b *treeBuilder) weightOf(group []int32) int64 {
	var w int64
	for _, x := range group {
		w += b.p.weight[x]
	}
	return w
}
