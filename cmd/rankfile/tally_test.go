package main

import (
	"context"
	"strings"
	"testing"
)

// tallyBLT is a small two-seat election: Castor wins, then Helen.
const tallyBLT = "3 2\n4 1 2 0\n2 3 0\n0\n\"Castor\"\n\"Pollux\"\n\"Helen\"\n\"Pollux and Helen\"\n"

// runTally runs rankfile tally without a database.
func runTally(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runWith(t, context.Background(), map[string]string{}, stdin, append([]string{"tally"}, args...)...)
}

func TestTally(t *testing.T) {
	blt := writeFile(t, "42.blt", tallyBLT)
	t.Run("prints the count as text with its seed", func(t *testing.T) {
		r := runTally(t, "", blt, "--method", "scottish", "--seed", "2024-convention")
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		for _, want := range []string{"Scottish STV", `Lot seed: "2024-convention"`, "1. Castor", "2. Helen", "Round 2: surplus of Castor"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("output lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("prints the promised JSON", func(t *testing.T) {
		var got struct {
			Method  string   `json:"method"`
			Seats   int      `json:"seats"`
			Quota   float64  `json:"quota"`
			Elected []string `json:"elected"`
			Seed    string   `json:"seed"`
			Rounds  []struct {
				Number    int                `json:"number"`
				Tallies   map[string]float64 `json:"tallies"`
				Exhausted float64            `json:"exhausted"`
				Elected   []string           `json:"elected"`
				Excluded  []string           `json:"excluded"`
			} `json:"rounds"`
		}
		decodeInto(t, runTally(t, "", blt, "--method", "meek", "--json").stdout, &got)
		if got.Method != "meek" || got.Seats != 2 || got.Seed != "0" || strings.Join(got.Elected, ",") != "Castor,Helen" {
			t.Errorf("got %s/%d/seed %q/%v, want meek/2/seed \"0\"/[Castor Helen]", got.Method, got.Seats, got.Seed, got.Elected)
		}
		if len(got.Rounds) != 2 || got.Rounds[1].Number != 2 || got.Rounds[1].Tallies["Pollux"] != 1.999999996 {
			t.Errorf("rounds: got %+v, want Pollux at 1.999999996 in round 2", got.Rounds)
		}
	})
	t.Run("reads standard input and --seats", func(t *testing.T) {
		r := runTally(t, tallyBLT, "-", "--method", "irv", "--seats", "1", "--json")
		if r.code != exitOK || !strings.Contains(r.stdout, `"method": "irv"`) {
			t.Errorf("exit %d, %s %s", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("enforces constraints", func(t *testing.T) {
		tags := writeFile(t, "tags.csv", "Castor,men\nPollux,women\nHelen,men\n")
		r := runTally(t, "", blt, "--method", "scottish", "--tags", tags, "--require", "women>=1", "--json")
		if r.code != exitOK || !strings.Contains(r.stdout, `"Pollux"`) || !strings.Contains(r.stdout, `"doomed"`) {
			t.Errorf("exit %d, want Pollux elected and Helen doomed:\n%s %s", r.code, r.stdout, r.stderr)
		}
	})
}

func TestTallyRefusals(t *testing.T) {
	blt := writeFile(t, "42.blt", tallyBLT)
	tags := writeFile(t, "tags.csv", "Castor,men\nPollux,women\nHelen,men\n")
	for name, tt := range map[string]struct {
		args []string
		want string
	}{
		"no method":              {[]string{blt}, "--method is required"},
		"an unknown method":      {[]string{blt, "--method", "borda"}, `--method "borda"`},
		"a bad constraint":       {[]string{blt, "--method", "meek", "--require", "women=1"}, "TAG>=N"},
		"impossible constraints": {[]string{blt, "--method", "meek", "--tags", tags, "--require", "women>=2"}, "constraints cannot be met"},
		"irv for two seats":      {[]string{blt, "--method", "irv"}, "irv elects one seat"},
		"a missing file":         {[]string{"/no/such.blt", "--method", "irv"}, "cannot open"},
		"a bad ballot":           {[]string{writeFile(t, "bad.blt", "3 1\n1 1 9 0\n0\n"), "--method", "irv"}, `line 2: "9" is not a candidate`},
		"tags of no candidate":   {[]string{blt, "--method", "meek", "--tags", writeFile(t, "t.csv", "Zed,women\n"), "--require", "women>=1"}, `"Zed"`},
	} {
		t.Run(name, func(t *testing.T) {
			r := runTally(t, "", tt.args...)
			if r.code != exitInvalid || !strings.HasPrefix(r.stderr, "rankfile: ") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and a message containing %q", r.code, r.stderr, exitInvalid, tt.want)
			}
		})
	}
}
