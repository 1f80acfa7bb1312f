package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/count"
)

// A referendum question's public record is a BLT file of one seat whose
// candidates are the question's options, the proposition first, and in
// which each ballot names the one option it chose. tally --method question
// counts it again by the rule the published result follows
// (rankfile.DecideQuestion): each option's votes, their shares, and
// whether the proposition met the --threshold.

// tallyQuestions counts each file as a question and prints the counts in
// the files' order; a file that cannot be counted stops the run before
// anything is printed, as for ranked counts.
func (a *app) tallyQuestions(names []string, f tallyFlags) error {
	threshold, err := questionTallyOptions(f)
	if err != nil {
		return err
	}
	counts := make([]*rankfile.QuestionCount, len(names))
	for i, name := range names {
		if counts[i], err = a.countQuestionFile(name, threshold); err != nil {
			return err
		}
	}
	out := bufio.NewWriter(a.stdout)
	err = writeCounts(out, counts, names, f,
		func(w io.Writer, qc *rankfile.QuestionCount) error { return writeIndentedJSON(w, qc) }, writeQuestionText)
	if err != nil {
		return err
	}
	return out.Flush()
}

// questionTallyOptions reads --threshold and refuses the options of
// ranked counts, which a question has no use for.
func questionTallyOptions(f tallyFlags) (rankfile.Threshold, error) {
	if f.seats != 0 || f.tags != "" || len(f.require) > 0 || f.allowFewer {
		return "", usagef("--method question counts one choice a ballot: --seats, --tags, --require and --allow-fewer are for ranked counts")
	}
	t, err := rankfile.ParseQuestionThreshold(f.threshold)
	if err != nil {
		return "", usagef("--threshold: %s", rankfile.ErrorMessage(err))
	}
	return t, nil
}

// countQuestionFile reads one BLT file and counts it as a question.
func (a *app) countQuestionFile(name string, threshold rankfile.Threshold) (*rankfile.QuestionCount, error) {
	e, err := a.readBLTFile(name, count.ReadBLT)
	if err != nil {
		return nil, err
	}
	votes, blank, err := questionVotes(e)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s: %v", name, err)
	}
	return rankfile.DecideQuestion(threshold, e.Candidates, votes, blank), nil
}

// questionVotes adds up the ballots' choices: a ballot names one option,
// or none (a blank, which a published record leaves out but a hand-made
// file may hold). A ballot naming more, or a file with a withdrawn option
// or more than one seat, is not a question's record.
func questionVotes(e *count.Election) (votes []int, blank int, err error) {
	switch {
	case e.Seats != 1:
		return nil, 0, fmt.Errorf("a question's record has one seat, not %d", e.Seats)
	case len(e.Withdrawn) > 0:
		return nil, 0, fmt.Errorf("a question's options are not withdrawn, and this file withdraws %d", len(e.Withdrawn))
	case len(e.Candidates) < 2:
		return nil, 0, fmt.Errorf("a question has at least two options, and this file has %d", len(e.Candidates))
	}
	votes = make([]int, len(e.Candidates))
	for _, b := range e.Ballots {
		switch len(b.Ranking) {
		case 0:
			blank += int(b.Weight)
		case 1:
			votes[b.Ranking[0]] += int(b.Weight)
		default:
			return nil, 0, fmt.Errorf("line %d: a ballot chooses one option, and this one ranks %d", b.Line, len(b.Ranking))
		}
	}
	return votes, blank, nil
}

// writeQuestionText prints one count: the threshold and the votes it
// needed, each option's votes and share, the blanks, and the outcome.
func writeQuestionText(w io.Writer, qc *rankfile.QuestionCount) error {
	threshold := strings.ReplaceAll(string(qc.Threshold), "_", " ")
	fmt.Fprintf(w, "Threshold: %s of the %d votes cast for an option, %d needed\n", threshold, qc.Cast, qc.Needed)
	for _, o := range qc.Options {
		fmt.Fprintf(w, "  %-24s %8d  %5.1f%%\n", o.Name, o.Votes, o.Percent)
	}
	if qc.Blank > 0 {
		fmt.Fprintf(w, "  %-24s %8d  (in no share)\n", "blank", qc.Blank)
	}
	switch {
	case qc.Passed:
		fmt.Fprintf(w, "%s carried: the proposition passed.\n", qc.Carried)
	case qc.Carried != "":
		fmt.Fprintf(w, "%s carried: the proposition failed.\n", qc.Carried)
	default:
		fmt.Fprintf(w, "No option reached %d: the proposition failed.\n", qc.Needed)
	}
	return nil
}
