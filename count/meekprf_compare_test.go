package count

import (
	"encoding/json"
	"fmt"
	"math/big"
	"testing"
)

// comparePRFStatus compares one statusCodes entry: [name, status, round,
// votes, keep factor, destiny].
func comparePRFStatus(t *testing.T, rep *Report, sc []any) {
	t.Helper()
	name := sc[0].(string)
	c := indexOf(rep.Candidates, name)
	status, round := candidateOutcome(rep, c)
	wantRound, _ := sc[2].(json.Number).Int64()
	if status != sc[1].(string) || round != int(wantRound) {
		t.Errorf("%s: got %s in round %d, want %s in round %d", name, status, round, sc[1], wantRound)
		return
	}
	if sc[3] != nil && round > 0 {
		checkUnits(t, fmt.Sprintf("%s votes when %s", name, status), rep.Rounds[round-1].Tallies[c], sc[3])
	}
	// The reference implementation leaves a withdrawn candidate's keep
	// factor at 1, though they keep nothing; rankfile reports 0.
	if last := len(rep.Rounds); last > 0 && len(sc) > 4 && sc[4] != nil && round > 0 {
		checkUnits(t, name+" keep factor", rep.Rounds[last-1].KeepFactors[c], sc[4])
	}
}

// candidateOutcome returns "elected" or "defeated" and the round of the
// decision, round 0 for a withdrawn candidate.
func candidateOutcome(rep *Report, c int) (string, int) {
	for _, r := range rep.Rounds {
		for _, d := range r.Elected {
			if d.Candidate == c {
				return "elected", r.Number
			}
		}
		for _, d := range r.Excluded {
			if d.Candidate == c {
				return "defeated", r.Number
			}
		}
	}
	if containsInt(rep.Withdrawn, c) {
		return "defeated", 0
	}
	return "undecided", -1
}

// comparePRFTally compares the per-round tally of a vector.
func comparePRFTally(t *testing.T, rep *Report, tally map[string]any) {
	t.Helper()
	for key, v := range tally {
		values := v.([]any)
		if key[0] != ':' {
			compareCandidateTally(t, rep, key, values)
			continue
		}
		for i, want := range values {
			if i >= len(rep.Rounds) {
				t.Errorf("%s: the count has %d rounds, want %d", key, len(rep.Rounds), len(values))
				break
			}
			r := rep.Rounds[i]
			switch key {
			case ":Quota":
				checkUnits(t, fmt.Sprintf("quota round %d", i+1), r.Quota, want)
			case ":Total surplus":
				checkUnits(t, fmt.Sprintf("total surplus round %d", i+1), r.Surplus, want)
			case ":Iterations":
				if n, _ := want.(json.Number).Int64(); int(n) != r.Iterations {
					t.Errorf("iterations round %d: got %d, want %d", i+1, r.Iterations, n)
				}
			}
		}
	}
	compareExhausted(t, rep, tally)
}

func compareCandidateTally(t *testing.T, rep *Report, name string, values []any) {
	t.Helper()
	c := indexOf(rep.Candidates, name)
	counted := 0
	for _, r := range rep.Rounds {
		if r.Counted[c] {
			counted++
		}
	}
	if counted != len(values) {
		t.Errorf("%s: counted in %d rounds, want %d", name, counted, len(values))
	}
	for i, want := range values {
		if i < len(rep.Rounds) {
			checkUnits(t, fmt.Sprintf("%s round %d", name, i+1), rep.Rounds[i].Tallies[c], want)
		}
	}
}

// compareExhausted checks that overvotes, abstentions and other exhausted
// votes together equal the report's exhausted value.
func compareExhausted(t *testing.T, rep *Report, tally map[string]any) {
	t.Helper()
	for i, r := range rep.Rounds {
		sum := new(big.Rat)
		for _, key := range []string{":Overvotes", ":Abstentions", ":Other exhausted"} {
			values, _ := tally[key].([]any)
			if i < len(values) {
				sum.Add(sum, ratOf(t, values[i]))
			}
		}
		if got, want := r.Exhausted.String(), sum.FloatString(9); got != want {
			t.Errorf("exhausted round %d: got %s, want %s", i+1, got, want)
		}
	}
}

// checkUnits compares a 9-decimal value with a JSON number of the vector.
func checkUnits(t *testing.T, what string, got Decimal, want any) {
	t.Helper()
	if w := ratOf(t, want).FloatString(9); got.String() != w {
		t.Errorf("%s: got %s, want %s", what, got, w)
	}
}

// ratOf reads a JSON number exactly, exponent notation included.
func ratOf(t *testing.T, v any) *big.Rat {
	t.Helper()
	n, ok := v.(json.Number)
	r, ok2 := new(big.Rat).SetString(string(n))
	if !ok || !ok2 {
		t.Fatalf("%v is not a number", v)
	}
	return r
}
