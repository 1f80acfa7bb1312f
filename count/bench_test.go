package count

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The benchmarks time what a count costs end to end: opening and reading
// the BLT file, then counting. Run them with
//
//	go test ./count -run '^$' -bench . -benchmem
func BenchmarkScottishSynthetic200k(b *testing.B) {
	benchmarkFile(b, filepath.Join(stvData(b), "synthetic", "synth_200k_20c_5s.blt"), Scottish)
}

func BenchmarkMeekSynthetic200k(b *testing.B) {
	benchmarkFile(b, filepath.Join(stvData(b), "synthetic", "synth_200k_20c_5s.blt"), Meek)
}

func BenchmarkIRVSynthetic200k(b *testing.B) {
	path := filepath.Join(stvData(b), "synthetic", "synth_200k_20c_5s.blt")
	for b.Loop() {
		countFile(b, path, Options{Method: IRV, Seats: 1})
	}
}

// BenchmarkScottish1M counts a generated election of 1,000,000 ballots, one
// line each, 20 candidates in 4 parties and 5 seats, written to a temporary
// file from a fixed seed (see partyBallot).
func BenchmarkScottish1M(b *testing.B) {
	path := filepath.Join(b.TempDir(), "synth_1m.blt")
	writeSyntheticBLT(b, path, 1_000_000, 20, 5, 1, partyBallot)
	benchmarkFile(b, path, Scottish)
}

// BenchmarkScottish1MDistinct is the worst case for reading: 1,000,000
// ballots ranking random numbers of candidates in random orders, 84% of
// them distinct.
func BenchmarkScottish1MDistinct(b *testing.B) {
	path := filepath.Join(b.TempDir(), "synth_1m_distinct.blt")
	writeSyntheticBLT(b, path, 1_000_000, 20, 5, 1, randomBallot)
	benchmarkFile(b, path, Scottish)
}

func benchmarkFile(b *testing.B, path string, m Method) {
	b.ReportAllocs()
	for b.Loop() {
		countFile(b, path, Options{Method: m})
	}
}

func countFile(b *testing.B, path string, opt Options) *Report {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	e, err := ReadBLTPacked(f)
	if err != nil {
		b.Fatal(err)
	}
	rep, err := Count(e, opt)
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// ballotFunc draws one ballot's ranking.
type ballotFunc func(rng *rand.Rand, weights []float64) []int

// writeSyntheticBLT writes a reproducible election, one ballot per line.
// Each candidate has a popularity weight drawn from the seed.
func writeSyntheticBLT(tb testing.TB, path string, ballots, candidates, seats int, seed uint64, draw ballotFunc) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	rng := rand.New(rand.NewPCG(seed, 1))
	weights := make([]float64, candidates)
	for c := range weights {
		weights[c] = 1 + rng.Float64()*float64(candidates)
	}
	fmt.Fprintf(w, "%d %d\n", candidates, seats)
	for range ballots {
		w.WriteString("1")
		for _, c := range draw(rng, weights) {
			fmt.Fprintf(w, " %d", c+1)
		}
		w.WriteString(" 0\n")
	}
	w.WriteString("0\n")
	for c := range candidates {
		fmt.Fprintf(w, "\"Candidate %d (P%d)\"\n", c+1, c%4)
	}
	fmt.Fprintf(w, "\"synthetic n=%d c=%d seats=%d seed=%d\"\n", ballots, candidates, seats, seed)
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
}

// partyBallot models party voting, like the shared synthetic file: the
// voter picks a party (candidate c is in party c%4), ranks 1 to 3 of its
// candidates by popularity, and then, half the time, a few more
// candidates of any party.
func partyBallot(rng *rand.Rand, weights []float64) []int {
	party := rng.IntN(4)
	own := make([]float64, len(weights))
	for c := range weights {
		if c%4 == party {
			own[c] = weights[c]
		}
	}
	ranking := weightedOrder(rng, own, 1+rng.IntN(3), nil)
	if rng.IntN(2) == 0 {
		ranking = weightedOrder(rng, weights, len(ranking)+1+rng.IntN(4), ranking)
	}
	return ranking
}

// randomBallot ranks a random number of candidates in a random order
// weighted by popularity.
func randomBallot(rng *rand.Rand, weights []float64) []int {
	return weightedOrder(rng, weights, 1+rng.IntN(len(weights)), nil)
}

// weightedOrder extends ranking to n distinct candidates, each pick in
// proportion to the weights of those not yet ranked; candidates of weight 0
// are never picked.
func weightedOrder(rng *rand.Rand, weights []float64, n int, ranking []int) []int {
	for len(ranking) < n {
		total := 0.0
		for c, wt := range weights {
			if !containsInt(ranking, c) {
				total += wt
			}
		}
		if total == 0 {
			break
		}
		x := rng.Float64() * total
		pick := -1
		for c, wt := range weights {
			if containsInt(ranking, c) || wt == 0 {
				continue
			}
			pick = c
			if x -= wt; x < 0 {
				break
			}
		}
		ranking = append(ranking, pick)
	}
	return ranking
}

// TestSyntheticGenerator checks that the benchmark's generated elections are
// the same from the same seed, so that the figures of BenchmarkScottish1M
// can be reproduced. With RANKFILE_SYNTH_OUT set it also writes a
// million-ballot file there (RANKFILE_SYNTH_BALLOTS sets another number),
// and one of as many random ballots beside it (_distinct), for timing the
// whole command (scripts/bench-tally):
//
//	RANKFILE_SYNTH_OUT=/tmp/synth_1m.blt go test ./count -run TestSyntheticGenerator
//	RANKFILE_SYNTH_OUT=/tmp/synth_2m.blt RANKFILE_SYNTH_BALLOTS=2000000 go test ./count -run TestSyntheticGenerator
func TestSyntheticGenerator(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.blt"), filepath.Join(dir, "b.blt")
	writeSyntheticBLT(t, a, 2000, 20, 5, 1, partyBallot)
	writeSyntheticBLT(t, b, 2000, 20, 5, 1, partyBallot)
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Fatal("the same seed wrote two different files")
	}
	e := readBLTFile(t, a)
	if got := e.TotalWeight(); got != 2000 {
		t.Errorf("ballots: got %d, want 2000", got)
	}
	if out := os.Getenv("RANKFILE_SYNTH_OUT"); out != "" {
		n := 1_000_000
		if s := os.Getenv("RANKFILE_SYNTH_BALLOTS"); s != "" {
			var err error
			if n, err = strconv.Atoi(s); err != nil {
				t.Fatalf("RANKFILE_SYNTH_BALLOTS: %v", err)
			}
		}
		writeSyntheticBLT(t, out, n, 20, 5, 1, partyBallot)
		writeSyntheticBLT(t, strings.TrimSuffix(out, ".blt")+"_distinct.blt", n, 20, 5, 1, randomBallot)
	}
}
