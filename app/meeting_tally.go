package app

import (
	"fmt"
	"sort"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/count"
)

// tallyVote counts a closed vote's ballots: a tally for each session, in
// the meeting's order, and one for all combined; the outcome by the
// vote's threshold, or, for a ranked vote, by the counting engine.
func tallyVote(m *rankfile.Meeting, v *rankfile.MeetingVote, ballots []*rankfile.CastBallot) (*rankfile.VoteResult, error) {
	r := &rankfile.VoteResult{Combined: newTally(0, "", v)}
	bySession := map[int64]*rankfile.VoteTally{}
	for _, s := range m.Sessions {
		t := newTally(s.ID, s.Name, v)
		r.Sessions, bySession[s.ID] = append(r.Sessions, t), t
	}
	for _, b := range ballots {
		t := bySession[b.SessionID]
		if t == nil {
			return nil, fmt.Errorf("vote %d: a ballot of session %d, which is not the meeting's", v.ID, b.SessionID)
		}
		for _, into := range []*rankfile.VoteTally{t, r.Combined} {
			addBallot(into, b)
		}
		if v.RollCall {
			r.Roll = append(r.Roll, &rankfile.RollCallEntry{Name: b.Name, Session: t.Name, Choice: b.Choice})
		}
	}
	sort.SliceStable(r.Roll, func(i, j int) bool { return strings.ToLower(r.Roll[i].Name) < strings.ToLower(r.Roll[j].Name) })
	var err error
	switch v.Kind {
	case rankfile.VoteYesNo:
		decideYesNo(v, r)
	case rankfile.VoteChoice:
		decideChoice(v, r)
	case rankfile.VoteRanked:
		err = decideRanked(v, ballots, r)
	}
	return r, err
}

func newTally(sessionID int64, name string, v *rankfile.MeetingVote) *rankfile.VoteTally {
	return &rankfile.VoteTally{SessionID: sessionID, Name: name, Counts: make([]int, v.OptionCount())}
}

func addBallot(t *rankfile.VoteTally, b *rankfile.CastBallot) {
	if len(b.Choice) == 0 {
		t.Abstain++
	} else {
		t.Counts[b.Choice[0]]++
	}
	if b.Room {
		t.Room++
	}
}

// votesLine says a tally in words: "120 yes, 30 no, 5 abstaining".
func votesLine(v *rankfile.MeetingVote, t *rankfile.VoteTally) string {
	var parts []string
	for i, n := range t.Counts {
		name := "yes"
		switch {
		case v.Kind != rankfile.VoteYesNo:
			name = "for " + v.Options[i]
		case i == rankfile.OptionNo:
			name = "no"
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, name))
	}
	return strings.Join(append(parts, fmt.Sprintf("%d abstaining", t.Abstain)), ", ")
}

var thresholdWords = map[rankfile.Threshold]string{
	rankfile.ThresholdMajority:      "a majority of votes cast",
	rankfile.ThresholdTwoThirds:     "two thirds of votes cast",
	rankfile.ThresholdThreeQuarters: "three quarters of votes cast",
	rankfile.ThresholdPlurality:     "the most votes",
}

func decideYesNo(v *rankfile.MeetingVote, r *rankfile.VoteResult) {
	c := r.Combined
	r.Carried = v.Threshold.Met(c.Counts[rankfile.OptionYes], c.Cast())
	outcome := "Failed"
	if r.Carried {
		outcome = "Carried"
	}
	r.Summary = fmt.Sprintf("%s: %s (%s needed)", outcome, votesLine(v, c), thresholdWords[v.Threshold])
}

// decideChoice chooses the option with the most votes, if it meets the
// threshold and no other option has as many.
func decideChoice(v *rankfile.MeetingVote, r *rankfile.VoteResult) {
	c := r.Combined
	top, tied := 0, false
	for i, n := range c.Counts {
		if n > c.Counts[top] {
			top, tied = i, false
		} else if i != top && n == c.Counts[top] {
			tied = true
		}
	}
	switch {
	case tied || !v.Threshold.Met(c.Counts[top], c.Cast()):
		r.Summary = fmt.Sprintf("No option chosen: %s (%s needed)", votesLine(v, c), thresholdWords[v.Threshold])
	default:
		r.Carried, r.Winners = true, []int{top}
		r.Summary = fmt.Sprintf("Chosen: %s, with %s", v.Options[top], votesLine(v, c))
	}
}

// decideRanked counts the rankings by the counting engine: instant runoff
// for one place, Scottish STV for more, ties by the lot seeded when the
// vote opened. Abstentions rank nothing and are left out of the count.
func decideRanked(v *rankfile.MeetingVote, ballots []*rankfile.CastBallot, r *rankfile.VoteResult) error {
	e, rep, err := rankedCount(v, ballots)
	if err != nil {
		return err
	}
	if rep == nil {
		r.Summary = "No option chosen: no one ranked any"
		return nil
	}
	var text strings.Builder
	if err := rep.WriteText(&text); err != nil {
		return err
	}
	r.Count, r.Winners, r.Carried = text.String(), rep.Elected, len(rep.Elected) > 0
	var names []string
	for _, i := range rep.Elected {
		names = append(names, v.Options[i])
	}
	r.Summary = fmt.Sprintf("Chosen, in order: %s (%d rankings, %s)", strings.Join(names, "; "), len(e.Ballots), rankedMethod(v))
	return nil
}

// rankedMethod is the rule a ranked vote is counted by.
func rankedMethod(v *rankfile.MeetingVote) count.Method {
	if v.Seats == 1 {
		return count.IRV
	}
	return count.Scottish
}

// rankedCount counts a ranked vote's ballots, the election counted and
// its report; no report when no one ranked anything.
func rankedCount(v *rankfile.MeetingVote, ballots []*rankfile.CastBallot) (*count.Election, *count.Report, error) {
	e := &count.Election{Title: v.Question, Seats: v.Seats, Candidates: v.Options}
	for _, b := range ballots {
		if len(b.Choice) > 0 {
			e.Ballots = append(e.Ballots, count.Ballot{Weight: 1, Ranking: b.Choice})
		}
	}
	if len(e.Ballots) == 0 {
		return e, nil, nil
	}
	rep, err := count.Count(e, count.Options{Method: rankedMethod(v), Seed: v.Seed})
	if err != nil {
		return nil, nil, fmt.Errorf("vote %d: count: %w", v.ID, err)
	}
	return e, rep, nil
}
