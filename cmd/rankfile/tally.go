package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/count"
)

func init() { register((*app).tallyCommand) }

// tallyFlags are the options of rankfile tally.
type tallyFlags struct {
	method, tags, seed string
	threshold          string
	seats              int
	require            []string
	asJSON, jsonLines  bool
	allowFewer         bool
}

func (a *app) tallyCommand() *cobra.Command {
	var f tallyFlags
	cmd := &cobra.Command{
		Use:   "tally FILE.blt... --method irv|scottish|meek|question",
		Short: "Count ranked ballots, or a referendum question, from BLT files (- reads standard input)",
		Long: `Count ranked ballots from BLT files by instant runoff (irv), Scottish STV
(scottish) or Meek STV (meek), and print each count round by round, in the
order the files were named. A referendum question's public record counts
by --method question: each option's votes and share of the votes cast for
an option, and whether the proposition (the first option) met --threshold
(majority, two_thirds or three_quarters). Several files (a council's wards) are counted in
one run with the same options; with --json their counts print as one JSON
array, with --json-lines as one JSON object a line. Every file is read and
counted before anything is printed: a file that cannot be counted stops the
run, naming the file, and nothing is printed.

Reserved seats are constraints on tags: --tags names a CSV file of
"name,tag,tag..." lines, and each --require 'TAG>=N' or 'TAG<=N' asks that at
least or at most N of the elected carry TAG. Constraints no result can meet
are refused before counting. More seats than candidates standing is refused
unless --allow-fewer, which elects them all. A tie the rule leaves to the lot
is drawn from --seed, which the report prints so that anyone can recount.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, argv []string) error { return a.tally(argv, f) },
	}
	cmd.Flags().StringVar(&f.method, "method", "", "counting rule: irv, scottish, meek or question (required)")
	cmd.Flags().StringVar(&f.threshold, "threshold", "", "a question's threshold: majority (the default), two_thirds or three_quarters")
	cmd.Flags().IntVar(&f.seats, "seats", 0, "seats to fill (default: the BLT header's)")
	cmd.Flags().StringVar(&f.tags, "tags", "", "candidates' tags: a CSV `FILE` of name,tag,tag... lines")
	cmd.Flags().StringArrayVar(&f.require, "require", nil, "a constraint 'TAG>=N' or 'TAG<=N' (repeatable; needs --tags)")
	require(cmd, "method")
	cmd.Flags().StringVar(&f.seed, "seed", "0", "seed of the lot that breaks ties the rule leaves to chance")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print the count as JSON (several files: one array)")
	cmd.Flags().BoolVar(&f.jsonLines, "json-lines", false, "print each count as JSON on a line of its own")
	cmd.Flags().BoolVar(&f.allowFewer, "allow-fewer", false, "count even when fewer candidates stand than there are seats")
	return cmd
}

// tally counts every file and prints the reports in the files' order.
func (a *app) tally(names []string, f tallyFlags) error {
	if f.asJSON && f.jsonLines {
		return usagef("--json and --json-lines: choose one")
	}
	if f.method == rankfile.MethodQuestion {
		return a.tallyQuestions(names, f)
	}
	opt, err := a.tallyOptions(f)
	if err != nil {
		return err
	}
	reports, err := a.countFiles(names, opt, f.allowFewer)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(a.stdout)
	if err := writeReports(out, reports, names, f); err != nil {
		return err
	}
	return out.Flush()
}

// countFiles counts the files, as many at once as there are processors,
// and returns their reports in the files' order, or the error of the
// first file (in that order) that could not be counted.
func (a *app) countFiles(names []string, opt count.Options, allowFewer bool) ([]*count.Report, error) {
	reports := make([]*count.Report, len(names))
	errs := make([]error, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				reports[i], errs[i] = a.countFile(names[i], opt, allowFewer)
			}
		}()
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	return reports, firstError(errs)
}

// atLeastOneFile checks that tally is given files, and standard input
// ("-") once at most, since it can be read only once.
func atLeastOneFile(_ *cobra.Command, got []string) error {
	if len(got) == 0 {
		return usagef("expected the BLT file's name, or several")
	}
	if i := slices.Index(got, "-"); i >= 0 && slices.Contains(got[i+1:], "-") {
		return usagef(`"-" (standard input) can be named once only`)
	}
	return nil
}

// firstError returns the first error that is not nil, or nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// readBLTFile reads a BLT file, or standard input for "-", with read
// (count.ReadBLT, or count.ReadBLTPacked for a count that does not look at
// ballots one by one), naming the file in any error.
func (a *app) readBLTFile(name string, read func(io.Reader) (*count.Election, error)) (*count.Election, error) {
	in, _, err := a.openInput(name)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	e, err := read(in)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s: %v", name, err)
	}
	return e, nil
}

// countFile reads one BLT file and counts it.
func (a *app) countFile(name string, opt count.Options, allowFewer bool) (*count.Report, error) {
	e, err := a.readBLTFile(name, count.ReadBLTPacked)
	if err != nil {
		return nil, err
	}
	if err := checkStanding(e, opt.Seats, allowFewer); err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s: %v", name, err)
	}
	rep, err := count.Count(e, opt)
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s: %v", name, err)
	}
	return rep, nil
}

// checkStanding refuses a count of more seats than candidates standing,
// unless asked for: it elects every candidate without counting, which is
// more often a wrong --seats or a wrong file than what was meant.
func checkStanding(e *count.Election, seats int, allowFewer bool) error {
	if seats == 0 {
		seats = e.Seats
	}
	standing := e.Standing()
	if standing >= seats || allowFewer {
		return nil
	}
	if standing == 1 {
		return fmt.Errorf("%d seats to fill but only 1 candidate stands: pass --allow-fewer to elect them all", seats)
	}
	return fmt.Errorf("%d seats to fill but only %d candidates stand: pass --allow-fewer to elect them all", seats, standing)
}

// writeReports prints the reports of ranked counts as f asks.
func writeReports(w io.Writer, reports []*count.Report, names []string, f tallyFlags) error {
	return writeCounts(w, reports, names, f,
		func(w io.Writer, r *count.Report) error { return r.WriteJSON(w) },
		func(w io.Writer, r *count.Report) error { return r.WriteText(w) })
}

// writeCounts prints the counts of the files as f asks: text, one after
// another with a line between and each file's name above its count when
// there are several; JSON, one object for one file and an array for
// several; or JSON lines. asJSON and asText print one count.
func writeCounts[T any](w io.Writer, counts []T, names []string, f tallyFlags, asJSON, asText func(io.Writer, T) error) error {
	switch {
	case f.jsonLines:
		enc := json.NewEncoder(w)
		for _, c := range counts {
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
		return nil
	case f.asJSON && len(counts) > 1:
		return writeIndentedJSON(w, counts)
	case f.asJSON:
		return asJSON(w, counts[0])
	}
	for i, c := range counts {
		if len(counts) > 1 {
			if i > 0 {
				io.WriteString(w, "\n")
			}
			io.WriteString(w, "== "+names[i]+"\n")
		}
		if err := asText(w, c); err != nil {
			return err
		}
	}
	return nil
}

// writeIndentedJSON writes v as indented JSON and a newline.
func writeIndentedJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// tallyOptions checks the flags and reads the tags file.
func (a *app) tallyOptions(f tallyFlags) (count.Options, error) {
	opt := count.Options{Method: count.Method(f.method), Seats: f.seats, Seed: f.seed}
	switch opt.Method {
	case count.IRV, count.Scottish, count.Meek:
	case "":
		return opt, usagef("--method is required: irv, scottish, meek or question")
	default:
		return opt, usagef("--method %q: use irv, scottish, meek or question", f.method)
	}
	if f.threshold != "" {
		return opt, usagef("--threshold is a question's: use it with --method question")
	}
	if f.seats < 0 {
		return opt, usagef("--seats must be at least 1")
	}
	for _, r := range f.require {
		c, err := count.ParseConstraint(r)
		if err != nil {
			return opt, usagef("--require: %v", err)
		}
		opt.Constraints = append(opt.Constraints, c)
	}
	if len(f.require) > 0 && f.tags == "" {
		return opt, usagef("--require needs --tags: a CSV file of name,tag,tag... lines saying which candidates carry which tags")
	}
	if f.tags == "" {
		return opt, nil
	}
	return a.readTallyTags(f.tags, opt)
}

// readTallyTags reads the candidates' tags into opt.
func (a *app) readTallyTags(name string, opt count.Options) (count.Options, error) {
	in, _, err := a.openInput(name)
	if err != nil {
		return opt, err
	}
	defer in.Close()
	if opt.Tags, err = count.ReadTags(in); err != nil {
		return opt, rankfile.Errorf(rankfile.EINVALID, "%s: %v", name, err)
	}
	return opt, nil
}
