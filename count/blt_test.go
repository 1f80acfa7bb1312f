package count

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestReadBLT(t *testing.T) {
	t.Run("reads the classic example with a withdrawn candidate", func(t *testing.T) {
		e := mustReadBLT(t, "4 2\n-2\n3 1 3 4 0\n4 1 3 2 0\n2 4 1 3 0\n1 2 0\n2 2 4 3 1 0\n1 3 4 2 0\n0\n\"Adam\"\n\"Basil\"\n\"Charlotte\"\n\"Donald\"\n\"Title\"\n")
		if got, want := e.Candidates, []string{"Adam", "Basil", "Charlotte", "Donald"}; !reflect.DeepEqual(got, want) {
			t.Errorf("candidates: got %q, want %q", got, want)
		}
		if got, want := e.Seats, 2; got != want {
			t.Errorf("seats: got %d, want %d", got, want)
		}
		if got, want := e.Withdrawn, []int{1}; !reflect.DeepEqual(got, want) {
			t.Errorf("withdrawn: got %v, want %v", got, want)
		}
		if got, want := e.Title, "Title"; got != want {
			t.Errorf("title: got %q, want %q", got, want)
		}
		if got, want := e.Ballots[0].Ranking, []int{0, 2, 3}; !reflect.DeepEqual(got, want) {
			t.Errorf("first ranking: got %v, want %v", got, want)
		}
		if got, want := e.TotalWeight(), int64(13); got != want {
			t.Errorf("total weight: got %d, want %d", got, want)
		}
	})
	t.Run("merges identical rankings and keeps the first line", func(t *testing.T) {
		e := mustReadBLT(t, "2 1\n1 1 2 0\n2 2 0\n3 1 2 0\n0\nA\nB\nT\n")
		if got, want := len(e.Ballots), 2; got != want {
			t.Fatalf("distinct ballots: got %d, want %d", got, want)
		}
		if got, want := e.Ballots[0], (Ballot{Weight: 4, Ranking: []int{0, 1}, Line: 2}); !reflect.DeepEqual(got, want) {
			t.Errorf("merged ballot: got %+v, want %+v", got, want)
		}
	})
	t.Run("accepts a byte-order mark, CRLF, comments and unquoted names", func(t *testing.T) {
		e := mustReadBLT(t, "\uFEFF2 1\r\n# a comment\r\n1 1 2 0 # trailing\r\n\r\n0\r\nCåstor\r\n\"Pollux # not a comment\"\r\n\"Title\"\r\n")
		if got, want := e.Candidates, []string{"Cåstor", "Pollux # not a comment"}; !reflect.DeepEqual(got, want) {
			t.Errorf("candidates: got %q, want %q", got, want)
		}
	})
	t.Run("reads equal rankings", func(t *testing.T) {
		e := mustReadBLT(t, "3 1\n2 1=2 3 0\n0\nA\nB\nC\nT\n")
		b := e.Ballots[0]
		if got, want := b.Equal, []bool{false, true, false}; !reflect.DeepEqual(got, want) {
			t.Errorf("equal: got %v, want %v", got, want)
		}
		if !b.HasEqualRanks() {
			t.Errorf("HasEqualRanks: got false, want true")
		}
	})
	t.Run("reads droop options", func(t *testing.T) {
		e := mustReadBLT(t, "3 1\n[nick a b c]\n[tie c b a]\n[withdrawn b]\n1 a c 0\n0\nA\nB\nC\nT\n")
		if got, want := e.TieOrder, []int{2, 1, 0}; !reflect.DeepEqual(got, want) {
			t.Errorf("tie order: got %v, want %v", got, want)
		}
		if got, want := e.Withdrawn, []int{1}; !reflect.DeepEqual(got, want) {
			t.Errorf("withdrawn: got %v, want %v", got, want)
		}
		if got, want := e.Ballots[0].Ranking, []int{0, 2}; !reflect.DeepEqual(got, want) {
			t.Errorf("ranking: got %v, want %v", got, want)
		}
	})
	t.Run("reads several quoted names on a line and ignores what follows the title", func(t *testing.T) {
		e := mustReadBLT(t, "2 1\n1 1 0\n0\n\"A\" \"B  b \"\n\"Title\" \"source\"\n\"comment\"\nFirst Prefs\n 0119 32\n")
		if got, want := e.Candidates, []string{"A", "B b"}; !reflect.DeepEqual(got, want) {
			t.Errorf("candidates: got %q, want %q", got, want)
		}
		if got, want := e.Title, "Title"; got != want {
			t.Errorf("title: got %q, want %q", got, want)
		}
	})
}

func TestReadBLTErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"empty file", "", "line 1: empty file"},
		{"bad header", "3\n", "line 1: expected '<candidates> <seats>'"},
		{"zero seats", "3 0\n", "line 1: expected two positive whole numbers"},
		{"huge header", "99999999 1\n", "line 1: 99999999 candidates is more than"},
		{"bad withdrawn", "3 1\n-4\n0\n", "line 2: withdrawn candidates are written -1 to -3"},
		{"unknown option", "3 1\n[droop precision=5]\n0\n", "line 2: unsupported BLT option [droop]"},
		{"unknown candidate", "3 1\n1 1 4 0\n0\n", `line 2: "4" is not a candidate`},
		{"no terminating zero", "3 1\n1 1 2\n0\n", "line 2: ballot does not end with 0"},
		{"text after zero", "3 1\n1 1 0 2\n0\n", `line 2: "2" follows the 0`},
		{"fractional weight", "3 1\n\n1.5 1 0\n0\n", "line 3: ballot weight must be a whole number"},
		{"zero weight", "3 1\n0 1 0\n0\n", "line 2: ballot weight must be a whole number of at least 1"},
		{"ranked twice", "3 1\n1 1 2 1 0\n0\n", "line 2: candidate 1 is ranked more than once"},
		{"skipped ranking", "3 1\n1 1 - 2 0\n0\n", `line 2: skipped rankings "-"`},
		{"ballot id", "3 1\n(a1) 1 1 0\n0\n", `line 2: ballot IDs "(a1)"`},
		{"missing end", "3 1\n1 1 0\n", "line 2: the file ends before the '0' line"},
		{"missing names", "3 1\n1 1 0\n0\n\"A\"\n\"B\"\n", "line 5: expected 3 candidate names, found 2"},
		{"duplicate name", "2 1\n1 1 0\n0\n\"A\"\n\"A\"\n", `line 5: candidate name "A" is already given on line 4`},
		{"unclosed quote", "2 1\n1 1 0\n0\n\"A\n", `line 4: name "\"A" has no closing quote`},
		{"too heavy", "1 1\n999999999 1 0\n999999999 1 0\n0\nA\n", "line 3: total ballot weight exceeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadBLT(strings.NewReader(tt.input))
			if err == nil {
				t.Fatalf("got no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got error %q, want it to start with %q", err, tt.want)
			}
		})
	}
}

func TestWriteBLT(t *testing.T) {
	t.Run("round-trips through ReadBLT", func(t *testing.T) {
		in := "4 2\n-2\n[tie 3 1]\n3 1 3 4 0\n4 1 3=2 0\n2 4 1 3 0\n1 2 0\n0\n\"Adam\"\n\"Basil\"\n\"Charlotte\"\n\"Donald\"\n\"Title\"\n"
		e := mustReadBLT(t, in)
		var buf bytes.Buffer
		if err := WriteBLT(&buf, e); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), in; got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("refuses a name with a double quote", func(t *testing.T) {
		e := &Election{Candidates: []string{`Jo "JJ" Smith`}, Seats: 1}
		err := WriteBLT(&bytes.Buffer{}, e)
		if err == nil || !strings.Contains(err.Error(), "double quote") {
			t.Errorf("got %v, want an error about the double quote", err)
		}
	})
}

func mustReadBLT(t testing.TB, s string) *Election {
	t.Helper()
	e, err := ReadBLT(strings.NewReader(s))
	if err != nil {
		t.Fatalf("ReadBLT: %v", err)
	}
	return e
}
