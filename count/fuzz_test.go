package count

import (
	"bytes"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var lineError = regexp.MustCompile(`^line (\d+): `)

// FuzzReadBLT feeds arbitrary bytes to the reader. It must never panic;
// every error must name a line of the input; and whatever it accepts must
// write back to BLT that reads as the same election, and count by every
// method without panicking.
//
//	go test ./count -run '^$' -fuzz FuzzReadBLT -fuzztime 5m
func FuzzReadBLT(f *testing.F) {
	for _, seed := range []string{
		castorPollux,
		guardElection,
		"4 2\n-2\n3 1 3 4 0\n4 1 3 2 0\n2 4 1 3 0\n1 2 0\n0\n\"Adam\"\n\"Basil\"\n\"Charlotte\"\n\"Donald\"\n\"Title\"\n",
		"\uFEFF3 2\r\n[tie 3 2 1]\r\n4 1 2 0 # comment\r\n2 3 0\r\n0\r\nCastor\r\n\"Pollux\" \"Helen\"\r\n\"T\" \"source\"\r\n",
		"3 2\n[nick a b c]\n5 a b 0\n1 b=c 0\n3 c 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"equal\"\n",
		"2 1\n[withdrawn 1]\n3 1 2 0\n0\nA\nB\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := ReadBLT(bytes.NewReader(data))
		if err != nil {
			checkLineError(t, err, data)
			return
		}
		packed, err := ReadBLTPacked(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("ReadBLT accepts what ReadBLTPacked refuses: %v", err)
		}
		for _, m := range []Method{Scottish, Meek, IRV} {
			rep, err := Count(e, Options{Method: m, Seats: seatsFor(m, e)})
			if err == nil && len(rep.Rounds) == 0 {
				t.Errorf("%s counted without a round", m)
			}
			checkSameCount(t, rep, err, packed, Options{Method: m, Seats: seatsFor(m, e)})
		}
		checkRoundTrip(t, e)
	})
}

// checkLineError checks that err names a line between 1 and one past the
// last line of data.
func checkLineError(t *testing.T, err error, data []byte) {
	m := lineError.FindStringSubmatch(err.Error())
	if m == nil {
		t.Fatalf("error does not name its line: %v", err)
	}
	n, _ := strconv.Atoi(m[1])
	if lines := bytes.Count(data, []byte("\n")) + 1; n < 1 || n > lines {
		t.Fatalf("error names line %d of %d: %v", n, lines, err)
	}
}

func checkRoundTrip(t *testing.T, e *Election) {
	var buf bytes.Buffer
	if err := WriteBLT(&buf, e); err != nil {
		if strings.Contains(err.Error(), "double quote") {
			return // a name BLT cannot write back
		}
		t.Fatalf("WriteBLT: %v", err)
	}
	back, err := ReadBLT(&buf)
	if err != nil {
		t.Fatalf("reading back %q: %v", buf.String(), err)
	}
	clearLines(e)
	clearLines(back)
	if !reflect.DeepEqual(e, back) {
		t.Fatalf("round trip changed the election:\n got %+v\nwant %+v", back, e)
	}
}

// clearLines forgets line numbers, which a rewritten file changes.
func clearLines(e *Election) {
	for i := range e.Ballots {
		e.Ballots[i].Line = 0
	}
}

func seatsFor(m Method, e *Election) int {
	if m == IRV {
		return 1
	}
	return e.Seats
}
