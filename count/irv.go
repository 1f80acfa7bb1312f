package count

// countIRV counts instant runoff for one seat, round by round as RCTab
// reports it: each round counts every ballot for its highest continuing
// candidate; a candidate with more than half of those votes wins, and
// otherwise the candidate with the fewest votes is excluded (ties broken by
// the most recent round at which the tied candidates differed, then by
// lot) and their ballots move on in the next round.
func countIRV(c *counter) {
	pl := newPiles(c.p, 1, c.st)
	r := c.record(pl, "first preferences", nil)
	for {
		active := int64(0)
		for _, h := range c.hopefuls() {
			active += pl.total[h]
		}
		r.Quota = c.dec(active/2 + 1)
		c.rep.Quota = r.Quota
		if c.irvDecide(r, active) {
			return
		}
		low, tie := c.irvLowest(r)
		c.exclude(r, low, ReasonLowest, tie)
		pl.transferAll([]int{low}, c.st)
		// The excluded candidate already appears, with their votes, in
		// the round that excluded them; the next round leaves them out.
		r = c.record(pl, "exclusion", nil)
		r.From = []int{low}
	}
}

// irvDecide elects a candidate holding a majority of the active votes, or
// the last one standing, and reports whether the count is over.
func (c *counter) irvDecide(r *Round, active int64) bool {
	rest := c.hopefuls()
	if len(rest) == 0 {
		return true
	}
	top, tie := c.mostVotes(rest)
	switch {
	case 2*r.Tallies[top].Units > active:
		c.elect(r, top, ReasonMajority, tie)
	case len(rest) == 1:
		c.elect(r, top, ReasonLastStanding, nil)
	default:
		return false
	}
	for _, h := range c.hopefuls() {
		c.exclude(r, h, ReasonSeatsFilled, nil)
	}
	return true
}

// irvLowest returns the candidate to exclude after round r.
func (c *counter) irvLowest(r *Round) (int, *Tie) {
	low := extremes(c.hopefuls(), r.Tallies, true)
	if len(low) == 1 {
		return low[0], nil
	}
	return c.tb.breakTie(low, c.rep.Rounds, true)
}
