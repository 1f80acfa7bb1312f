package count

import (
	"fmt"
	"slices"
)

// profile is an election compiled for counting: withdrawn candidates are
// removed from every ranking, ballots left empty are set aside, and the
// rankings sit in one arena so that counting allocates nothing per ballot.
type profile struct {
	names     []string
	withdrawn []bool
	prefs     []uint16 // all rankings, end to end
	start     []int32  // ballot i ranks prefs[start[i]:start[i+1]]
	weight    []int64
	total     int64 // all ballots
	valid     int64 // ballots ranking at least one candidate still standing
}

// compile checks the election and builds its profile. The method is named
// in errors: no method defines equal rankings, so they are refused here.
func compile(e *Election, m Method) (*profile, error) {
	if err := e.Validate(); err != nil {
		return nil, err
	}
	p := &profile{names: e.Candidates, withdrawn: make([]bool, len(e.Candidates))}
	for _, c := range e.Withdrawn {
		p.withdrawn[c] = true
	}
	if e.packed != nil {
		return p, p.addPacked(e.packed, m)
	}
	p.start = make([]int32, 1, len(e.Ballots)+1)
	p.weight = make([]int64, 0, len(e.Ballots))
	prefs := 0
	for _, b := range e.Ballots {
		prefs += len(b.Ranking)
	}
	p.prefs = make([]uint16, 0, prefs)
	for i, b := range e.Ballots {
		if b.HasEqualRanks() {
			return nil, equalRanksError(i, b, m)
		}
		p.total += b.Weight
		if addRanking(p, b.Ranking, b.Weight) {
			p.valid += b.Weight
		}
	}
	return p, nil
}

// addRanking appends a ranking of weight voters without withdrawn
// candidates and reports whether anything was left to append.
func addRanking[C int | uint16](p *profile, ranking []C, weight int64) bool {
	n := len(p.prefs)
	for _, c := range ranking {
		if !p.withdrawn[c] {
			p.prefs = append(p.prefs, uint16(c))
		}
	}
	if len(p.prefs) == n {
		return false
	}
	p.start = append(p.start, int32(len(p.prefs)))
	p.weight = append(p.weight, weight)
	return true
}

// addPacked compiles packed ballots. With no candidate withdrawn and no
// ranking empty, the profile is the packed ballots themselves, shared and
// never written.
func (p *profile) addPacked(b *packedBallots, m Method) error {
	if i := b.firstEqual(); i >= 0 {
		return equalRanksError(i, b.ballot(i), m)
	}
	for _, w := range b.weight {
		p.total += w
	}
	if !slices.Contains(p.withdrawn, true) && !b.hasEmpty() {
		p.prefs, p.start, p.weight = slices.Clip(b.prefs), slices.Clip(b.start), slices.Clip(b.weight)
		p.valid = p.total
		return nil
	}
	p.start = make([]int32, 1, b.len()+1)
	p.weight = make([]int64, 0, b.len())
	p.prefs = make([]uint16, 0, len(b.prefs))
	for i := range b.len() {
		if addRanking(p, b.ranking(i), b.weight[i]) {
			p.valid += b.weight[i]
		}
	}
	return nil
}

// equalRanksError refuses ballot i, which ranks two candidates equally:
// no method defines that.
func equalRanksError(i int, b Ballot, m Method) error {
	return ballotError(i, b, fmt.Errorf("equal rankings ('=') are not defined by %s; rank the candidates strictly", m.ruleName()))
}

// ballots returns the number of non-empty ballots in the profile.
func (p *profile) ballots() int { return len(p.weight) }

// ranking returns ballot i's ranking.
func (p *profile) ranking(i int) []uint16 { return p.prefs[p.start[i]:p.start[i+1]] }

// ruleName names the method's rule for messages.
func (m Method) ruleName() string {
	switch m {
	case Scottish:
		return "Scottish STV (SSI 2007/42)"
	case Meek:
		return "the PR Foundation's reference Meek rule"
	case IRV:
		return "instant runoff as rankfile counts it"
	}
	return string(m)
}
