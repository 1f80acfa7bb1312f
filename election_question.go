package rankfile

import (
	"slices"
	"strings"
)

// MethodQuestion is a referendum question put to the voters: they choose
// one of its options ("Yes", "No", or others) or leave it blank. Its
// "candidates" are the options, which no member stands as (MemberID 0).
const MethodQuestion = "question"

// MaxOptions bounds a question's options: a referendum offers a few
// choices, not a field of candidates.
const MaxOptions = 10

// questionThresholds are the thresholds a question may have; "" is a
// majority.
var questionThresholds = []Threshold{"", ThresholdMajority, ThresholdTwoThirds, ThresholdThreeQuarters}

// ParseQuestionThreshold reads a question's threshold as a command line
// gives it: majority (also ""), two_thirds or three_quarters, with a
// hyphen for the underscore if one likes.
func ParseQuestionThreshold(s string) (Threshold, error) {
	t := Threshold(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "_"))
	if !slices.Contains(questionThresholds, t) {
		return "", Errorf(EINVALID, "the threshold %q: a question's is majority, two_thirds or three_quarters", s)
	}
	if t == "" {
		t = ThresholdMajority
	}
	return t, nil
}

// PassingThreshold returns the question's threshold, a majority when it
// names none.
func (c *Contest) PassingThreshold() Threshold {
	if c.Threshold == "" {
		return ThresholdMajority
	}
	return c.Threshold
}

// IsQuestion reports whether the contest is a referendum question rather
// than seats filled by a count of rankings.
func (c *Contest) IsQuestion() bool { return c.Method == MethodQuestion }

// validateQuestion checks a question: one "seat" (one outcome), no
// reserved seats, a threshold of a majority, two thirds or three quarters,
// and two or more options with distinct names, none of them a member.
func (c *Contest) validateQuestion() error {
	switch {
	case c.Seats != 1:
		return Errorf(EINVALID, "question %q: a question has one outcome; set its seats to 1", c.Title)
	case len(c.Constraints) > 0:
		return Errorf(EINVALID, "question %q: a question reserves no seats", c.Title)
	case !slices.Contains(questionThresholds, c.Threshold):
		return Errorf(EINVALID, "question %q: the threshold is a majority, two thirds or three quarters, not %q", c.Title, c.Threshold)
	case len(c.Candidates) < 2:
		return Errorf(EINVALID, "question %q: a question needs at least two options, such as Yes and No", c.Title)
	case len(c.Candidates) > MaxOptions:
		return Errorf(EINVALID, "question %q: a question offers up to %d options", c.Title, MaxOptions)
	}
	seen := map[string]bool{}
	for _, o := range c.Candidates {
		name := strings.ToLower(strings.TrimSpace(o.Name))
		switch {
		case name == "":
			return Errorf(EINVALID, "question %q: an option needs a name", c.Title)
		case len(name) > 200:
			return Errorf(EINVALID, "question %q: an option's name may be up to 200 characters", c.Title)
		case o.MemberID != 0:
			return Errorf(EINVALID, "question %q: an option is not a member", c.Title)
		case seen[name]:
			return Errorf(EINVALID, "question %q: the option %q is there twice", c.Title, o.Name)
		}
		seen[name] = true
	}
	return nil
}

// QuestionOptions makes a question's options from their names, in the
// order the ballot lists them, the proposition ("Yes") first: on the
// ballot as soon as they are stored. Blank names are skipped.
func QuestionOptions(names []string) []*Candidate {
	var out []*Candidate
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, &Candidate{Name: n, Status: CandidateAccepted, Tags: []string{}})
		}
	}
	return out
}
