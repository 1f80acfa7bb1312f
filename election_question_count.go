package rankfile

import "math"

// QuestionCount is the count of a referendum question: the votes for each
// option, the blank ballots apart, and whether the proposition carried.
//
// The rule: of the votes cast for an option (blank ballots are not
// counted in the share), the first option (the proposition, "Yes") passes
// with a simple majority when it has strictly more than half of them, and
// with a threshold of T percent when it has at least T percent of them
// (100 × votes ≥ T × cast, in whole numbers, so no rounding decides).
// Two thirds is stated as 67 percent, so it asks at least 67 in 100.
type QuestionCount struct {
	// Threshold is the contest's: 0 for a simple majority, else percent.
	Threshold int `json:"threshold"`
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

// Needed returns the votes an option needs to carry when cast votes were
// given for an option: more than half for a simple majority, at least the
// threshold's share otherwise. Never less than 1: nothing carries with no
// votes.
func (c *Contest) Needed(cast int) int {
	need := cast/2 + 1
	if c.Threshold != 0 {
		need = (c.Threshold*cast + 99) / 100 // the least n with 100n ≥ T·cast
	}
	return max(need, 1)
}

// CountQuestion counts a question from the ballot box: each ballot's
// choice (a ranking of one option), or a blank when it chose none.
// EINTERNAL when a ballot chooses what is not one of its options, or more
// than one: CheckBallot keeps such ballots out of the box.
func (c *Contest) CountQuestion(box []*StoredBallot) (*QuestionCount, error) {
	options := c.Ballot()
	qc := &QuestionCount{Threshold: c.Threshold, Options: make([]OptionVotes, len(options))}
	index := map[int64]int{}
	for i, o := range options {
		qc.Options[i].Name = o.Name
		index[o.ID] = i
	}
	for _, b := range box {
		choice := b.Rankings[c.ID]
		if len(choice) == 0 {
			qc.Blank++
			continue
		}
		i, ok := index[choice[0]]
		if !ok || len(choice) > 1 {
			return nil, Errorf(EINTERNAL, "%s: a ballot in the box chooses %v, not one of the options", c.Title, choice)
		}
		qc.Options[i].Votes++
		qc.Cast++
	}
	qc.Needed = c.Needed(qc.Cast)
	for i := range qc.Options {
		o := &qc.Options[i]
		if qc.Cast > 0 {
			o.Percent = math.Round(1000*float64(o.Votes)/float64(qc.Cast)) / 10
		}
		if o.Votes >= qc.Needed && qc.Carried == "" {
			qc.Carried = o.Name
			qc.Passed = i == 0
		}
	}
	return qc, nil
}
