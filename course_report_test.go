package rankfile_test

import (
	"testing"

	"github.com/rankfile/rankfile"
)

func TestQuartersReadCountAndStart(t *testing.T) {
	q, err := rankfile.ParseQuarter(" 2026-q4 ")
	if err != nil || q != (rankfile.Quarter{Year: 2026, Q: 4}) || q.String() != "2026-Q4" {
		t.Fatalf("2026-q4 reads as %v, %v", q, err)
	}
	if got := q.Add(1); got.String() != "2027-Q1" || q.Add(-4).String() != "2025-Q4" || q.Add(-8).Count(q) != 9 {
		t.Errorf("adding: %s, %s, %d", got, q.Add(-4), q.Add(-8).Count(q))
	}
	if s := q.Start(); s != rankfile.MustParseDate("2026-10-01") || rankfile.QuarterOf(rankfile.MustParseDate("2026-09-30")).String() != "2026-Q3" {
		t.Errorf("2026-Q4 starts %s", s)
	}
	for _, bad := range []string{"", "2026", "2026-Q5", "2026-Q0", "26-Q1", "Q1-2026", "3000-Q1"} {
		if _, err := rankfile.ParseQuarter(bad); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("%q: %v, want EINVALID", bad, err)
		}
	}
}

// TestJoinQuartilesInterpolate counts joiners who took 10, 10, 20 and 50
// days and two who have no course yet: the quartiles at ranks 0.75, 1.5
// and 2.25 of the four are 10, 15 and 27.5.
func TestJoinQuartilesInterpolate(t *testing.T) {
	j := rankfile.NewJoinQuarter(rankfile.Quarter{Year: 2026, Q: 1},
		[]rankfile.DaysCount{{Days: 50, Members: 1}, {Days: -1, Members: 2}, {Days: 10, Members: 2}, {Days: 20, Members: 1}})
	if j.Joined != 6 || j.Trained != 4 || j.NotYet != 2 || j.Lower != 10 || j.Median != 15 || j.Upper != 27.5 {
		t.Errorf("quarter = %+v; want 6 joined, 4 trained, 2 not yet, quartiles 10, 15, 27.5", j)
	}
	if one := rankfile.NewJoinQuarter(rankfile.Quarter{Year: 2026, Q: 1}, []rankfile.DaysCount{{Days: 7, Members: 1}}); one.Median != 7 || one.Upper != 7 {
		t.Errorf("one joiner: %+v", one)
	}
}

// TestWhoSeesTheTrainingReport: the steering committee, admins and
// stewards see the chapter's; a committee's co-chair her committee's
// course only, and its feedback from five answers; a member nothing.
func TestWhoSeesTheTrainingReport(t *testing.T) {
	housing := &rankfile.Course{ID: 1, BodyIDs: []int64{10}}
	labor := &rankfile.Course{ID: 2, BodyIDs: []int64{11}}
	m := &rankfile.Member{ID: 7}
	steering := &rankfile.Actor{Member: m, Leads: []*rankfile.Body{{ID: 3, Kind: rankfile.KindSteeringCommittee}}}
	cochair := &rankfile.Actor{Member: m, Leads: []*rankfile.Body{{ID: 10, Kind: rankfile.KindCommittee}}}
	for _, c := range []struct {
		who                 string
		actor               *rankfile.Actor
		chapter, own, other bool
	}{
		{"the steering committee", steering, true, true, true},
		{"an admin", &rankfile.Actor{Member: m, Admin: true}, true, true, true},
		{"a steward", &rankfile.Actor{Member: m, Steward: true}, true, true, true},
		{"Housing's co-chair", cochair, false, true, false},
		{"a member", &rankfile.Actor{Member: m}, false, false, false},
		{"nobody signed in", &rankfile.Actor{}, false, false, false},
	} {
		if got := [3]bool{c.actor.CanSeeTrainingReport(nil), c.actor.CanSeeTrainingReport(housing), c.actor.CanSeeTrainingReport(labor)}; got != [3]bool{c.chapter, c.own, c.other} {
			t.Errorf("%s sees the chapter, Housing's, Labor's: %v, want %v", c.who, got, [3]bool{c.chapter, c.own, c.other})
		}
	}
	if cochair.CanSeeTrainingFeedback(housing, rankfile.FeedbackThreshold-1) || !cochair.CanSeeTrainingFeedback(housing, rankfile.FeedbackThreshold) ||
		cochair.CanSeeTrainingFeedback(labor, 20) {
		t.Errorf("the co-chair's feedback: four answers shown, five hidden, or another committee's shown")
	}
}
