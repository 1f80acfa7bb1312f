package count

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadBLTPackedCountsAsReadBLT counts every BLT file of the shared
// data, as Ballots and packed, by Scottish STV and Meek: the reports must
// be the same to the byte (the 200,000-ballot file is large enough to be
// mapped rather than read), and so must any refusal.
func TestReadBLTPackedCountsAsReadBLT(t *testing.T) {
	var files []string
	filepath.WalkDir(stvData(t), func(path string, _ os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".blt") {
			files = append(files, path)
		}
		return err
	})
	if len(files) < 90 {
		t.Fatalf("found %d BLT files in the shared data, expected its 97", len(files))
	}
	counted := 0
	for _, path := range files {
		e, err := readFile(path, ReadBLT)
		packed, packedErr := readFile(path, ReadBLTPacked)
		if err != nil || packedErr != nil {
			if err == nil || packedErr == nil || err.Error() != packedErr.Error() {
				t.Fatalf("%s: read as Ballots: %v; packed: %v", path, err, packedErr)
			}
			continue // a file neither reads, such as Droop's own options
		}
		if e.TotalWeight() != packed.TotalWeight() {
			t.Fatalf("%s: total weight %d read as Ballots, %d packed", path, e.TotalWeight(), packed.TotalWeight())
		}
		for _, m := range []Method{Scottish, Meek} {
			rep, err := Count(e, Options{Method: m})
			checkSameCount(t, rep, err, packed, Options{Method: m})
		}
		counted++
	}
	if counted < 80 {
		t.Errorf("counted %d files of %d, expected more than 80", counted, len(files))
	}
}

// checkSameCount counts the packed election and compares it with the
// report or error of the same count of the election as Ballots.
func checkSameCount(t *testing.T, want *Report, wantErr error, packed *Election, opt Options) {
	t.Helper()
	got, err := Count(packed, opt)
	if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Fatalf("%s of %q: packed gives error %v, Ballots %v", opt.Method, packed.Title, err, wantErr)
	}
	if err != nil {
		return
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Fatalf("%s of %q: the packed count differs from the count of Ballots", opt.Method, packed.Title)
	}
}

func readFile(path string, read func(io.Reader) (*Election, error)) (*Election, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return read(f)
}

// TestPackedElection checks what reads packed ballots besides Count: the
// total weight, writing BLT, and Validate's refusals, each naming the line.
func TestPackedElection(t *testing.T) {
	const blt = "3 1\n2 1 2 0\n1 3 0\n4 1 2 0\n1 0\n0\nA\nB\nC\nT\n"
	read := func() *Election {
		e, err := ReadBLTPacked(strings.NewReader(blt))
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	e := read()
	if e.Ballots != nil || e.TotalWeight() != 8 {
		t.Fatalf("Ballots %v, total weight %d; want none and 8", e.Ballots, e.TotalWeight())
	}
	var out bytes.Buffer
	if err := WriteBLT(&out, e); err != nil {
		t.Fatal(err)
	}
	if want := "3 1\n6 1 2 0\n1 3 0\n1 0\n0\n\"A\"\n\"B\"\n\"C\"\n\"T\"\n"; out.String() != want {
		t.Errorf("WriteBLT wrote\n%s\nwant\n%s", out.String(), want)
	}
	e.Candidates = e.Candidates[:2]
	if err := e.Validate(); err == nil || err.Error() != "line 3: ballot ranks candidate 3, which does not exist" {
		t.Errorf("candidate gone: %v", err)
	}
	e = read()
	e.Ballots = []Ballot{{Weight: 1, Ranking: []int{0}}}
	if err := e.Validate(); err == nil || !strings.Contains(err.Error(), "Ballots must stay empty") {
		t.Errorf("Ballots added: %v", err)
	}
}

// TestPackedEqualRanksAreRefusedByLine checks that a count of packed
// ballots refuses equal ranks naming the line, as of Ballots.
func TestPackedEqualRanksAreRefusedByLine(t *testing.T) {
	e, err := ReadBLTPacked(strings.NewReader("3 1\n2 1 2 0\n1 3=2 0\n0\nA\nB\nC\nT\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Count(e, Options{Method: Meek})
	if err == nil || !strings.HasPrefix(err.Error(), "line 3: equal rankings") {
		t.Errorf("got %v, want line 3's equal ranking refused", err)
	}
}
