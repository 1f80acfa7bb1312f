package count

import "sort"

// iterate runs the iterations of one round (step B.2). It reports whether
// the round elected or doomed anyone, and returns the sure losers if an
// alternative-defeat check found some.
func (m *meek) iterate() (changed bool, batch []int) {
	prev := int64(-1)
	for {
		m.round.Iterations++
		m.distribute()
		m.setQuota()
		changed = m.electWinners()
		m.surplus = m.totalSurplus()
		if changed {
			return true, nil
		}
		if m.opt.altDefeatsIn(m.round.Number) == AltDefeatsIfNoNewElected {
			if batch = m.sureLosers(); len(batch) > 0 {
				return false, batch
			}
		}
		if m.surplus < meekOmega || (prev >= 0 && m.surplus >= prev) {
			return false, nil
		}
		if m.opt.altDefeatsIn(m.round.Number) == AltDefeatsPerReferenceRule {
			if batch = m.sureLosers(); len(batch) > 0 {
				return false, batch
			}
		}
		m.updateKeepFactors()
		prev = m.surplus
	}
}

// distribute counts every ballot (step B.2.a): the weight w reaching each
// candidate in turn leaves w×kf, rounded up, with them and passes on the
// rest.
func (m *meek) distribute() {
	clear(m.votes)
	m.walk(0, int32(len(m.tree.cand)), meekUnit)
}

// walk distributes weight w (per ballot) over the sibling nodes from i to
// end and their subtrees.
func (m *meek) walk(i, end int32, w int64) {
	t := m.tree
	for ; i < end; i = t.end[i] {
		c := t.cand[i]
		kf := m.kf[c]
		switch kf {
		case 0: // defeated or withdrawn: the weight passes through
			m.walk(i+1, t.end[i], w)
		case meekUnit: // keeps everything: nothing reaches later candidates
			m.votes[c] += w * int64(t.weight[i])
		default:
			keep := (w*kf + meekUnit - 1) / meekUnit
			m.votes[c] += keep * int64(t.weight[i])
			if w > keep {
				m.walk(i+1, t.end[i], w-keep)
			}
		}
	}
}

// setQuota sets the quota (step B.2.b): the votes for candidates divided by
// seats+1, truncated, plus 10^-9. With protected candidates that is their
// quota, and the others face the same formula over the votes not needed by
// the protected candidates and the seats not reserved for them.
func (m *meek) setQuota() {
	var total int64
	for _, v := range m.votes {
		total += v
	}
	m.quota = total/int64(m.seats+1) + 1
	m.pquota = m.quota
	if n := m.nProtected(); n > 0 {
		rest := total
		for i, p := range m.protected {
			if p {
				rest -= min(m.votes[i], m.pquota)
			}
		}
		m.quota = rest/int64(m.seats-n+1) + 1
	}
}

// quotaOf returns the quota candidate c must reach.
func (m *meek) quotaOf(c int) int64 {
	if m.protected[c] {
		return m.pquota
	}
	return m.quota
}

// electWinners elects every hopeful candidate at or over their quota (step
// B.2.c), most votes first, defeating instead any the constraints doom.
// It reports whether anyone was elected or defeated.
func (m *meek) electWinners() bool {
	var reached []int
	for _, h := range m.hopefuls() {
		if m.votes[h] >= m.quotaOf(h) {
			reached = append(reached, h)
		}
	}
	sort.SliceStable(reached, func(i, j int) bool { return m.votes[reached[i]] > m.votes[reached[j]] })
	for _, h := range reached {
		if m.res.doomed(m.st, h) {
			m.defeat(m.round, h, ReasonDoomed, nil)
		} else {
			m.elect(m.round, h, ReasonQuota, nil)
		}
	}
	return len(reached) > 0
}

// totalSurplus sums the elected candidates' votes over their quotas (step
// B.2.d).
func (m *meek) totalSurplus() int64 {
	var s int64
	for i, st := range m.st {
		if st == elected {
			s += m.votes[i] - m.quotaOf(i)
		}
	}
	return s
}

// updateKeepFactors sets each elected candidate's keep factor to
// kf×quota/votes, each step rounded up (step B.2.f).
func (m *meek) updateKeepFactors() {
	for i, st := range m.st {
		if st == elected && m.votes[i] > 0 {
			kq := mulDivCeil(m.kf[i], m.quotaOf(i), meekUnit)
			// A keep factor above 1 would keep more than reaches the
			// candidate; it cannot arise while votes stay at or above
			// the quota, and is capped so that it never can.
			m.kf[i] = min(mulDivCeil(kq, meekUnit, m.votes[i]), meekUnit)
		}
	}
}

// defeatable returns the hopeful candidates that may be defeated: neither
// protected nor guarded. It also returns the guarded ones.
func (m *meek) defeatable() (open, guarded []int) {
	for _, h := range m.hopefuls() {
		switch {
		case m.protected[h]:
		case m.res.guarded(m.st, h):
			guarded = append(guarded, h)
		default:
			open = append(open, h)
		}
	}
	if len(open) == 0 {
		// Unreachable while the constraints stay satisfiable (see
		// counter.lowest); never let the count stall.
		open, guarded = guarded, nil
	}
	return open, guarded
}

// lowestMeek picks the candidate to defeat (step B.3): the fewest votes,
// where everyone within the total surplus of the fewest is tied, and ties
// go to the lot. It returns -1 if no one can be defeated, and the guarded
// candidates passed over.
func (m *meek) lowestMeek() (int, *Tie, []int) {
	open, guarded := m.defeatable()
	if len(open) == 0 {
		return -1, nil, nil
	}
	low := m.votes[open[0]]
	for _, h := range open[1:] {
		low = min(low, m.votes[h])
	}
	var tied, passed []int
	for _, h := range open {
		if m.votes[h] <= low+m.surplus {
			tied = append(tied, h)
		}
	}
	for _, g := range guarded {
		if m.votes[g] < low {
			passed = append(passed, g)
		}
	}
	if len(tied) == 1 {
		return tied[0], nil, passed
	}
	return m.tb.draw(m.round.Number, tied), &Tie{Candidates: tied, ByLot: true}, passed
}

// sureLosers returns the largest set of lowest defeatable candidates whose
// votes together, plus the total surplus, stay below the next candidate's,
// provided enough candidates remain to fill the seats; or nothing.
func (m *meek) sureLosers() []int {
	open, _ := m.defeatable()
	sort.SliceStable(open, func(i, j int) bool { return m.votes[open[i]] > m.votes[open[j]] })
	rest := int64(0)
	for _, h := range open {
		rest += m.votes[h]
	}
	for i, h := range open {
		rest -= m.votes[h]
		if i+1+len(m.rep.Elected) >= m.seats && rest+m.surplus < m.votes[h] {
			return open[i+1:]
		}
	}
	return nil
}
