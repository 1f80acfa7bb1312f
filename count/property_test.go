package count

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestConstraintProperties counts random small elections under random
// constraints, by both STV methods, and checks against brute force (every
// subset of candidates) that:
//   - constraints are refused exactly when no set of winners can meet them;
//   - otherwise the winners meet them and fill min(seats, candidates);
//   - when the constraints never bind along the unconstrained count (no
//     candidate it elects is doomed, none it excludes is guarded or tied
//     with a guarded one, and no continuing candidate is ever doomed), the
//     constrained count is the unconstrained one, round for round.
func TestConstraintProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(2024, 7))
	stats := map[string]int{}
	for i := range 400 {
		pe := randomElection(rng)
		for _, m := range []Method{Scottish, Meek} {
			name := fmt.Sprintf("%d-%s", i, m)
			stats[checkConstrainedCount(t, name, pe, m)]++
		}
	}
	t.Logf("outcomes: %v", stats)
	for _, kind := range []string{"refused", "bound", "did not bind"} {
		if stats[kind] == 0 {
			t.Errorf("no random election was %s: the generator misses a case", kind)
		}
	}
}

// propElection is a random election with tags and constraints.
type propElection struct {
	e    *Election
	tags Tags
	cons []Constraint
}

func randomElection(rng *rand.Rand) propElection {
	n := 3 + rng.IntN(5)
	e := &Election{Seats: 1 + rng.IntN(min(4, n-1)), Title: "random"}
	tags := Tags{}
	for c := range n {
		name := string(rune('A' + c))
		e.Candidates = append(e.Candidates, name)
		for _, tag := range []string{"w", "p"} {
			if rng.IntN(2) == 0 {
				tags[name] = append(tags[name], tag)
			}
		}
	}
	for range 5 + rng.IntN(30) {
		perm := rng.Perm(n)[:1+rng.IntN(n)]
		e.Ballots = append(e.Ballots, Ballot{Weight: int64(1 + rng.IntN(5)), Ranking: perm})
	}
	var cons []Constraint
	for range 1 + rng.IntN(2) {
		cons = append(cons, Constraint{Tag: []string{"w", "p"}[rng.IntN(2)], AtMost: rng.IntN(3) == 0, N: rng.IntN(e.Seats + 1)})
	}
	return propElection{e, tags, cons}
}

// checkConstrainedCount checks one election and says which case it was.
func checkConstrainedCount(t *testing.T, name string, pe propElection, m Method) string {
	bf := newBruteForce(pe)
	free := mustCount(t, pe.e, Options{Method: m, Seed: name})
	rep, err := Count(pe.e, Options{Method: m, Seed: name, Tags: pe.tags, Constraints: pe.cons})
	allHopeful := make([]status, len(pe.e.Candidates))
	switch {
	case err != nil && !bf.feasible(allHopeful):
		return "refused"
	case err != nil:
		t.Errorf("%s: %v refused though some winners meet them: %v", name, pe.cons, err)
		return "error"
	case !bf.feasible(allHopeful):
		t.Errorf("%s: %v accepted though no winners can meet them", name, pe.cons)
		return "error"
	}
	if got, want := len(rep.Elected), min(pe.e.Seats, len(pe.e.Candidates)); got != want || !bf.satisfied(rep.Elected) {
		t.Errorf("%s: %v: elected %q (%d of %d seats) does not meet them", name, pe.cons, electedNames(rep), got, want)
	}
	if bf.binds(free) {
		return "bound"
	}
	if !reflect.DeepEqual(rep.Rounds, free.Rounds) || !reflect.DeepEqual(rep.Elected, free.Elected) {
		t.Errorf("%s: %v do not bind, yet the count changed: got %q, want %q", name, pe.cons, electedNames(rep), electedNames(free))
	}
	return "did not bind"
}

// bruteForce answers the constraint questions by enumerating subsets, as an
// oracle independent of the counting code's search.
type bruteForce struct {
	pe    propElection
	tagOf [][]string
}

func newBruteForce(pe propElection) *bruteForce {
	bf := &bruteForce{pe: pe}
	for _, name := range pe.e.Candidates {
		bf.tagOf = append(bf.tagOf, pe.tags[name])
	}
	return bf
}

// satisfied reports whether the winners meet every constraint.
func (bf *bruteForce) satisfied(winners []int) bool {
	for _, k := range bf.pe.cons {
		n := 0
		for _, w := range winners {
			if hasTag(bf.tagOf[w], k.Tag) {
				n++
			}
		}
		if (k.AtMost && n > k.N) || (!k.AtMost && n < k.N) {
			return false
		}
	}
	return true
}

// feasible reports whether some set of min(seats, elected+hopeful) winners,
// all elected candidates among them, meets the constraints.
func (bf *bruteForce) feasible(st []status) bool {
	n := len(st)
	size := 0
	for _, s := range st {
		if s == elected || s == hopeful {
			size++
		}
	}
	size = min(size, bf.pe.e.Seats)
	for set := 0; set < 1<<n; set++ {
		var winners []int
		ok := true
		for c := range n {
			in := set&(1<<c) != 0
			ok = ok && !(st[c] == elected && !in) && !(in && st[c] != elected && st[c] != hopeful)
			if in {
				winners = append(winners, c)
			}
		}
		if ok && len(winners) == size && bf.satisfied(winners) {
			return true
		}
	}
	return false
}

func (bf *bruteForce) doomed(st []status, c int) bool {
	next := append([]status(nil), st...)
	next[c] = elected
	return !bf.feasible(next)
}

func (bf *bruteForce) guarded(st []status, c int) bool {
	next := append([]status(nil), st...)
	next[c] = excluded
	return !bf.feasible(next)
}

// binds replays the unconstrained count and reports whether the
// constraints would have changed any step of it.
func (bf *bruteForce) binds(rep *Report) bool {
	st := make([]status, len(rep.Candidates))
	for i := range rep.Rounds {
		for _, d := range rep.decisionsInOrder(&rep.Rounds[i]) {
			if bf.changes(st, d) {
				return true
			}
			st[d.Candidate] = map[string]status{"elected": elected, "excluded": excluded}[d.outcome]
		}
		// Between rounds a doomed candidate would be excluded at once.
		if i < len(rep.Rounds)-1 && bf.anyDoomed(st) {
			return true
		}
	}
	return false
}

// changes reports whether the constraints forbid or alter decision d.
func (bf *bruteForce) changes(st []status, d roundDecision) bool {
	switch {
	case d.outcome == "elected":
		return bf.doomed(st, d.Candidate)
	case d.Reason == ReasonSeatsFilled:
		return false
	case bf.anyDoomed(st) || bf.guarded(st, d.Candidate):
		return true
	case d.Tie != nil:
		for _, c := range d.Tie.Candidates {
			if bf.guarded(st, c) {
				return true
			}
		}
	}
	return false
}

func (bf *bruteForce) anyDoomed(st []status) bool {
	for c, s := range st {
		if s == hopeful && bf.doomed(st, c) {
			return true
		}
	}
	return false
}
