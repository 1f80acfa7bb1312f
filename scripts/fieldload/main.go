// Command fieldload prepares, runs and checks scripts/bench-field's load
// on the field program against a demo database: canvassers syncing the
// answers of their turfs and callers taking batches of a phonebank, all
// at once, through the JSON API.
//
//	fieldload prepare -db DSN -canvassers 100 -callers 20 > plan.json
//	fieldload run -url BASE -plan plan.json > run.json
//	fieldload check -db DSN -plan plan.json -run run.json
//
// prepare makes a campaign of doors (generated, with coordinates), cuts
// it into a turf for each canvasser and checks each out to one, starts a
// phonebank over the campaign's people with the callers on it, and gives
// each an API token. It writes the plan: who does what, with which token.
//
// run starts every canvasser and caller at once. A canvasser knocks on
// each of her turf's doors and syncs the answers in batches, each batch
// sent twice (the phone lost the first answer); a caller takes a batch,
// records a result for each call, and takes the next, for a number of
// rounds; with -pace, each waits a random time up to it before each
// request, as phones in the field do between doors. It prints each
// request's latency by kind, and writes what each sent and was handed.
//
// check reads the database and fails unless every answer sent is stored
// exactly once, and no call was handed to two callers (each line's calls
// were made by one caller, and the batches run.json saw are disjoint).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

// options are the command line's flags, for every subcommand.
type options struct {
	dsn, base, plan, run string
	canvassers, callers  int
	rounds, batch        int
	// pace spreads each worker's requests: before each it waits a
	// random time up to pace (0: none, a burst).
	pace time.Duration
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: fieldload prepare|run|check [flags]")
		os.Exit(2)
	}
	o := options{}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	flags.StringVar(&o.dsn, "db", "rankfile.db", "the demo database")
	flags.StringVar(&o.base, "url", "http://127.0.0.1:8080", "where rankfile serves")
	flags.StringVar(&o.plan, "plan", "plan.json", "the plan prepare wrote")
	flags.StringVar(&o.run, "run", "run.json", "what run sent and was handed")
	flags.IntVar(&o.canvassers, "canvassers", 100, "how many canvassers sync at once")
	flags.IntVar(&o.callers, "callers", 20, "how many callers take batches at once")
	flags.IntVar(&o.rounds, "rounds", 10, "how many batches each caller works through")
	flags.IntVar(&o.batch, "batch", 10, "how many answers a canvasser's phone sends at once")
	flags.DurationVar(&o.pace, "pace", 0, "wait a random time up to this before each request (0: send as fast as answered)")
	flags.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "prepare":
		err = withDB(o, prepare)
	case "run":
		err = run(o)
	case "check":
		err = withDB(o, check)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fieldload:", err)
		os.Exit(1)
	}
}

// withDB opens the database, with its keys, for do.
func withDB(o options, do func(context.Context, *store.DB, options) error) error {
	ctx := rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "bench-field"})
	keys, err := loadKeys(o.dsn)
	if err != nil {
		return err
	}
	db, err := store.OpenWithKeys(ctx, o.dsn, keys)
	if err != nil {
		return err
	}
	defer db.Close()
	return do(ctx, db, o)
}

// loadKeys loads the keys of the database: the file RANKFILE_KEY_FILE
// names, else the database's name + .keys when it exists, else none.
func loadKeys(dsn string) (secret.Source, error) {
	path := os.Getenv("RANKFILE_KEY_FILE")
	if path == "" {
		path = dsn + ".keys"
		if _, err := os.Stat(path); err != nil {
			return nil, nil
		}
	}
	return secret.LoadFile(path)
}
