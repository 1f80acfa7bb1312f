package count

import (
	"path/filepath"
	"reflect"
	"testing"
)

// rctabCase is one case of the RCTab test suite.
type rctabCase struct {
	Case  string `json:"case"`
	Rules struct {
		WinnerElectionMode string `json:"winnerElectionMode"`
		TiebreakMode       string `json:"tiebreakMode"`
		NumberOfWinners    string `json:"numberOfWinners"`
	} `json:"rules"`
	Winners []string `json:"expected_winners_in_order"`
	Rounds  []struct {
		Round     int               `json:"round"`
		Threshold string            `json:"threshold"`
		Tally     map[string]string `json:"tally"`
	} `json:"rounds"`
}

// TestRCTabCases counts the RCTab cases. The single-winner case is counted
// by IRV and compared round by round: every tally, the majority threshold
// and the winner. The multi-winner cases use Minneapolis rules (a 4-decimal
// fractional surplus rule that may elect several per round), which rankfile
// does not implement; for them only the first round, which every rule
// counts alike, is compared.
func TestRCTabCases(t *testing.T) {
	dir := filepath.Join(stvData(t), "rctab")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "expected.json"))
	if len(files) == 0 {
		t.Fatalf("no RCTab cases in %s", dir)
	}
	for _, f := range files {
		var rc rctabCase
		readJSONFile(t, f, &rc)
		t.Run(rc.Case, func(t *testing.T) {
			e := readBLTFile(t, filepath.Join(filepath.Dir(f), "ballots.blt"))
			if rc.Rules.NumberOfWinners != "1" {
				rep := mustCount(t, e, Options{Method: Scottish})
				compareRCTabRound(t, rep, 0, rc.Rounds[0].Tally)
				return
			}
			rep := mustCount(t, e, Options{Method: IRV, TieOrder: rctabTieOrder(e, rc.Rules.TiebreakMode)})
			if got, want := electedNames(rep), rc.Winners; !reflect.DeepEqual(got, want) {
				t.Errorf("winner: got %q, want %q", got, want)
			}
			if got, want := len(rep.Rounds), len(rc.Rounds); got != want {
				t.Fatalf("rounds: got %d, want %d", got, want)
			}
			for i, r := range rc.Rounds {
				compareRCTabRound(t, rep, i, r.Tally)
				if got, want := rep.Rounds[i].Quota.String(), r.Threshold; got != want {
					t.Errorf("round %d threshold: got %s, want %s", i+1, got, want)
				}
			}
		})
	}
}

// rctabTieOrder returns the tie order RCTab's "useCandidateOrder" implies:
// of tied candidates the one listed last in the configuration is excluded.
func rctabTieOrder(e *Election, mode string) []int {
	if mode != "useCandidateOrder" {
		return nil
	}
	order := make([]int, len(e.Candidates))
	for i := range order {
		order[i] = len(order) - 1 - i
	}
	return order
}

// compareRCTabRound compares one round's tallies; a name RCTab lists that
// the ballots never rank (its "Undeclared Write-ins") must have no votes,
// and every candidate the round counts with votes must be listed.
func compareRCTabRound(t *testing.T, rep *Report, i int, tally map[string]string) {
	t.Helper()
	r := rep.Rounds[i]
	for name, v := range tally {
		want, err := parseDecimal(v, 5)
		if err != nil {
			t.Fatalf("round %d %s: %v", i+1, name, err)
		}
		got := Decimal{Places: 5}
		if c := indexOf(rep.Candidates, name); c >= 0 && r.Counted[c] {
			got.Units = r.Tallies[c].Units * pow10(5-r.Tallies[c].Places)
		}
		if got.Units != want.Units {
			t.Errorf("round %d %s: got %s, want %s", i+1, name, got, v)
		}
	}
	for c, in := range r.Counted {
		if _, listed := tally[rep.Candidates[c]]; in && !listed && r.Tallies[c].Units > 0 {
			t.Errorf("round %d: %s is counted with %s votes but RCTab does not list them", i+1, rep.Candidates[c], r.Tallies[c])
		}
	}
}
