package rankfile

import "testing"

// TestThresholds checks each threshold at its edge.
func TestThresholds(t *testing.T) {
	for _, c := range []struct {
		t           Threshold
		votes, cast int
		want        bool
	}{
		{ThresholdMajority, 6, 10, true},
		{ThresholdMajority, 5, 10, false}, // half is not more than half
		{ThresholdMajority, 1, 1, true},
		{ThresholdMajority, 0, 0, false}, // nothing carries by no votes
		{ThresholdTwoThirds, 20, 30, true},
		{ThresholdTwoThirds, 19, 30, false},
		{ThresholdTwoThirds, 2, 3, true},
		{ThresholdThreeQuarters, 3, 4, true},
		{ThresholdThreeQuarters, 74, 100, false},
		{ThresholdPlurality, 1, 10, true},
		{ThresholdPlurality, 0, 10, false},
	} {
		if got := c.t.Met(c.votes, c.cast); got != c.want {
			t.Errorf("%s with %d of %d: %v, want %v", c.t, c.votes, c.cast, got, c.want)
		}
	}
	if DefaultThreshold(ProposalBylaws) != ThresholdTwoThirds || DefaultThreshold(ProposalResolution) != ThresholdMajority {
		t.Error("default thresholds: two thirds for bylaws, a majority otherwise")
	}
}

// TestBallotChoices checks what a ballot may choose.
func TestBallotChoices(t *testing.T) {
	yesNo := &MeetingVote{Kind: VoteYesNo, Question: "?"}
	ranked := &MeetingVote{Kind: VoteRanked, Question: "?", Options: []string{"a", "b", "c"}}
	for _, v := range []*MeetingVote{yesNo, ranked} {
		if err := v.Validate(); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		v      *MeetingVote
		choice []int
		ok     bool
	}{
		{yesNo, nil, true}, {yesNo, []int{OptionNo}, true}, {yesNo, []int{2}, false}, {yesNo, []int{0, 1}, false},
		{ranked, []int{2, 0, 1}, true}, {ranked, []int{2, 2}, false}, {ranked, []int{-1}, false}, {ranked, []int{}, true},
	} {
		if err := c.v.CheckChoice(c.choice); (err == nil) != c.ok {
			t.Errorf("%s %v: %v", c.v.Kind, c.choice, err)
		}
	}
	bad := &MeetingVote{Kind: VoteRanked, Question: "?", Options: []string{"a", "A"}}
	if ErrorCode(bad.Validate()) != EINVALID {
		t.Error("an option twice was taken")
	}
	if ranked.Seats != 1 {
		t.Errorf("a ranked vote fills %d places by default; want 1", ranked.Seats)
	}
}
