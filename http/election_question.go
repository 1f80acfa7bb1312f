package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
)

// readQuestionChoices reads the option a voter chose in each question:
// the radio buttons "choice-CONTEST_ID", whose value is the option's id,
// blank for a question left blank. A choice becomes number 1 for that
// option, as a ranking of one, so that the review and the cast read it as
// they read a ranking.
func readQuestionChoices(r *http.Request, e *rankfile.Election, chosen map[int64]int) error {
	for _, c := range e.Contests {
		if !c.IsQuestion() {
			continue
		}
		v := strings.TrimSpace(r.PostForm.Get("choice-" + strconv.FormatInt(c.ID, 10)))
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if o := c.Candidate(id); err != nil || o == nil || !o.OnBallot() {
			return rankfile.Errorf(rankfile.EINVALID, "%s: that is not one of the question's options", c.Title)
		}
		chosen[id] = 1
	}
	return nil
}

// readQuestion reads a question's options, one a line, and its threshold
// from a contest row of the set-up form; a contest of another method
// takes neither.
func readQuestion(r *http.Request, n string, c *rankfile.Contest) error {
	if !c.IsQuestion() {
		return nil
	}
	c.Candidates = rankfile.QuestionOptions(strings.Split(r.FormValue("contest_options_"+n), "\n"))
	c.Threshold = rankfile.Threshold(strings.TrimSpace(r.FormValue("contest_threshold_" + n)))
	return nil
}

// Ranks reports whether the ballot has a contest to rank, whose how-to
// the page gives: a referendum of questions alone has none.
func (v ballotView) Ranks() bool {
	for _, c := range v.Contests {
		if !c.Contest.IsQuestion() {
			return true
		}
	}
	return false
}
