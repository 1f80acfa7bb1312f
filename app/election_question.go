package app

import (
	"fmt"

	"github.com/rankfile/rankfile"
)

// countQuestion counts a referendum question for the published result:
// each option's votes, the blanks apart, and whether it passed. Its
// public record is a BLT file of one seat in which each ballot ranks the
// one option it chose, so that anyone can count the votes again.
func countQuestion(c *rankfile.Contest, box []*rankfile.StoredBallot) (*ContestResult, error) {
	q, err := c.CountQuestion(box)
	if err != nil {
		return nil, err
	}
	return &ContestResult{ContestID: c.ID, Title: c.Title, Method: c.Method, Seats: c.Seats,
		Ballots: q.Cast, Recount: questionRecount(c), Question: q}, nil
}

// questionRecount is the command that counts a question's public record
// again, to the same votes and outcome (rankfile.DecideQuestion).
func questionRecount(c *rankfile.Contest) string {
	return fmt.Sprintf("rankfile tally ballots-%d.blt --method question --threshold %s", c.ID, c.PassingThreshold())
}

// checkQuestionNomination refuses a nomination in a question: its options
// are set with the election, and no member stands in it.
func checkQuestionNomination(c *rankfile.Contest) error {
	if c.IsQuestion() {
		return rankfile.Errorf(rankfile.EINVALID, "%s is a question: its options are set with the election, and nobody is nominated in it", c.Title)
	}
	return nil
}
