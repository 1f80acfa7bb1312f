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
		"no method":                  {[]string{blt}, "--method is required"},
		"an unknown method":          {[]string{blt, "--method", "borda"}, `--method "borda"`},
		"a bad constraint":           {[]string{blt, "--method", "meek", "--require", "women=1"}, "TAG>=N"},
		"impossible constraints":     {[]string{blt, "--method", "meek", "--tags", tags, "--require", "women>=2"}, "constraints cannot be met"},
		"irv for two seats":          {[]string{blt, "--method", "irv"}, "irv elects one seat"},
		"a missing file":             {[]string{"/no/such.blt", "--method", "irv"}, "cannot open"},
		"a bad ballot":               {[]string{writeFile(t, "bad.blt", "3 1\n1 1 9 0\n0\n"), "--method", "irv"}, `line 2: "9" is not a candidate`},
		"tags of no candidate":       {[]string{blt, "--method", "meek", "--tags", writeFile(t, "t.csv", "Zed,women\n"), "--require", "women>=1"}, `"Zed"`},
		"a constraint without tags":  {[]string{blt, "--method", "meek", "--require", "women>=1"}, "--require needs --tags"},
		"more seats than candidates": {[]string{blt, "--method", "scottish", "--seats", "4"}, "4 seats to fill but only 3 candidates stand: pass --allow-fewer"},
		"standard input twice":       {[]string{"-", blt, "-", "--method", "irv"}, `"-" (standard input) can be named once only`},
		"json and json lines":        {[]string{blt, "--method", "meek", "--json", "--json-lines"}, "choose one"},
	} {
		t.Run(name, func(t *testing.T) {
			r := runTally(t, "", tt.args...)
			if r.code != exitInvalid || !strings.HasPrefix(r.stderr, "rankfile: ") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and a message containing %q", r.code, r.stderr, exitInvalid, tt.want)
			}
		})
	}
}

// wardBLT is a one-seat election whose Meek quota falls as Cole's two
// ballots exhaust: 4.500000001 at first, 3.500000001 at the end.
const wardBLT = "3 1\n4 1 0\n3 2 0\n2 3 0\n0\n\"Ada\"\n\"Bea\"\n\"Cole\"\n\"Ward 7\"\n"

// TestTallyCountsSeveralFiles counts a batch of wards in one run: reports
// in the order the files were named, whatever the order they finish in, as
// text, as one JSON array and as JSON lines; a file that cannot be counted
// stops the run with nothing printed.
func TestTallyCountsSeveralFiles(t *testing.T) {
	files := []string{writeFile(t, "42.blt", tallyBLT), writeFile(t, "ward7.blt", wardBLT), writeFile(t, "again.blt", tallyBLT)}
	text := runTally(t, "", append(files, "--method", "meek")...)
	first, second, third := strings.Index(text.stdout, "== "+files[0]), strings.Index(text.stdout, "== "+files[1]), strings.Index(text.stdout, "== "+files[2])
	if text.code != exitOK || first != 0 || second < first || third < second {
		t.Errorf("exit %d; want the three reports headed by their files, in order:\n%s%s", text.code, text.stdout, text.stderr)
	}
	var array []struct {
		Title   string   `json:"title"`
		Elected []string `json:"elected"`
	}
	decodeInto(t, runTally(t, "", append(files, "--method", "meek", "--json")...).stdout, &array)
	if len(array) != 3 || array[0].Title != "Pollux and Helen" || array[1].Title != "Ward 7" || array[2].Title != "Pollux and Helen" {
		t.Errorf("--json gave %+v; want an array of the three counts in order", array)
	}
	lines := strings.Split(strings.TrimSpace(runTally(t, "", append(files, "--method", "meek", "--json-lines")...).stdout), "\n")
	if len(lines) != 3 || !strings.Contains(lines[1], `"elected":["Ada"]`) {
		t.Errorf("--json-lines gave %q; want three lines, Ada elected in the second", lines)
	}
	bad := writeFile(t, "bad.blt", "3 1\n1 1 9 0\n0\n")
	r := runTally(t, "", files[0], bad, files[1], "--method", "meek", "--json")
	if r.code != exitInvalid || r.stdout != "" || !strings.Contains(r.stderr, bad+": line 2") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 naming %s and nothing printed", r.code, r.stdout, r.stderr, bad)
	}
}

// TestTallySaysExactlyWhatWasCounted checks the header's words: seats in
// the singular and plural, Meek's final quota named as final beside the
// first round's, and --allow-fewer electing every candidate standing.
func TestTallySaysExactlyWhatWasCounted(t *testing.T) {
	ward := writeFile(t, "ward7.blt", wardBLT)
	meek := runTally(t, "", ward, "--method", "meek")
	if !strings.Contains(meek.stdout, "1 seat, 9 ballots (9 valid), final quota 3.500000001 (first round 4.500000001)") {
		t.Errorf("Meek's header:\n%s", meek.stdout)
	}
	scottish := runTally(t, "", ward, "--method", "scottish")
	if !strings.Contains(scottish.stdout, "1 seat, 9 ballots (9 valid), quota 5.00000,") {
		t.Errorf("Scottish STV's header:\n%s", scottish.stdout)
	}
	fewer := runTally(t, "", writeFile(t, "42.blt", tallyBLT), "--method", "scottish", "--seats", "4", "--allow-fewer")
	if fewer.code != exitOK || !strings.Contains(fewer.stdout, "4 seats, 6 ballots") || !strings.Contains(fewer.stdout, "3. Pollux") {
		t.Errorf("exit %d; want every candidate elected to 4 seats:\n%s%s", fewer.code, fewer.stdout, fewer.stderr)
	}
}
