package count

import "fmt"

// Meek arithmetic: values are integers in units of 10^-9 (the reference
// rule's nine decimal places), and the iteration of a round stops once the
// total surplus is below omega = 10^-6.
const (
	meekUnit  = 1_000_000_000
	meekOmega = 1_000
)

// meek is the state of a Meek count.
type meek struct {
	*counter
	opt       MeekOptions
	tree      *ballotTree
	kf        []int64 // keep factors
	votes     []int64
	protected []bool
	quota     int64 // quota for candidates not protected
	pquota    int64 // quota for protected candidates
	surplus   int64
	round     *Round
}

// countMeek counts by the PR Foundation's reference Meek rule (steps A-C),
// with the protected-candidate and alternative-defeat extensions of its
// reference implementation and Hill's guarding and dooming for
// constraints.
func countMeek(c *counter, opt MeekOptions) error {
	m := &meek{counter: c, opt: opt, tree: newBallotTree(c.p)}
	if err := m.init(); err != nil {
		return err
	}
	stalled := false
	for first := true; first || !m.complete(); first = false {
		if stalled {
			return fmt.Errorf("meek: round %d decided nothing; this is a fault in rankfile, please report it", m.round.Number)
		}
		m.countRound()
		stalled = len(m.round.Elected)+len(m.round.Excluded) == 0
	}
	return nil
}

// init sets keep factors (step A) and the protected candidates.
func (m *meek) init() error {
	n := len(m.st)
	m.kf, m.votes, m.protected = make([]int64, n), make([]int64, n), make([]bool, n)
	for i, s := range m.st {
		if s == hopeful {
			m.kf[i] = meekUnit
		}
	}
	for _, p := range m.opt.Protected {
		if p < 0 || p >= n || m.st[p] != hopeful {
			return fmt.Errorf("protected candidate %d does not exist or withdrew", p+1)
		}
		m.protected[p] = true
	}
	if m.nProtected() > m.seats {
		return fmt.Errorf("%d protected candidates is more than the %d seats", m.nProtected(), m.seats)
	}
	return nil
}

func (m *meek) nProtected() int {
	n := 0
	for _, p := range m.protected {
		if p {
			n++
		}
	}
	return n
}

// complete tests whether the count is over (step B.1) and if so fills or
// closes the remaining seats (step C).
func (m *meek) complete() bool {
	r := &m.rep.Rounds[len(m.rep.Rounds)-1]
	filled := len(m.rep.Elected)
	for i, p := range m.protected {
		if p && m.st[i] == hopeful {
			filled++
		}
	}
	hopefuls := m.hopefuls()
	switch {
	case filled < m.seats && len(hopefuls)+len(m.rep.Elected) > m.seats:
		return false
	case filled < m.seats:
		for _, h := range m.byVotes(hopefuls, r) {
			m.elect(r, h, ReasonLastStanding, nil)
		}
	default:
		for _, h := range m.byVotes(hopefuls, r) {
			if m.protected[h] {
				m.elect(r, h, ReasonProtected, nil)
			}
		}
		for _, h := range m.hopefuls() {
			m.defeat(r, h, ReasonSeatsFilled, nil)
		}
	}
	return true
}

// countRound iterates to convergence (step B.2) and defeats (step B.3).
func (m *meek) countRound() {
	m.rep.Rounds = append(m.rep.Rounds, Round{Number: len(m.rep.Rounds) + 1, Action: "iteration"})
	m.round = &m.rep.Rounds[len(m.rep.Rounds)-1]
	m.round.Counted = make([]bool, len(m.st))
	for i, s := range m.st {
		m.round.Counted[i] = s == hopeful || s == elected
	}
	changed, batch := m.iterate()
	m.recordRound()
	if !changed {
		if len(batch) == 0 && m.opt.altDefeatsIn(m.round.Number) == AltDefeatsBeforeSingle {
			batch = m.sureLosers()
		}
		m.defeatBatchOrLowest(batch)
	}
	for _, d := range m.doomedHopefuls() {
		m.defeat(m.round, d, ReasonDoomed, nil)
	}
}

// defeatBatchOrLowest defeats the sure losers found, or else the lowest
// defeatable candidate.
func (m *meek) defeatBatchOrLowest(batch []int) {
	for _, b := range batch {
		m.defeat(m.round, b, ReasonSureLosers, nil)
	}
	if len(batch) > 0 {
		return
	}
	if low, tie, guarded := m.lowestMeek(); low >= 0 {
		m.defeat(m.round, low, ReasonLowest, tie)
		m.round.Guarded = guarded
	}
}

// defeat excludes a candidate and zeroes their keep factor.
func (m *meek) defeat(r *Round, c int, why Reason, tie *Tie) {
	m.exclude(r, c, why, tie)
	m.kf[c] = 0
}

// recordRound stores the last iteration's figures in the round.
func (m *meek) recordRound() {
	r := m.round
	n := len(m.st)
	r.Tallies, r.KeepFactors = make([]Decimal, n), make([]Decimal, n)
	var sum int64
	for i := range n {
		r.Tallies[i] = m.dec(m.votes[i])
		r.KeepFactors[i] = m.dec(m.kf[i])
		sum += m.votes[i]
	}
	r.Exhausted = m.dec(m.p.total*meekUnit - sum)
	r.Quota = m.dec(m.quota)
	r.Surplus = m.dec(m.surplus)
	m.rep.Quota = r.Quota
}
