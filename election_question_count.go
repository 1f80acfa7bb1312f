package rankfile

import "math"

// QuestionCount is the count of a referendum question: the votes for each
// option, the blank ballots apart, and whether the proposition carried.
//
// The rule: of the votes cast for an option (blank ballots are not
// counted in the share), the first option (the proposition, "Yes") passes
// when it meets the contest's threshold (Threshold.Met, the rule a
// meeting's votes follow): strictly more than half for a majority, at
// least two thirds or three quarters otherwise, in whole numbers, so no
// rounding decides.
type QuestionCount struct {
	// Threshold is the contest's, a majority when it names none.
	Threshold Threshold `json:"threshold"`
	// Options are the question's options in ballot order, with their votes.
	Options []OptionVotes `json:"options"`
	// Cast is the number of ballots that chose an option; Blank the
	// number of ballots in the box that left the question blank.
	Cast  int `json:"cast"`
	Blank int `json:"blank"`
	// Needed is the number of votes an option needed to carry.
	Needed int `json:"needed"`
	// Carried names the option that reached Needed, "" when none did.
	Carried string `json:"carried"`
	// Passed reports whether the proposition, the first option, carried.
	Passed bool `json:"passed"`
}

// OptionVotes is one option of a question with its votes and their share,
// in percent to one decimal, of the votes cast for an option.
type OptionVotes struct {
	Name    string  `json:"name"`
	Votes   int     `json:"votes"`
	Percent float64 `json:"percent"`
}

// CountQuestion counts a question from the ballot box: each ballot's
// choice (a ranking of one option), or a blank when it chose none.
// EINTERNAL when a ballot chooses what is not one of its options, or more
// than one: CheckBallot keeps such ballots out of the box.
func (c *Contest) CountQuestion(box []*StoredBallot) (*QuestionCount, error) {
	options := c.Ballot()
	names := make([]string, len(options))
	votes := make([]int, len(options))
	index := map[int64]int{}
	for i, o := range options {
		names[i] = o.Name
		index[o.ID] = i
	}
	blank := 0
	for _, b := range box {
		choice := b.Rankings[c.ID]
		if len(choice) == 0 {
			blank++
			continue
		}
		i, ok := index[choice[0]]
		if !ok || len(choice) > 1 {
			return nil, Errorf(EINTERNAL, "%s: a ballot in the box chooses %v, not one of the options", c.Title, choice)
		}
		votes[i]++
	}
	return DecideQuestion(c.PassingThreshold(), names, votes, blank), nil
}

// DecideQuestion makes the count of a question from its options' names
// and votes, in ballot order with the proposition first, and the number
// of blank ballots: the rule by which both the published result and
// `rankfile tally --method question` decide.
func DecideQuestion(threshold Threshold, names []string, votes []int, blank int) *QuestionCount {
	qc := &QuestionCount{Threshold: threshold, Options: make([]OptionVotes, len(names)), Blank: blank}
	for i, name := range names {
		qc.Options[i] = OptionVotes{Name: name, Votes: votes[i]}
		qc.Cast += votes[i]
	}
	qc.Needed = threshold.Needed(qc.Cast)
	for i := range qc.Options {
		o := &qc.Options[i]
		if qc.Cast > 0 {
			o.Percent = math.Round(1000*float64(o.Votes)/float64(qc.Cast)) / 10
		}
		if threshold.Met(o.Votes, qc.Cast) && qc.Carried == "" {
			qc.Carried = o.Name
			qc.Passed = i == 0
		}
	}
	return qc
}
