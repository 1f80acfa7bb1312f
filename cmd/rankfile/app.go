package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

// app holds what every subcommand shares: the streams, the environment and
// the database, opened on first use.
type app struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	dsn    string
	db     *store.DB
	// keyFile is the key file of sensitive fields (--key-file).
	keyFile string
	// demoSize is how many people the demo's national lists carry.
	demoSize int
	// demoNational is how many people the national demo's lists carry,
	// 0 for the chapter's demo (--national).
	demoNational int
}

// defaultDB is the database used when neither --db nor RANKFILE_DB is set.
const defaultDB = "rankfile.db"

func (a *app) root() *cobra.Command {
	root := &cobra.Command{
		Use:           "rankfile",
		Short:         "Run a member-run democratic organization",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetIn(a.stdin)
	root.PersistentPreRunE = checkRequired
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usagef("%v", err) })
	dsn := a.getenv("RANKFILE_DB")
	if dsn == "" {
		dsn = defaultDB
	}
	root.PersistentFlags().StringVar(&a.dsn, "db", dsn,
		"database: a SQLite file, or a postgres:// URL (also from RANKFILE_DB)")
	root.PersistentFlags().StringVar(&a.keyFile, "key-file", a.getenv("RANKFILE_KEY_FILE"),
		"`FILE` of the keys that encrypt race and accommodations (also RANKFILE_KEY_FILE; or the key itself in RANKFILE_KEY)")
	for _, command := range commands {
		root.AddCommand(command(a))
	}
	return root
}

// commands are the subcommands. Each lives in a file of its own, which
// registers it here from an init function.
var commands []func(*app) *cobra.Command

func register(command func(*app) *cobra.Command) { commands = append(commands, command) }

// open opens the database named by --db, once.
func (a *app) open(ctx context.Context) (*store.DB, error) {
	if a.db != nil {
		return a.db, nil
	}
	keys, err := a.keys()
	if err != nil {
		return nil, err
	}
	db, err := store.OpenWithKeys(ctx, a.dsn, keys)
	if err != nil {
		return nil, err
	}
	a.db = db
	return db, nil
}

// keys loads the keys of sensitive fields from the key file, which is
// watched so that a running server follows a rotation, or from RANKFILE_KEY.
// With neither, it returns nil: commands that touch no sensitive field work,
// and those that do say that a key is missing.
func (a *app) keys() (secret.Source, error) {
	env := a.getenv(secret.EnvVar)
	switch {
	case a.keyFile != "" && env != "":
		_, err := secret.Load(a.keyFile, a.getenv) // refuses both, saying why
		return nil, err
	case a.keyFile != "":
		return secret.Watch(a.keyFile)
	case env != "":
		return secret.Load("", a.getenv)
	}
	return nil, nil
}

func (a *app) close() {
	if a.db != nil {
		a.db.Close()
	}
}

// printJSON writes v as indented JSON.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// args checks the number of positional arguments with a clear message.
func args(n int, names string) cobra.PositionalArgs {
	return func(_ *cobra.Command, got []string) error {
		if len(got) != n {
			return usagef("expected %s, got %d argument(s)", names, len(got))
		}
		return nil
	}
}

// requiredFlag is the annotation that marks a flag a command cannot run
// without. The root checks it before any command runs, so a missing flag is
// a usage error (exit 2) with one wording, and the README test reads it to
// hold the README's synopsis to the same rule.
const requiredFlag = "rankfile_required"

// require marks flags of cmd as required.
func require(cmd *cobra.Command, names ...string) {
	for _, name := range names {
		if err := cmd.Flags().SetAnnotation(name, requiredFlag, []string{"true"}); err != nil {
			panic(err) // a flag misnamed in the code, found by any test
		}
	}
}

// checkRequired refuses a command run without one of its required flags.
func checkRequired(cmd *cobra.Command, _ []string) error {
	var missing []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if _, ok := f.Annotations[requiredFlag]; ok && !f.Changed {
			missing = append(missing, "--"+f.Name)
		}
	})
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return usagef("%s is required", missing[0])
	}
	return usagef("%s are required", strings.Join(missing, " and "))
}

// dateFlag parses an optional YYYY-MM-DD flag value.
func dateFlag(name, value string) (rankfile.Date, error) {
	d, err := rankfile.ParseDate(value)
	if err != nil {
		return d, usagef("--%s: %v", name, err)
	}
	return d, nil
}
