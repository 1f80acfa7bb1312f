package count

import (
	"fmt"
	"strings"
)

// status is a candidate's state during a count.
type status uint8

const (
	hopeful   status = iota // still continuing
	elected                 // elected
	excluded                // excluded (defeated) during the count
	withdrawn               // withdrew before the count
)

// maxConstraints bounds the constraints so that each candidate's
// memberships fit in one 64-bit mask.
const maxConstraints = 64

// reservation enforces reserved-seat constraints during a count, by Hill's
// guarding and dooming (Voting matters 9): a candidate is guarded when
// excluding them would leave no result that meets the constraints, and
// doomed when electing them would. Every question reduces to one: can the
// candidates elected so far be completed, from those still continuing,
// into a full set of winners that meets every constraint?
type reservation struct {
	cons  []Constraint
	mask  []uint64 // mask[c] bit i: candidate c carries constraint i's tag
	seats int
}

// newReservation resolves the constraints against the candidates' tags.
func newReservation(cons []Constraint, tags [][]string, seats int) (*reservation, error) {
	if len(cons) > maxConstraints {
		return nil, fmt.Errorf("%d constraints is more than the %d allowed", len(cons), maxConstraints)
	}
	r := &reservation{cons: cons, mask: make([]uint64, len(tags)), seats: seats}
	for c, ts := range tags {
		for i, k := range cons {
			if hasTag(ts, k.Tag) {
				r.mask[c] |= 1 << i
			}
		}
	}
	return r, nil
}

func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

// guarded reports whether excluding hopeful candidate c would leave the
// constraints unsatisfiable.
func (r *reservation) guarded(st []status, c int) bool {
	return r != nil && !r.feasible(st, -1, c)
}

// doomed reports whether electing hopeful candidate c would leave the
// constraints unsatisfiable.
func (r *reservation) doomed(st []status, c int) bool {
	return r != nil && !r.feasible(st, c, -1)
}

// feasible reports whether the elected candidates, plus force if it is not
// -1, can be completed from the hopeful ones, less drop and force, into
// min(seats, elected+hopeful) winners meeting every constraint.
func (r *reservation) feasible(st []status, force, drop int) bool {
	counts := make([]int, len(r.cons))
	types := map[uint64]int{}
	chosen, avail := 0, 0
	for c, s := range st {
		switch {
		case c == force || (s == elected && c != drop):
			chosen++
			addMask(counts, r.mask[c])
		case s == hopeful && c != drop:
			types[r.mask[c]]++
			avail++
		}
	}
	need := min(r.seats, chosen+avail) - chosen
	if need < 0 {
		return false
	}
	s := newSearch(r.cons, types)
	return s.fill(0, need, counts)
}

func addMask(counts []int, mask uint64) {
	for i := range counts {
		if mask&(1<<i) != 0 {
			counts[i]++
		}
	}
}

// check refuses constraints that no result can satisfy, before counting,
// with the plainest explanation it can find.
func (r *reservation) check(st []status) error {
	if r.feasible(st, -1, -1) {
		return nil
	}
	standing, carrying := 0, make([]int, len(r.cons))
	for c, s := range st {
		if s == hopeful {
			standing++
			addMask(carrying, r.mask[c])
		}
	}
	filled := min(r.seats, standing)
	for i, k := range r.cons {
		switch {
		case !k.AtMost && k.N > filled:
			return fmt.Errorf("constraints cannot be met: %s asks for %d winners tagged %q but only %d seats can be filled", k, k.N, k.Tag, filled)
		case !k.AtMost && carrying[i] < k.N:
			return fmt.Errorf("constraints cannot be met: %s asks for %d winners tagged %q but only %d standing candidates carry that tag", k, k.N, k.Tag, carrying[i])
		case k.AtMost && standing-carrying[i]+k.N < filled:
			return fmt.Errorf("constraints cannot be met: %s leaves %d seats for the %d standing candidates without the tag %q", k, filled-k.N, standing-carrying[i], k.Tag)
		}
	}
	names := make([]string, len(r.cons))
	for i, k := range r.cons {
		names[i] = k.String()
	}
	return fmt.Errorf("constraints cannot be met: no choice of %d of the %d standing candidates satisfies %s together", filled, standing, strings.Join(names, ", "))
}
