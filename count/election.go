package count

import (
	"errors"
	"fmt"
	"slices"
)

// MaxTotalWeight is the largest total ballot weight an election may have. It
// keeps every Meek value (votes times 10^9) inside a signed 64-bit integer
// with room to spare, and is far above any real electorate.
const MaxTotalWeight = 1_000_000_000

// MaxCandidates bounds the number of candidates so that a malformed header
// cannot make a reader allocate without limit.
const MaxCandidates = 10_000

// A candidate's index fits two bytes: packed ballots (ReadBLTPacked) and
// counts keep them so. This fails to compile if MaxCandidates outgrows them.
const _ = uint16(MaxCandidates - 1)

// Election is a set of ranked ballots and what is being elected.
type Election struct {
	// Title names the election.
	Title string
	// Candidates holds the candidate names; a candidate is known everywhere
	// else by its index in this slice.
	Candidates []string
	// Seats is the number of seats to fill.
	Seats int
	// Withdrawn lists candidates who withdrew before the count: they stay
	// on the ballots but are skipped as if never ranked.
	Withdrawn []int
	// TieOrder, when not empty, replaces the lot: among tied candidates the
	// one listed earliest is chosen (excluded first, or transferred first).
	TieOrder []int
	// Ballots holds the ballots; identical rankings may be merged into one
	// Ballot whose Weight is their number.
	Ballots []Ballot
	// packed holds the ballots instead of Ballots in an election read by
	// ReadBLTPacked.
	packed *packedBallots
}

// Ballot is one ranking of candidates cast by Weight voters.
type Ballot struct {
	// Weight is the number of voters who cast this ranking.
	Weight int64
	// Ranking lists candidate indexes, most preferred first.
	Ranking []int
	// Equal is nil for a strict ranking. Otherwise it has the length of
	// Ranking, and Equal[i] reports that Ranking[i] shares its rank with
	// Ranking[i-1] (written "a=b" in BLT). No method defines equal
	// rankings yet, so counting refuses them.
	Equal []bool
	// Line is the line of the BLT file the ranking was first read from, or
	// 0; errors about the ballot name it.
	Line int
}

// HasEqualRanks reports whether the ballot ranks two candidates equally.
func (b Ballot) HasEqualRanks() bool {
	for _, eq := range b.Equal {
		if eq {
			return true
		}
	}
	return false
}

// CandidateIndex returns the index of the candidate with the given name, or
// -1 if there is none.
func (e *Election) CandidateIndex(name string) int {
	for i, n := range e.Candidates {
		if n == name {
			return i
		}
	}
	return -1
}

// Standing returns how many candidates stand: those who did not withdraw.
func (e *Election) Standing() int {
	out := make(map[int]bool, len(e.Withdrawn))
	for _, c := range e.Withdrawn {
		out[c] = true
	}
	return len(e.Candidates) - len(out)
}

// TotalWeight returns the number of ballots, counting each Ballot Weight
// times.
func (e *Election) TotalWeight() int64 {
	var total int64
	for _, b := range e.Ballots {
		total += b.Weight
	}
	if e.packed != nil {
		for _, w := range e.packed.weight {
			total += w
		}
	}
	return total
}

// Validate checks that the election is well formed: names unique and not
// empty, indexes in range, weights positive, no candidate ranked twice on a
// ballot and a total weight within MaxTotalWeight.
func (e *Election) Validate() error {
	if err := e.validateCandidates(); err != nil {
		return err
	}
	if e.Seats < 1 {
		return fmt.Errorf("seats must be at least 1, not %d", e.Seats)
	}
	for _, c := range e.Withdrawn {
		if c < 0 || c >= len(e.Candidates) {
			return fmt.Errorf("withdrawn candidate %d does not exist", c+1)
		}
	}
	for _, c := range e.TieOrder {
		if c < 0 || c >= len(e.Candidates) {
			return fmt.Errorf("tie order names candidate %d, which does not exist", c+1)
		}
	}
	if e.packed != nil {
		return e.validatePacked()
	}
	var total int64
	seen := make([]int, len(e.Candidates)) // seen[c] == i+1: c is on ballot i
	for i, b := range e.Ballots {
		if err := e.validateBallot(b, seen, i+1); err != nil {
			return ballotError(i, b, err)
		}
		total += b.Weight
		if total > MaxTotalWeight {
			return ballotError(i, b, fmt.Errorf("total ballot weight exceeds %d", MaxTotalWeight))
		}
	}
	return nil
}

// validatePacked checks packed ballots: the reader made sure of every
// ballot but not of what may have changed since, the candidates.
func (e *Election) validatePacked() error {
	if len(e.Ballots) > 0 {
		return errors.New("an election read by ReadBLTPacked keeps its ballots packed: Ballots must stay empty")
	}
	for j, c := range e.packed.prefs {
		if int(c) >= len(e.Candidates) {
			i, _ := slices.BinarySearch(e.packed.start, int32(j)+1)
			return ballotError(i-1, e.packed.ballot(i-1), fmt.Errorf("ballot ranks candidate %d, which does not exist", int(c)+1))
		}
	}
	return nil
}

func (e *Election) validateCandidates() error {
	if len(e.Candidates) > MaxCandidates {
		return fmt.Errorf("%d candidates is more than the %d allowed", len(e.Candidates), MaxCandidates)
	}
	seen := make(map[string]int, len(e.Candidates))
	for i, name := range e.Candidates {
		if name == "" {
			return fmt.Errorf("candidate %d has no name", i+1)
		}
		if j, dup := seen[name]; dup {
			return fmt.Errorf("candidates %d and %d are both named %q", j+1, i+1, name)
		}
		seen[name] = i
	}
	return nil
}

// validateBallot checks one ballot; seen and mark detect a candidate ranked
// twice without allocating per ballot.
func (e *Election) validateBallot(b Ballot, seen []int, mark int) error {
	if b.Weight < 1 {
		return fmt.Errorf("ballot weight must be at least 1, not %d", b.Weight)
	}
	if b.Equal != nil && len(b.Equal) != len(b.Ranking) {
		return errors.New("ballot Equal and Ranking differ in length")
	}
	if len(b.Equal) > 0 && b.Equal[0] {
		return errors.New("ballot's first rank cannot be equal to a previous one")
	}
	for _, c := range b.Ranking {
		if c < 0 || c >= len(e.Candidates) {
			return fmt.Errorf("ballot ranks candidate %d, which does not exist", c+1)
		}
		if seen[c] == mark {
			return fmt.Errorf("ballot ranks candidate %d more than once", c+1)
		}
		seen[c] = mark
	}
	return nil
}

// ballotError names the ballot's BLT line when it has one, else its position.
func ballotError(i int, b Ballot, err error) error {
	if b.Line > 0 {
		return fmt.Errorf("line %d: %w", b.Line, err)
	}
	return fmt.Errorf("ballot %d: %w", i+1, err)
}
