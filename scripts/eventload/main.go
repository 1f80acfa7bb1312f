// Command eventload prepares and checks scripts/bench-register's
// registrations, and fills the calendar for scripts/bench-feed, against a
// demo database.
//
//	eventload targets -db DSN -url BASE -members N -capacity C > targets.json
//	eventload check -db DSN -event ID -capacity C -results results.json
//	eventload year -db DSN -events N
//	eventload touch -db DSN
//	eventload course-targets|course-check ... (see course.go)
//
// targets puts an event of the chapter with C seats on the calendar, for
// members, taking registrations; gives N members in good standing an API
// token each; and writes one vegeta target per member: their registration
// (POST /api/v1/events/{id}/registration), sent from an address of its
// own (X-Real-IP, as a reverse proxy in front of rankfile would set it).
// It prints the event's id on standard error.
//
// check reads vegeta's results (vegeta encode -to json) and the event's
// registrations from the database, and fails unless: no more than C seats
// are taken, and exactly min(C, registrations); every acknowledged request
// (200) has exactly one registration, with the status and waitlist place
// its answer gave; seats went to the first C in order of arrival (line)
// and the waitlist holds places 1..n in that order, without gaps; and
// whenever a request was acknowledged before another was sent, its
// registration comes first in line. Requests under way at the same time
// may be served in either order; check counts how often they were.
//
// year puts N public events on the calendar over the coming year, as a
// busy chapter's would be; touch changes one of them, as a host editing it
// would, from outside the server, and prints its new title.
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
	dsn, base, results string
	members, capacity  int
	events             int
	event              int64
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: eventload targets|check|course-targets|course-check|year|touch -db DSN [flags]")
		os.Exit(2)
	}
	o := options{}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	flags.StringVar(&o.dsn, "db", "rankfile.db", "the demo database")
	flags.StringVar(&o.base, "url", "http://127.0.0.1:8080", "where rankfile serves")
	flags.IntVar(&o.members, "members", 2000, "how many members register")
	flags.IntVar(&o.capacity, "capacity", 300, "the event's seats")
	flags.Int64Var(&o.event, "event", 0, "the event registered for, for check")
	flags.StringVar(&o.results, "results", "", "vegeta's results as JSON lines, for check")
	flags.IntVar(&o.events, "events", 5000, "how many events year puts on the calendar")
	flags.Parse(os.Args[2:])
	ctx := rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "bench-events"})
	keys, err := loadKeys(o.dsn)
	if err != nil {
		fail(err)
	}
	db, err := store.OpenWithKeys(ctx, o.dsn, keys)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	switch os.Args[1] {
	case "targets":
		err = writeTargets(ctx, db, o)
	case "check":
		err = check(ctx, db, o)
	case "course-targets":
		err = courseTargets(ctx, db, o)
	case "course-check":
		err = courseCheck(ctx, db, o)
	case "year":
		err = fillYear(ctx, db, o.events)
	case "touch":
		err = touch(ctx, db)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

// loadKeys loads the keys of the database, which key the audit entries
// the course commands write: the file RANKFILE_KEY_FILE names, else the
// database's name + .keys when it exists (the demo's), else none.
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

func fail(err error) {
	fmt.Fprintln(os.Stderr, "eventload:", err)
	os.Exit(1)
}

// chapterID returns the demo chapter's body id.
func chapterID(ctx context.Context, db *store.DB) (int64, error) {
	chapter, err := store.NewBodyService(db).FindBody(ctx, rankfile.BodyFilter{Slug: "los-angeles-chapter"})
	if err != nil {
		return 0, err
	}
	return chapter.ID, nil
}

// eveningIn returns seven in the evening, days from now, where the
// chapter is.
func eveningIn(db *store.DB, days int) time.Time {
	now := time.Now().In(db.Zone)
	return time.Date(now.Year(), now.Month(), now.Day()+days, 19, 0, 0, 0, db.Zone)
}
