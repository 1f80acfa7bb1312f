package rankfile_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
)

// question is a yes/no question of contest id 7 with options 1 (Yes) and
// 2 (No), its threshold t.
func question(t rankfile.Threshold) *rankfile.Contest {
	c := &rankfile.Contest{ID: 7, Title: "Adopt the platform?", Seats: 1, Method: rankfile.MethodQuestion,
		Threshold: t, Candidates: rankfile.QuestionOptions([]string{"Yes", " ", "No"})}
	for i, o := range c.Candidates {
		o.ID, o.Qualified = int64(i+1), true
	}
	return c
}

// TestQuestionValidate refuses a question that cannot be put: more than
// one seat, reserved seats, a threshold out of range, fewer than two
// options, an option twice or an option that is a member.
func TestQuestionValidate(t *testing.T) {
	for _, th := range []rankfile.Threshold{"", rankfile.ThresholdMajority, rankfile.ThresholdTwoThirds, rankfile.ThresholdThreeQuarters} {
		if err := question(th).Validate(); err != nil {
			t.Fatalf("a yes/no question by %q: %v", th, err)
		}
	}
	for name, tc := range map[string]struct {
		change func(c *rankfile.Contest)
		want   string
	}{
		"two seats":           {func(c *rankfile.Contest) { c.Seats = 2 }, "one outcome"},
		"reserved seats":      {func(c *rankfile.Contest) { c.Constraints = []string{"woman>=1"} }, "reserves no seats"},
		"a plurality":         {func(c *rankfile.Contest) { c.Threshold = rankfile.ThresholdPlurality }, "two thirds or three quarters"},
		"a percent":           {func(c *rankfile.Contest) { c.Threshold = "67" }, "two thirds or three quarters"},
		"one option":          {func(c *rankfile.Contest) { c.Candidates = c.Candidates[:1] }, "at least two options"},
		"an option twice":     {func(c *rankfile.Contest) { c.Candidates[1].Name = " yes" }, "is there twice"},
		"a member as option":  {func(c *rankfile.Contest) { c.Candidates[1].MemberID = 9 }, "not a member"},
		"an unnamed option":   {func(c *rankfile.Contest) { c.Candidates[1].Name = " " }, "needs a name"},
		"a threshold for irv": {func(c *rankfile.Contest) { c.Method, c.Candidates = rankfile.MethodIRV, nil }, "only a question has a threshold"},
	} {
		c := question(rankfile.ThresholdTwoThirds)
		tc.change(c)
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", name, err, tc.want)
		}
	}
}

// TestQuestionBallot takes one option or a blank, and refuses two.
func TestQuestionBallot(t *testing.T) {
	e := &rankfile.Election{Contests: []*rankfile.Contest{question("")}}
	for _, ok := range []map[int64][]int64{{7: {1}}, {7: {2}}, {7: nil}, {}} {
		if err := e.CheckBallot(&rankfile.Ballot{Rankings: ok}); err != nil {
			t.Errorf("%v: %v", ok, err)
		}
	}
	if err := e.CheckBallot(&rankfile.Ballot{Rankings: map[int64][]int64{7: {1, 2}}}); err == nil ||
		!strings.Contains(err.Error(), "choose one option") {
		t.Errorf("two options: %v", err)
	}
}

// box holds yes ballots for option 1, no for option 2 and blank ones.
func box(yes, no, blank int) []*rankfile.StoredBallot {
	var out []*rankfile.StoredBallot
	for range yes {
		out = append(out, &rankfile.StoredBallot{Rankings: map[int64][]int64{7: {1}}})
	}
	for range no {
		out = append(out, &rankfile.StoredBallot{Rankings: map[int64][]int64{7: {2}}})
	}
	for range blank {
		out = append(out, &rankfile.StoredBallot{Rankings: map[int64][]int64{}})
	}
	return out
}

// TestCountQuestion passes a simple majority with strictly more than half
// of the votes for an option, a threshold with at least its share, and
// leaves the blanks out of the shares.
func TestCountQuestion(t *testing.T) {
	const two, three = rankfile.ThresholdTwoThirds, rankfile.ThresholdThreeQuarters
	for _, tc := range []struct {
		threshold      rankfile.Threshold
		yes, no, blank int
		needed         int
		passed         bool
		carried        string
	}{
		{"", 51, 49, 300, 51, true, "Yes"},
		{"", 50, 50, 0, 51, false, ""}, // a tie is not more than half
		{"", 40, 60, 0, 51, false, "No"},
		{"", 0, 0, 5, 1, false, ""}, // nothing carries with no votes
		{rankfile.ThresholdMajority, 51, 49, 0, 51, true, "Yes"},
		{two, 2, 1, 0, 2, true, "Yes"}, // exactly two thirds carries
		{two, 67, 33, 10, 67, true, "Yes"},
		{two, 66, 34, 0, 67, false, ""},
		{two, 133, 67, 0, 134, false, ""},
		{two, 134, 66, 0, 134, true, "Yes"},
		{three, 3, 1, 0, 3, true, "Yes"}, // exactly three quarters carries
		{three, 74, 26, 0, 75, false, ""},
	} {
		q, err := question(tc.threshold).CountQuestion(box(tc.yes, tc.no, tc.blank))
		if err != nil {
			t.Fatal(err)
		}
		if q.Cast != tc.yes+tc.no || q.Blank != tc.blank || q.Needed != tc.needed || q.Passed != tc.passed ||
			q.Carried != tc.carried || q.Options[0].Votes != tc.yes || q.Options[1].Votes != tc.no {
			t.Errorf("%q, %d yes %d no %d blank: got %+v", tc.threshold, tc.yes, tc.no, tc.blank, q)
		}
	}
	q, _ := question("").CountQuestion(box(2, 1, 4))
	if q.Options[0].Percent != 66.7 || q.Options[1].Percent != 33.3 {
		t.Errorf("shares %v, %v, want 66.7 and 33.3 of the votes for an option", q.Options[0].Percent, q.Options[1].Percent)
	}
	bad := box(1, 0, 0)
	bad[0].Rankings[7] = []int64{1, 2}
	if _, err := question("").CountQuestion(bad); rankfile.ErrorCode(err) != rankfile.EINTERNAL {
		t.Errorf("a ballot of two options: %v", err)
	}
}
