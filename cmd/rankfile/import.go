package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
)

func init() { register((*app).importCommand) }

func (a *app) importCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "Import data from outside rankfile"}
	cmd.AddCommand(a.importRosterCommand(), a.importLogCommand())
	return cmd
}

func (a *app) importRosterCommand() *cobra.Command {
	var asOf, by string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "roster FILE.csv",
		Short: "Import the national member list (- reads standard input)",
		Long: `Import the national member list. New members are added, changed ones updated
with history, and members missing from the list marked lapsed (never deleted).
The import is all or nothing, and re-importing a list changes nothing.`,
		Args: args(1, "the list's file name"),
		RunE: func(cmd *cobra.Command, argv []string) error {
			date, err := dateFlag("as-of", asOf)
			if err != nil {
				return err
			}
			opts := rankfile.ImportOptions{AsOf: date, FileName: filepath.Base(argv[0]), Actor: by}
			report, err := a.importRoster(cmd, argv[0], opts, !asJSON)
			if err != nil {
				return err
			}
			if asJSON {
				return a.printJSON(report)
			}
			return a.printImport(report)
		},
	}
	cmd.Flags().StringVar(&asOf, "as-of", "", "decide standing as of `YYYY-MM-DD` when the list has no list_date (default: today)")
	cmd.Flags().StringVar(&by, "by", "", "who runs the import, for the import log")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

// importRoster reads the list, showing progress on a terminal.
func (a *app) importRoster(cmd *cobra.Command, name string, opts rankfile.ImportOptions, progress bool) (*rankfile.ImportReport, error) {
	in, size, err := a.openInput(name)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	var r io.Reader = in
	if bar := a.progressBar(size, progress); bar != nil {
		defer bar.Finish()
		r = io.TeeReader(in, bar)
	}
	src, err := roster.NewReader(r)
	if err != nil {
		return nil, err
	}
	db, err := a.open(cmd.Context())
	if err != nil {
		return nil, err
	}
	// Rolls whose cut-off has come are frozen before the list changes who
	// is in good standing.
	if err := appServices(db).CatchUpElections(cmd.Context()); err != nil {
		return nil, err
	}
	return store.NewRosterService(db).ImportRoster(cmd.Context(), src, opts)
}

// openInput opens a file, or standard input for "-", and tells its size
// when known.
func (a *app) openInput(name string) (io.ReadCloser, int64, error) {
	if name == "-" {
		return io.NopCloser(a.stdin), -1, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, rankfile.Errorf(rankfile.EINVALID, "cannot open %s: %v", name, err)
	}
	size := int64(-1)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	return f, size, nil
}

// progressBar returns a bar on standard error when it is a terminal.
func (a *app) progressBar(size int64, wanted bool) *progressbar.ProgressBar {
	f, ok := a.stderr.(*os.File)
	if !wanted || !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions64(size,
		progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowBytes(true), progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100_000_000))
}

func (a *app) printImport(r *rankfile.ImportReport) error {
	fmt.Fprintf(a.stdout, "Import %d of %s, standing as of %s: %d records read\n", r.ID, r.FileName, r.ListDate, r.Rows)
	for _, line := range []struct {
		n    int
		what string
	}{{r.Added, "added"}, {r.Updated, "updated"}, {r.Unchanged, "unchanged"},
		{r.Lapsed, "lapsed (missing from this list)"}, {len(r.Rejected), "rejected"}} {
		fmt.Fprintf(a.stdout, "%9d %s\n", line.n, line.what)
	}
	for _, rej := range r.Rejected {
		fmt.Fprintf(a.stdout, "  line %d: %s\n", rej.Line, rej.Reason)
	}
	if len(r.UnknownColumns) > 0 {
		fmt.Fprintf(a.stdout, "Skipped unknown columns: %s\n", joinQuoted(r.UnknownColumns))
	}
	for _, warning := range r.Warnings {
		fmt.Fprintf(a.stdout, "Warning: %s\n", warning)
	}
	return nil
}

func (a *app) importLogCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "log",
		Short: "List past imports of the national list, newest first",
		Args:  args(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			imports, err := store.NewRosterService(db).FindImports(cmd.Context(), 100)
			if err != nil || asJSON {
				return firstErr(err, func() error { return a.printJSON(imports) })
			}
			w := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tFINISHED\tLIST DATE\tFILE\tROWS\tADDED\tUPDATED\tLAPSED\tREJECTED")
			for _, r := range imports {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\n", r.ID, r.FinishedAt.Format("2006-01-02 15:04"),
					r.ListDate, r.FileName, r.Rows, r.Added, r.Updated, r.Lapsed, len(r.Rejected))
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// firstErr returns err, or runs next when there is none.
func firstErr(err error, next func() error) error {
	if err != nil {
		return err
	}
	return next()
}

func joinQuoted(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(quoted, ", ")
}
