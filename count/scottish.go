package count

// scotUnit is one vote in Scottish STV units: values are kept to five
// decimal places (SSI 2007/42 rule 48(3)).
const scotUnit = 100_000

// countScottish counts by SSI 2007/42 rules 45-52. Each stage transfers one
// parcel (a surplus or an excluded candidate's papers) and is recorded as a
// round; after each stage the candidates with a quota are elected, the count
// ends when the seats are filled or the continuing candidates just fill
// them (rule 52), and otherwise the next stage transfers the largest surplus
// (rule 49) or excludes the lowest candidate (rules 50, 51).
func countScottish(c *counter) {
	quota := (c.p.valid/int64(c.seats+1) + 1) * scotUnit // rule 46
	c.rep.Quota = c.dec(quota)
	pl := newPiles(c.p, scotUnit, c.st) // rule 45
	r := c.record(pl, "first preferences", nil)
	pending := []int{} // elected candidates whose surplus awaits transfer
	for {
		r.Quota = c.rep.Quota
		pending = append(pending, c.electQuotas(r, quota)...)
		if c.finish(r) {
			return
		}
		r = c.nextScottishStage(pl, quota, &pending)
	}
}

// nextScottishStage runs one stage: doomed candidates out first, then the
// largest surplus, then the lowest candidate.
func (c *counter) nextScottishStage(pl *piles, quota int64, pending *[]int) *Round {
	last := &c.rep.Rounds[len(c.rep.Rounds)-1]
	if doomed := c.doomedHopefuls(); len(doomed) > 0 {
		for _, d := range doomed {
			c.st[d] = excluded
		}
		pl.transferAll(doomed, c.st)
		r := c.record(pl, "exclusion", doomed)
		for _, d := range doomed {
			r.Excluded = append(r.Excluded, Decision{Candidate: d, Reason: ReasonDoomed})
		}
		return r
	}
	if s := c.largestSurplus(*pending, last, quota); s >= 0 {
		*pending = remove(*pending, s)
		surplus := pl.total[s] - quota
		pl.transferSurplus(s, quota, c.st)
		r := c.record(pl, "surplus", []int{s})
		r.Surplus = c.dec(surplus)
		return r
	}
	low, tie, guarded := c.lowest(last)
	c.st[low] = excluded
	pl.transferAll([]int{low}, c.st)
	r := c.record(pl, "exclusion", []int{low})
	r.Excluded = append(r.Excluded, Decision{Candidate: low, Reason: ReasonLowest, Tie: tie})
	r.Guarded = guarded
	return r
}

// electQuotas elects, most votes first, every continuing candidate with a
// quota (rule 47), unless the constraints doom them, and returns them.
func (c *counter) electQuotas(r *Round, quota int64) []int {
	var reached []int
	for _, h := range c.hopefuls() {
		if r.Tallies[h].Units >= quota {
			reached = append(reached, h)
		}
	}
	var out []int
	for len(reached) > 0 {
		next, tie := c.mostVotes(reached)
		reached = remove(reached, next)
		if c.res.doomed(c.st, next) {
			continue // excluded as doomed at the next stage
		}
		if c.seatsLeft() == 0 {
			break
		}
		c.elect(r, next, ReasonQuota, tie)
		out = append(out, next)
	}
	return out
}

// largestSurplus returns the pending candidate with the largest surplus
// (rule 49), or -1 if none has a surplus.
func (c *counter) largestSurplus(pending []int, r *Round, quota int64) int {
	var with []int
	for _, e := range pending {
		if r.Tallies[e].Units > quota {
			with = append(with, e)
		}
	}
	if len(with) == 0 {
		return -1
	}
	s, _ := c.mostVotes(with)
	return s
}

// mostVotes returns the candidate with the most votes in the last round,
// breaking a tie by the most recent round at which they differed, then by
// lot (rule 49(2), (3)).
func (c *counter) mostVotes(cands []int) (int, *Tie) {
	rounds := c.rep.Rounds
	top := extremes(cands, rounds[len(rounds)-1].Tallies, false)
	if len(top) == 1 {
		return top[0], nil
	}
	return c.tb.breakTie(top, rounds, false)
}

// lowest returns the continuing candidate to exclude: the fewest votes
// among those not guarded, ties broken as rule 51 says. It also returns the
// guarded candidates passed over because they had fewer votes.
func (c *counter) lowest(r *Round) (int, *Tie, []int) {
	var open, guarded []int
	for _, h := range c.hopefuls() {
		if c.res.guarded(c.st, h) {
			guarded = append(guarded, h)
		} else {
			open = append(open, h)
		}
	}
	if len(open) == 0 {
		// Unreachable while the constraints stay satisfiable: some
		// continuing candidate is then always outside every completion.
		open = guarded
	}
	low := extremes(open, r.Tallies, true)
	var passed []int
	for _, g := range guarded {
		if r.Tallies[g].Units < r.Tallies[low[0]].Units {
			passed = append(passed, g)
		}
	}
	if len(low) == 1 {
		return low[0], nil, passed
	}
	chosen, tie := c.tb.breakTie(low, c.rep.Rounds, true)
	return chosen, tie, passed
}

// remove returns s without the first x.
func remove(s []int, x int) []int {
	for i, v := range s {
		if v == x {
			return append(s[:i:i], s[i+1:]...)
		}
	}
	return s
}
