package count

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"
)

func TestLot(t *testing.T) {
	names := []string{"Ann", "Bo", "Cy", "Di"}
	t.Run("draws the smallest SHA-256 of seed, round and name", func(t *testing.T) {
		tb := newTieBreaker("convention-2024", names, nil)
		want, best := -1, [32]byte{}
		for _, c := range []int{0, 2, 3} {
			h := sha256.Sum256([]byte(fmt.Sprintf("convention-2024\n7\n%s", names[c])))
			if want < 0 || bytes.Compare(h[:], best[:]) < 0 {
				want, best = c, h
			}
		}
		if got := tb.draw(7, []int{0, 2, 3}); got != want {
			t.Errorf("got %s, want %s", names[got], names[want])
		}
	})
	t.Run("lets a tie order replace the lot", func(t *testing.T) {
		tb := newTieBreaker("x", names, []int{3, 1})
		if got := tb.draw(1, []int{0, 1, 2}); got != 1 {
			t.Errorf("got %s, want Bo, the first listed", names[got])
		}
	})
	t.Run("looks back to the most recent round that separates", func(t *testing.T) {
		history := []Round{
			{Number: 1, Tallies: decs(5, 3, 4, 9)},
			{Number: 2, Tallies: decs(6, 6, 5, 9)},
			{Number: 3, Tallies: decs(7, 7, 7, 9)},
		}
		tb := newTieBreaker("x", names, nil)
		// All three are level at round 3. Looking for the lowest, round 2
		// separates Cy; looking for the highest, Ann and Bo are still level
		// at round 2 and round 1 puts Ann ahead.
		if got, tie := tb.breakTie([]int{0, 1, 2}, history, true); got != 2 || tie.Stage != 2 || tie.ByLot {
			t.Errorf("lowest: got %s %+v, want Cy separated at round 2", names[got], tie)
		}
		if got, tie := tb.breakTie([]int{0, 1, 2}, history, false); got != 0 || tie.Stage != 1 {
			t.Errorf("highest: got %s %+v, want Ann separated at round 1", names[got], tie)
		}
	})
}

func decs(units ...int64) []Decimal {
	out := make([]Decimal, len(units))
	for i, u := range units {
		out[i] = Decimal{Units: u}
	}
	return out
}

// TestTieByLotFollowsTheSeed counts an exact three-way tie for the last
// seat: the seed decides, is recorded, and the same seed always gives the
// same result.
func TestTieByLotFollowsTheSeed(t *testing.T) {
	e := mustReadBLT(t, "3 1\n2 1 0\n2 2 0\n2 3 0\n0\nA\nB\nC\nThree-way tie\n")
	winners := map[string]bool{}
	for i := range 12 {
		seed := fmt.Sprint("seed-", i)
		rep := mustCount(t, e, Options{Method: Scottish, Seed: seed})
		again := mustCount(t, e, Options{Method: Scottish, Seed: seed})
		if got, want := electedNames(again)[0], electedNames(rep)[0]; got != want {
			t.Fatalf("seed %s: got %s, then %s", seed, want, got)
		}
		tie := rep.Rounds[1].Excluded[0].Tie
		if tie == nil || !tie.ByLot || len(tie.Candidates) != 3 {
			t.Fatalf("seed %s: round 2 exclusion tie %+v, want a lot among 3", seed, tie)
		}
		var text strings.Builder
		rep.WriteText(&text)
		if !strings.Contains(text.String(), fmt.Sprintf("chosen by lot, seed %q", seed)) {
			t.Errorf("seed %s: the text does not say the lot and its seed:\n%s", seed, text.String())
		}
		winners[electedNames(rep)[0]] = true
	}
	if len(winners) < 2 {
		t.Errorf("12 seeds all elected %v: the seed does not drive the lot", winners)
	}
}

func TestIRV(t *testing.T) {
	// 9 ballots, one ranking only C. Round 1: A4 B3 C2; threshold 5. C is
	// excluded; one C ballot goes to B, the other exhausts, so round 2
	// counts 8 continuing votes (threshold 5) and A4 B4 is a tie that the
	// rounds break: B had fewer at round 1, so B goes, and A wins alone.
	e := mustReadBLT(t, "3 1\n4 1 0\n3 2 0\n1 3 2 0\n1 3 0\n0\nA\nB\nC\nIRV\n")
	rep := mustCount(t, e, Options{Method: IRV})
	want := []struct {
		tallies   []int64
		threshold string
	}{{[]int64{4, 3, 2}, "5"}, {[]int64{4, 4, 0}, "5"}, {[]int64{4, 0, 0}, "3"}}
	if len(rep.Rounds) != len(want) {
		t.Fatalf("rounds: got %d, want %d", len(rep.Rounds), len(want))
	}
	for i, w := range want {
		r := rep.Rounds[i]
		for c, v := range w.tallies {
			if r.Counted[c] && r.Tallies[c].Units != v {
				t.Errorf("round %d %s: got %s, want %d", i+1, rep.Candidates[c], r.Tallies[c], v)
			}
		}
		if got := r.Quota.String(); got != w.threshold {
			t.Errorf("round %d threshold: got %s, want %s", i+1, got, w.threshold)
		}
	}
	if got := electedNames(rep); len(got) != 1 || got[0] != "A" {
		t.Errorf("winner: got %q, want A", got)
	}
	if tie := rep.Rounds[1].Excluded[0].Tie; tie == nil || tie.Stage != 1 {
		t.Errorf("round 2 tie: got %+v, want broken at round 1", tie)
	}
}
