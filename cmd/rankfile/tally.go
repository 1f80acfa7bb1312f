package main

import (
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/count"
)

func init() { register((*app).tallyCommand) }

// tallyFlags are the options of rankfile tally.
type tallyFlags struct {
	method, tags, seed string
	seats              int
	require            []string
	asJSON             bool
}

func (a *app) tallyCommand() *cobra.Command {
	var f tallyFlags
	cmd := &cobra.Command{
		Use:   "tally FILE.blt --method irv|scottish|meek",
		Short: "Count ranked ballots from a BLT file (- reads standard input)",
		Long: `Count ranked ballots from a BLT file by instant runoff (irv), Scottish STV
(scottish) or Meek STV (meek), and print the count round by round. Reserved
seats are constraints on tags: --tags names a CSV file of "name,tag,tag..."
lines, and each --require 'TAG>=N' or 'TAG<=N' asks that at least or at most N
of the elected carry TAG. Constraints no result can meet are refused before
counting. A tie the rule leaves to the lot is drawn from --seed, which the
report prints so that anyone can recount.`,
		Args: args(1, "the BLT file's name"),
		RunE: func(cmd *cobra.Command, argv []string) error { return a.tally(argv[0], f) },
	}
	cmd.Flags().StringVar(&f.method, "method", "", "counting rule: irv, scottish or meek (required)")
	cmd.Flags().IntVar(&f.seats, "seats", 0, "seats to fill (default: the BLT header's)")
	cmd.Flags().StringVar(&f.tags, "tags", "", "candidates' tags: a CSV `FILE` of name,tag,tag... lines")
	cmd.Flags().StringArrayVar(&f.require, "require", nil, "a constraint 'TAG>=N' or 'TAG<=N' (repeatable)")
	require(cmd, "method")
	cmd.Flags().StringVar(&f.seed, "seed", "0", "seed of the lot that breaks ties the rule leaves to chance")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print the count as JSON")
	return cmd
}

// tallyMemory is the heap a count may grow to before the collector runs.
// A count keeps nearly everything it allocates until it prints, so early
// collections only cost time (half of it on a busy two-core machine); a
// million ballots need about 350 MB at worst.
const tallyMemory = 400 << 20

// tally reads the ballots and options, counts and prints the report.
func (a *app) tally(name string, f tallyFlags) error {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(tallyMemory))
	opt, err := a.tallyOptions(f)
	if err != nil {
		return err
	}
	in, _, err := a.openInput(name)
	if err != nil {
		return err
	}
	defer in.Close()
	e, err := count.ReadBLT(in)
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "%s: %v", name, err)
	}
	rep, err := count.Count(e, opt)
	if err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "%s: %v", name, err)
	}
	if f.asJSON {
		return rep.WriteJSON(a.stdout)
	}
	return rep.WriteText(a.stdout)
}

// tallyOptions checks the flags and reads the tags file.
func (a *app) tallyOptions(f tallyFlags) (count.Options, error) {
	opt := count.Options{Method: count.Method(f.method), Seats: f.seats, Seed: f.seed}
	switch opt.Method {
	case count.IRV, count.Scottish, count.Meek:
	case "":
		return opt, usagef("--method is required: irv, scottish or meek")
	default:
		return opt, usagef("--method %q: use irv, scottish or meek", f.method)
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
	if f.tags == "" {
		return opt, nil
	}
	in, _, err := a.openInput(f.tags)
	if err != nil {
		return opt, err
	}
	defer in.Close()
	if opt.Tags, err = count.ReadTags(in); err != nil {
		return opt, rankfile.Errorf(rankfile.EINVALID, "%s: %v", f.tags, err)
	}
	return opt, nil
}
