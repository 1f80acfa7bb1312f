package count

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseConstraint(t *testing.T) {
	for in, want := range map[string]Constraint{
		"women>=8":   {Tag: "women", N: 8},
		"poc >= 5":   {Tag: "poc", N: 5},
		"officer<=2": {Tag: "officer", AtMost: true, N: 2},
	} {
		if got, err := ParseConstraint(in); err != nil || got != want {
			t.Errorf("ParseConstraint(%q): got %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"women=8", ">=3", "women>=-1", "women>=x", "women"} {
		if _, err := ParseConstraint(bad); err == nil || !strings.Contains(err.Error(), "TAG>=N") {
			t.Errorf("ParseConstraint(%q): got %v, want an error explaining TAG>=N", bad, err)
		}
	}
}

func TestReadTags(t *testing.T) {
	t.Run("reads names with several tags", func(t *testing.T) {
		got, err := ReadTags(strings.NewReader("Ann,women,poc\n\n\"Smith, Bo\", men \nCy\n"))
		if err != nil {
			t.Fatal(err)
		}
		want := Tags{"Ann": {"women", "poc"}, "Smith, Bo": {"men"}, "Cy": nil}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("undoes the apostrophe that keeps a cell from being a formula", func(t *testing.T) {
		got, err := ReadTags(strings.NewReader("'=Ann,women,'@poc\n'+Bo,'-x,'word\n"))
		if err != nil {
			t.Fatal(err)
		}
		want := Tags{"=Ann": {"women", "@poc"}, "+Bo": {"-x", "'word"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	for name, tt := range map[string]struct{ in, want string }{
		"a name tagged twice": {"Ann,w\nBo,m\nAnn,p\n", "tags line 3: \"Ann\" is already tagged on line 1"},
		"an empty name":       {"Ann,w\n,m\n", "tags line 2: the first field must name a candidate"},
		"a broken quote":      {"Ann,w\n\"Bo,m\n", "line 2"},
	} {
		t.Run("refuses "+name, func(t *testing.T) {
			_, err := ReadTags(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// guardElection is hand-worked in TestConstraintsScottish and
// TestConstraintsMeek: two seats, W the only woman, women>=1.
const guardElection = "5 2\n5 1 0\n4 2 0\n3 3 0\n2 4 0\n2 5 3 0\n0\nA\nB\nX\nW\nY\nGuarding\n"

var guardTags = Tags{"A": {"man"}, "B": {"man"}, "X": {"man"}, "W": {"woman"}, "Y": {"man"}}

func TestConstraintsScottish(t *testing.T) {
	t.Run("guards the only woman and elects her last", func(t *testing.T) {
		// Quota floor(16/3)+1 = 6. Stage 1: A5 B4 X3 W2 Y2; W is guarded,
		// so Y goes (stage 2: X 5). Stage 3 excludes B, passing over W;
		// stage 4 excludes X, tied with A at 5 but lower at stage 1,
		// again passing over W; A and W then fill the two seats.
		rep := mustCount(t, mustReadBLT(t, guardElection), Options{Method: Scottish, Tags: guardTags, Constraints: []Constraint{{Tag: "woman", N: 1}}})
		if got, want := electedNames(rep), []string{"A", "W"}; !reflect.DeepEqual(got, want) {
			t.Errorf("elected: got %q, want %q", got, want)
		}
		wantExcluded := [][]string{nil, {"Y"}, {"B"}, {"X"}}
		for i, want := range wantExcluded {
			if got := decidedNames(rep, rep.Rounds[i].Excluded); !reflect.DeepEqual(got, want) {
				t.Errorf("round %d excluded: got %q, want %q", i+1, got, want)
			}
		}
		if got, want := rep.names(rep.Rounds[2].Guarded), []string{"W"}; !reflect.DeepEqual(got, want) {
			t.Errorf("round 3 guarded: got %q, want %q", got, want)
		}
		if tie := rep.Rounds[3].Excluded[0].Tie; tie == nil || tie.Stage != 1 || tie.ByLot {
			t.Errorf("round 4 tie: got %+v, want broken at stage 1", tie)
		}
	})
	t.Run("excludes doomed candidates at once", func(t *testing.T) {
		// Quota floor(24/3)+1 = 9. Stage 1 elects A (10). With one seat
		// left and no woman elected, B and X are doomed: stage 2 excludes
		// both, and W, the last one standing, takes the seat before A's
		// surplus is transferred.
		e := mustReadBLT(t, "4 2\n10 1 2 0\n7 2 1 0\n4 3 2 0\n3 4 1 0\n0\nA\nB\nX\nW\nDooming\n")
		tags := Tags{"A": {"man"}, "B": {"man"}, "X": {"man"}, "W": {"woman"}}
		rep := mustCount(t, e, Options{Method: Scottish, Tags: tags, Constraints: []Constraint{{Tag: "woman", N: 1}}})
		if got, want := electedNames(rep), []string{"A", "W"}; !reflect.DeepEqual(got, want) {
			t.Errorf("elected: got %q, want %q", got, want)
		}
		if got, want := len(rep.Rounds), 2; got != want {
			t.Fatalf("rounds: got %d, want %d", got, want)
		}
		for _, d := range rep.Rounds[1].Excluded {
			if d.Reason != ReasonDoomed {
				t.Errorf("%s excluded for %q, want doomed", rep.Candidates[d.Candidate], d.Reason)
			}
		}
		if got, want := decidedNames(rep, rep.Rounds[1].Excluded), []string{"B", "X"}; !reflect.DeepEqual(got, want) {
			t.Errorf("round 2 excluded: got %q, want %q", got, want)
		}
		if got, want := rep.Rounds[1].Exhausted.String(), "11.00000"; got != want {
			t.Errorf("exhausted after the doomed transfer: got %s, want %s", got, want)
		}
	})
}

func TestConstraintsMeek(t *testing.T) {
	// Round 1: nobody reaches 5.333333334; W is guarded, so Y is defeated.
	// Round 2: A5 B4 X5 W2: B is defeated. Round 3: the quota falls to
	// 4.000000001 (12 votes) and A and X reach it; A is elected first, which
	// dooms X, who is defeated; W is then elected as the last one standing.
	rep := mustCount(t, mustReadBLT(t, guardElection), Options{Method: Meek, Tags: guardTags, Constraints: []Constraint{{Tag: "woman", N: 1}}})
	if got, want := electedNames(rep), []string{"A", "W"}; !reflect.DeepEqual(got, want) {
		t.Errorf("elected: got %q, want %q", got, want)
	}
	r3 := rep.Rounds[2]
	if len(r3.Excluded) != 1 || rep.Candidates[r3.Excluded[0].Candidate] != "X" || r3.Excluded[0].Reason != ReasonDoomed {
		t.Errorf("round 3 excluded: got %+v, want X doomed", r3.Excluded)
	}
	if got, want := decidedNames(rep, rep.Rounds[0].Excluded), []string{"Y"}; !reflect.DeepEqual(got, want) {
		t.Errorf("round 1 excluded: got %q, want %q", got, want)
	}
}

func TestImpossibleConstraintsAreRefused(t *testing.T) {
	e := mustReadBLT(t, guardElection)
	for name, tt := range map[string]struct {
		cons []Constraint
		want string
	}{
		"more winners than seats":        {[]Constraint{{Tag: "man", N: 3}}, "man>=3 asks for 3 winners tagged \"man\" but only 2 seats can be filled"},
		"too few tagged candidates":      {[]Constraint{{Tag: "woman", N: 2}}, "only 1 standing candidates carry that tag"},
		"too few untagged candidates":    {[]Constraint{{Tag: "man", AtMost: true, N: 0}}, "man<=0 leaves 2 seats for the 1 standing candidates without the tag"},
		"constraints that clash":         {[]Constraint{{Tag: "woman", N: 1}, {Tag: "man", N: 2}}, "no choice of 2 of the 5 standing candidates satisfies woman>=1, man>=2 together"},
		"a tag nobody carries, at least": {[]Constraint{{Tag: "poc", N: 1}}, "only 0 standing candidates carry that tag"},
	} {
		t.Run(name, func(t *testing.T) {
			for _, m := range []Method{Scottish, Meek} {
				_, err := Count(e, Options{Method: m, Tags: guardTags, Constraints: tt.cons})
				if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "constraints cannot be met") {
					t.Errorf("%s: got %v, want an error containing %q", m, err, tt.want)
				}
			}
		})
	}
	t.Run("constraints under IRV", func(t *testing.T) {
		_, err := Count(e, Options{Method: IRV, Seats: 1, Tags: guardTags, Constraints: []Constraint{{Tag: "woman", N: 1}}})
		if err == nil || !strings.Contains(err.Error(), "STV methods only") {
			t.Errorf("got %v, want constraints refused for irv", err)
		}
	})
	t.Run("tags naming no candidate", func(t *testing.T) {
		_, err := Count(e, Options{Method: Scottish, Tags: Tags{"Zed": {"woman"}}, Constraints: []Constraint{{Tag: "woman", N: 1}}})
		if err == nil || !strings.Contains(err.Error(), `"Zed"`) {
			t.Errorf("got %v, want an error naming Zed", err)
		}
	})
}

func decidedNames(rep *Report, ds []Decision) []string {
	var out []string
	for _, d := range ds {
		out = append(out, rep.Candidates[d.Candidate])
	}
	return out
}
