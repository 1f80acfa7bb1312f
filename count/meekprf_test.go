package count

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestMeekPRFVectors runs every test vector of Meeks-PRF-js (the reference
// implementation of the PR Foundation's Meek rule): winners, each
// candidate's status, round, votes and keep factor, and every round's
// candidate tallies, quota, total surplus and iteration count, to the 9
// decimals of the rule.
func TestMeekPRFVectors(t *testing.T) {
	dir := filepath.Join(stvData(t), "meek-prf")
	files, err := filepath.Glob(filepath.Join(dir, "test_*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test vectors in %s: %v", dir, err)
	}
	ran := 0
	for _, f := range files {
		// Base and results files are included by the tests, never run
		// on their own by the reference suite (stv-002-base even keeps
		// stale 5-decimal expectations from an older format).
		if strings.HasSuffix(f, "-base.json") {
			continue
		}
		spec := loadPRFSpec(t, dir, f)
		if spec["elected"] == nil || spec["candidates"] == nil {
			continue
		}
		ran++
		name := filepath.Base(filepath.Dir(f)) + "/" + strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) { runPRFVector(t, spec) })
	}
	t.Logf("%d test vectors", ran)
}

// loadPRFSpec reads a vector, merging its included files first (later
// files and the vector itself override them) and appending ballotsMore.
func loadPRFSpec(t *testing.T, dir, path string) map[string]any {
	t.Helper()
	var own map[string]any
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&own); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	merged := map[string]any{}
	if inc, ok := own["include"].([]any); ok {
		for _, p := range inc {
			rel := strings.TrimPrefix(p.(string), "tests/")
			for k, v := range loadPRFSpec(t, dir, filepath.Join(dir, rel)) {
				merged[k] = v
			}
		}
	}
	for k, v := range own {
		merged[k] = v
	}
	return merged
}

func runPRFVector(t *testing.T, spec map[string]any) {
	e, opt, err := prfElection(spec)
	if err == nil {
		var rep *Report
		if rep, err = Count(e, opt); err == nil {
			if spec["exception"] != nil {
				t.Fatalf("got no error, want %v", spec["exception"])
			}
			comparePRFResults(t, spec, rep)
			return
		}
	}
	if spec["exception"] == nil {
		t.Fatalf("got error %v, want none", err)
	}
}

// prfElection builds the election and options a vector describes.
func prfElection(spec map[string]any) (*Election, Options, error) {
	e := &Election{Candidates: prfList(spec["candidates"])}
	seats, err := spec["nbrSeatsToFill"].(json.Number).Int64()
	if err != nil || seats < 1 {
		return nil, Options{}, fmt.Errorf("nbrSeatsToFill is less than 1: %v", spec["nbrSeatsToFill"])
	}
	e.Seats = int(seats)
	idx := func(names []string) ([]int, error) { return prfIndexes(e.Candidates, names) }
	var opt Options
	opt.Method = Meek
	if e.Withdrawn, err = idx(prfList(spec["excluded"])); err != nil {
		return nil, opt, err
	}
	if opt.Meek.Protected, err = idx(prfList(spec["protected"])); err != nil {
		return nil, opt, err
	}
	if opt.TieOrder, err = idx(prfList(spec["tieBreaker"])); err != nil {
		return nil, opt, err
	}
	opt.Meek.AltDefeats, opt.Meek.AltDefeatRounds = prfAltDefeats(spec["options"])
	ballots, _ := spec["ballots"].([]any)
	more, _ := spec["ballotsMore"].([]any)
	for _, b := range append(append([]any(nil), ballots...), more...) {
		ballot, err := prfBallot(e.Candidates, b)
		if err != nil {
			return nil, opt, err
		}
		e.Ballots = append(e.Ballots, ballot)
	}
	return e, opt, nil
}

// prfList reads an ordered collection: an array of strings, or a
// delimiter-first string (" A B C").
func prfList(v any) []string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
		return strings.Split(v[1:], v[:1])
	case []any:
		out := make([]string, len(v))
		for i, s := range v {
			out[i] = s.(string)
		}
		return out
	}
	return nil
}

func prfIndexes(candidates, names []string) ([]int, error) {
	var out []int
	for _, n := range names {
		c := indexOf(candidates, n)
		if c < 0 {
			return nil, fmt.Errorf("%q is not a candidate", n)
		}
		out = append(out, c)
	}
	return out, nil
}

// prfBallot converts a ballot group by the reference implementation's
// rules for irregular rankings: an empty ranking is skipped, a repeated
// candidate counts only at their first ranking, and an overvote ("#") ends
// the ballot there.
func prfBallot(candidates []string, v any) (Ballot, error) {
	b := Ballot{Weight: 1}
	rankings := v
	if group, ok := v.([]any); ok && len(group) == 2 {
		if n, ok := group[0].(json.Number); ok {
			w, err := n.Int64()
			if err != nil {
				return b, err
			}
			b.Weight, rankings = w, group[1]
		}
	}
	for _, name := range prfList(rankings) {
		if name == "#" {
			break
		}
		c := indexOf(candidates, name)
		switch {
		case name == "":
		case c < 0:
			return b, fmt.Errorf("ballot ranks %q, not a candidate", name)
		case !containsInt(b.Ranking, c):
			b.Ranking = append(b.Ranking, c)
		}
	}
	return b, nil
}

// prfAltDefeats reads the alternative-defeat options: "Y" or "N" for every
// round, or one of them per round; the reference implementation's default
// type is if_no_new_electeds.
func prfAltDefeats(v any) (AltDefeats, []bool) {
	opts, _ := v.(map[string]any)
	var rounds []bool
	switch on := opts["alternative_defeats"].(type) {
	case string:
		if strings.ToUpper(on) != "Y" {
			return AltDefeatsNever, nil
		}
	case []any:
		for _, r := range on {
			rounds = append(rounds, strings.ToUpper(r.(string)) == "Y")
		}
	default:
		return AltDefeatsNever, nil
	}
	switch opts["type_of_altdefs"] {
	case "per_reference_rule":
		return AltDefeatsPerReferenceRule, rounds
	case "before_single_defeats":
		return AltDefeatsBeforeSingle, rounds
	}
	return AltDefeatsIfNoNewElected, rounds
}

// comparePRFResults compares the report with the vector's expectations.
func comparePRFResults(t *testing.T, spec map[string]any, rep *Report) {
	t.Helper()
	got, want := electedNames(rep), prfList(spec["elected"])
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("elected: got %q, want %q", got, want)
	}
	opts, _ := spec["options"].(map[string]any)
	if opts["always_count_votes"] == false {
		// The reference rule proper counts no round when every hopeful
		// can be elected; rankfile always counts the first round, as the
		// reference implementation does by default, so only the winners
		// compare.
		return
	}
	codes, _ := spec["statusCodes"].([]any)
	for _, sc := range codes {
		comparePRFStatus(t, rep, sc.([]any))
	}
	if tally, ok := spec["tally"].(map[string]any); ok {
		comparePRFTally(t, rep, tally)
	}
}
