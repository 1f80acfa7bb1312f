package count

import (
	"errors"
	"fmt"
)

// Options chooses the rule and its inputs for Count.
type Options struct {
	// Method is the counting rule.
	Method Method
	// Seats overrides the election's number of seats when not 0.
	Seats int
	// Seed seeds the lot. It is recorded in the report even when no lot
	// is drawn, so that a recount can be run identically.
	Seed string
	// TieOrder, when not empty, replaces the lot and the election's own
	// tie order: among tied candidates the one listed earliest is chosen.
	TieOrder []int
	// Tags gives each candidate's tags by name, for the constraints.
	Tags Tags
	// Constraints reserve seats; only the STV methods enforce them.
	Constraints []Constraint
	// Meek holds options of the Meek rule only.
	Meek MeekOptions
}

// counter is the state every method shares.
type counter struct {
	p     *profile
	seats int
	st    []status
	tb    *tieBreaker
	res   *reservation
	rep   *Report
}

// Count counts the election by the chosen method and returns the report.
// It refuses, before counting, a malformed election, equal rankings,
// constraints under IRV, and constraints that no result can satisfy.
func Count(e *Election, opt Options) (*Report, error) {
	if opt.Method != IRV && opt.Method != Scottish && opt.Method != Meek {
		return nil, fmt.Errorf("unknown method %q: use irv, scottish or meek", opt.Method)
	}
	p, err := compile(e, opt.Method)
	if err != nil {
		return nil, err
	}
	c, err := newCounter(e, p, opt)
	if err != nil {
		return nil, err
	}
	switch opt.Method {
	case IRV:
		countIRV(c)
	case Scottish:
		countScottish(c)
	case Meek:
		if err := countMeek(c, opt.Meek); err != nil {
			return nil, err
		}
	}
	return c.rep, nil
}

func newCounter(e *Election, p *profile, opt Options) (*counter, error) {
	seats := e.Seats
	if opt.Seats != 0 {
		seats = opt.Seats
	}
	if err := checkSeats(opt.Method, seats); err != nil {
		return nil, err
	}
	order := e.TieOrder
	if len(opt.TieOrder) > 0 {
		order = opt.TieOrder
	}
	for _, t := range order {
		if t < 0 || t >= len(e.Candidates) {
			return nil, fmt.Errorf("tie order names candidate %d, which does not exist", t+1)
		}
	}
	c := &counter{p: p, seats: seats, st: make([]status, len(e.Candidates))}
	for i := range c.st {
		if p.withdrawn[i] {
			c.st[i] = withdrawn
		}
	}
	c.tb = newTieBreaker(opt.Seed, e.Candidates, order)
	c.rep = &Report{
		Method: opt.Method, Title: e.Title, Seats: seats, Candidates: e.Candidates,
		Withdrawn: append([]int(nil), e.Withdrawn...), Seed: opt.Seed, TieOrder: order,
		Constraints: opt.Constraints, Ballots: p.total, Valid: p.valid, Places: opt.Method.Places(),
	}
	return c, c.reserve(e, opt)
}

func checkSeats(m Method, seats int) error {
	if seats < 1 {
		return fmt.Errorf("seats must be at least 1, not %d", seats)
	}
	if m == IRV && seats != 1 {
		return fmt.Errorf("irv elects one seat but %d are asked for: count several seats with scottish or meek", seats)
	}
	return nil
}

// reserve sets up the constraints and refuses impossible ones.
func (c *counter) reserve(e *Election, opt Options) error {
	if len(opt.Constraints) == 0 {
		return nil
	}
	if opt.Method == IRV {
		return errors.New("constraints are enforced by the STV methods only: count with scottish or meek")
	}
	tags, err := candidateTags(e.Candidates, opt.Tags)
	if err != nil {
		return err
	}
	if c.res, err = newReservation(opt.Constraints, tags, c.seats); err != nil {
		return err
	}
	return c.res.check(c.st)
}

// seatsLeft returns the number of seats not yet filled.
func (c *counter) seatsLeft() int {
	n := c.seats
	for _, s := range c.st {
		if s == elected {
			n--
		}
	}
	return n
}

// hopefuls returns the continuing candidates.
func (c *counter) hopefuls() []int {
	var out []int
	for i, s := range c.st {
		if s == hopeful {
			out = append(out, i)
		}
	}
	return out
}

// elect marks c elected and records it in the round.
func (c *counter) elect(r *Round, cand int, why Reason, tie *Tie) {
	c.st[cand] = elected
	c.rep.Elected = append(c.rep.Elected, cand)
	r.Elected = append(r.Elected, Decision{Candidate: cand, Reason: why, Tie: tie})
}

// exclude marks c excluded and records it in the round.
func (c *counter) exclude(r *Round, cand int, why Reason, tie *Tie) {
	c.st[cand] = excluded
	r.Excluded = append(r.Excluded, Decision{Candidate: cand, Reason: why, Tie: tie})
}

// doomedHopefuls returns the continuing candidates whose election would
// make the constraints unsatisfiable.
func (c *counter) doomedHopefuls() []int {
	if c.res == nil || c.seatsLeft() == 0 {
		return nil // with every seat filled the rest are simply not elected
	}
	var out []int
	for _, h := range c.hopefuls() {
		if c.res.doomed(c.st, h) {
			out = append(out, h)
		}
	}
	return out
}

// finish elects every continuing candidate if they fit in the seats left
// (last ones standing), or else, when every seat is filled, marks the rest
// not elected. It reports whether the count is over.
func (c *counter) finish(r *Round) bool {
	left, rest := c.seatsLeft(), c.hopefuls()
	switch {
	case left == 0:
		for _, h := range rest {
			c.exclude(r, h, ReasonSeatsFilled, nil)
		}
		return true
	case len(rest) <= left:
		for _, h := range c.byVotes(rest, r) {
			c.elect(r, h, ReasonLastStanding, nil)
		}
		return true
	}
	return false
}

// containsInt reports whether x is in s.
func containsInt(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
