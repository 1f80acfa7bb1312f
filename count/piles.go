package count

import "sort"

// piles holds the ballot papers the way a count by hand does: each
// candidate's pile of papers, each paper at its current value. Papers with
// identical rankings always travel together, so a pile holds ballot indexes
// of the profile, each standing for all its papers.
type piles struct {
	p         *profile
	pos       []int32 // ballot -> index in its ranking of the candidate holding it
	value     []int64 // ballot -> value of each of its papers, in units
	held      [][]int32
	total     []int64
	exhausted int64 // value of papers that ran out of continuing candidates
	loss      int64 // value lost to truncated transfer values
}

// newPiles deals every paper, at value unit, to its first preference.
func newPiles(p *profile, unit int64, st []status) *piles {
	n := p.ballots()
	pl := &piles{
		p: p, pos: make([]int32, n), value: make([]int64, n),
		held: make([][]int32, len(p.names)), total: make([]int64, len(p.names)),
	}
	pl.sizePiles(st)
	for b := range n {
		pl.value[b] = unit
		pl.pos[b] = -1
		pl.move(int32(b), st)
	}
	return pl
}

// sizePiles gives each pile room for the papers first dealt to it, which
// spares the copies (and on a large count, the memory) of growing them.
func (pl *piles) sizePiles(st []status) {
	size := make([]int, len(pl.held))
	for b := range pl.p.ballots() {
		for _, c := range pl.p.ranking(b) {
			if st[c] == hopeful {
				size[c]++
				break
			}
		}
	}
	for c, n := range size {
		pl.held[c] = make([]int32, 0, n)
	}
}

// move passes ballot b to the next continuing candidate on it, or to the
// exhausted papers if none is left.
func (pl *piles) move(b int32, st []status) {
	r := pl.p.ranking(int(b))
	for i := pl.pos[b] + 1; int(i) < len(r); i++ {
		if c := r[i]; st[c] == hopeful {
			pl.pos[b] = i
			pl.held[c] = append(pl.held[c], b)
			pl.total[c] += pl.p.weight[b] * pl.value[b]
			return
		}
	}
	pl.pos[b] = int32(len(r))
	pl.exhausted += pl.p.weight[b] * pl.value[b]
}

// transferSurplus passes every paper of from on at the transfer value of
// SSI 2007/42 rule 48(3): its value times the surplus, divided by from's
// total, truncated to whole units. from keeps exactly the quota.
func (pl *piles) transferSurplus(from int, quota int64, st []status) {
	total := pl.total[from]
	surplus := total - quota
	before := pl.movedValue()
	papers := pl.held[from]
	pl.held[from] = nil
	for _, b := range papers {
		pl.value[b] = mulDivFloor(pl.value[b], surplus, total)
		pl.move(b, st)
	}
	pl.total[from] = quota
	// Everything from held beyond the quota either moved or was lost.
	pl.loss += before - pl.movedValue()
}

// transferAll passes every paper of the excluded candidates on at its
// current value (rule 50(4)).
func (pl *piles) transferAll(from []int, st []status) {
	for _, c := range from {
		papers := pl.held[c]
		pl.held[c] = nil
		pl.total[c] = 0
		for _, b := range papers {
			pl.move(b, st)
		}
	}
}

// movedValue is the value held by candidates plus the exhausted value; a
// transfer's loss is what it fails to add to this.
func (pl *piles) movedValue() int64 {
	sum := pl.exhausted
	for _, t := range pl.total {
		sum += t
	}
	return sum
}

// record appends a round with every candidate's total. Candidates still in
// the count, and those in justOut (excluded in this very round), are
// marked Counted.
func (c *counter) record(pl *piles, action string, from []int) *Round {
	n := len(c.st)
	r := Round{
		Number: len(c.rep.Rounds) + 1, Action: action, From: from,
		Tallies: make([]Decimal, n), Counted: make([]bool, n),
		Exhausted: c.dec(pl.exhausted), Loss: c.dec(pl.loss),
	}
	for i, s := range c.st {
		r.Tallies[i] = c.dec(pl.total[i])
		r.Counted[i] = s == hopeful || s == elected
	}
	for _, f := range from {
		r.Counted[f] = true
	}
	c.rep.Rounds = append(c.rep.Rounds, r)
	return &c.rep.Rounds[len(c.rep.Rounds)-1]
}

// dec makes a Decimal in the report's places.
func (c *counter) dec(units int64) Decimal { return Decimal{Units: units, Places: c.rep.Places} }

// byVotes returns the candidates ordered by the round's tallies, most
// votes first, candidates level staying in candidate order.
func (c *counter) byVotes(cands []int, r *Round) []int {
	out := append([]int(nil), cands...)
	sort.SliceStable(out, func(i, j int) bool {
		return r.Tallies[out[i]].Units > r.Tallies[out[j]].Units
	})
	return out
}
