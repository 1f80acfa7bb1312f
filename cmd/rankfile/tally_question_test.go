package main

import (
	"strings"
	"testing"
)

// questionBLT is a referendum question's public record as rankfile
// publishes it (one seat, the options as candidates, the proposition
// first, each ballot naming its one choice), with six blank ballots a
// hand-made record may add: 30 Yes, 14 No.
const questionBLT = "2 1\n30 1 0\n14 2 0\n6 0\n0\n\"Yes\"\n\"No\"\n\"Adopt the 2027 platform\"\n"

// TestTallyQuestion counts a question's record again by its threshold:
// 30 of 44 is 68.2%, so it carries by two thirds (30 needed) and fails by
// three quarters (33 needed), where no option reaches the threshold.
func TestTallyQuestion(t *testing.T) {
	blt := writeFile(t, "ballots-7.blt", questionBLT)
	t.Run("two thirds carry it", func(t *testing.T) {
		r := runTally(t, "", blt, "--method", "question", "--threshold", "two-thirds")
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		for _, want := range []string{"Threshold: two thirds of the 44 votes cast for an option, 30 needed",
			"Yes                            30   68.2%", "No                             14   31.8%",
			"blank                           6  (in no share)", "Yes carried: the proposition passed."} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("output lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("three quarters do not", func(t *testing.T) {
		var got struct {
			Threshold string `json:"threshold"`
			Options   []struct {
				Name    string  `json:"name"`
				Votes   int     `json:"votes"`
				Percent float64 `json:"percent"`
			} `json:"options"`
			Cast, Blank, Needed int
			Carried             string
			Passed              bool
		}
		decodeInto(t, runTally(t, "", blt, "--method", "question", "--threshold", "three_quarters", "--json").stdout, &got)
		if got.Threshold != "three_quarters" || got.Cast != 44 || got.Blank != 6 || got.Needed != 33 || got.Passed ||
			got.Carried != "" || len(got.Options) != 2 || got.Options[0].Votes != 30 || got.Options[1].Percent != 31.8 {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("a majority by default, several files in order", func(t *testing.T) {
		no := writeFile(t, "no.blt", "2 1\n3 1 0\n4 2 0\n0\n\"Yes\"\n\"No\"\n\"Second question\"\n")
		r := runTally(t, "", blt, no, "--method", "question")
		if r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		first, second, ok := strings.Cut(r.stdout, "== "+no)
		if !ok || !strings.Contains(first, "majority of the 44 votes cast for an option, 23 needed") ||
			!strings.Contains(first, "Yes carried") || !strings.Contains(second, "No carried: the proposition failed.") {
			t.Errorf("output:\n%s", r.stdout)
		}
	})
	t.Run("refuses what is not a question's record", func(t *testing.T) {
		for name, c := range map[string]struct {
			blt  string
			args []string
			want string
		}{
			"two choices on a ballot": {"2 1\n1 1 2 0\n0\n\"Yes\"\n\"No\"\n\"Q\"\n", nil, "line 2: a ballot chooses one option, and this one ranks 2"},
			"two seats":               {"2 2\n1 1 0\n0\n\"Yes\"\n\"No\"\n\"Q\"\n", nil, "a question's record has one seat, not 2"},
			"a withdrawn option":      {"3 1\n-3\n1 1 0\n0\n\"Yes\"\n\"No\"\n\"Maybe\"\n\"Q\"\n", nil, "withdraws 1"},
			"one option":              {"1 1\n1 1 0\n0\n\"Yes\"\n\"Q\"\n", nil, "at least two options"},
			"a plurality threshold":   {questionBLT, []string{"--threshold", "plurality"}, `--threshold: the threshold "plurality"`},
			"a ranked count's option": {questionBLT, []string{"--seats", "2"}, "--seats, --tags, --require and --allow-fewer are for ranked counts"},
		} {
			f := writeFile(t, "bad.blt", c.blt)
			r := runTally(t, "", append([]string{f, "--method", "question"}, c.args...)...)
			if r.code != exitInvalid || !strings.Contains(r.stderr, c.want) || r.stdout != "" {
				t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d and %q", name, r.code, r.stdout, r.stderr, exitInvalid, c.want)
			}
		}
	})
	t.Run("a threshold is a question's", func(t *testing.T) {
		r := runTally(t, "", blt, "--method", "irv", "--threshold", "majority")
		if r.code != exitInvalid || !strings.Contains(r.stderr, "--threshold is a question's") {
			t.Errorf("exit %d, %s", r.code, r.stderr)
		}
	})
}
