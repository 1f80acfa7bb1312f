// Command voteload prepares, runs and checks scripts/bench-vote: members
// of a meeting in five sessions vote on their phones while every one of
// them follows the meeting's live state.
//
//	voteload prepare -db FILE -voters N > voters.json
//	voteload run -url BASE -meeting ID -vote ID -voters voters.json -duration 30s -acked acked.txt
//	voteload check -db FILE -vote ID -acked acked.txt
//
// prepare calls a meeting of the demo chapter in one session a branch,
// checks N members in good standing into their branch's session, opens a
// yes/no vote, and gives each member an API token; it prints the meeting
// and vote ids on standard error.
//
// run opens one event stream for each member, as their phone would, waits
// until every stream has the current state, and then has the members vote
// at an even pace over the duration, each from an address of their own.
// It reports the votes' latency and, for every stream, how long after the
// k-th vote was acknowledged the stream showed at least k votes: the delay
// with which phones see the count. Votes that fail on the network are sent
// again after a second, as a phone would; a stream that drops reconnects
// after a second, as a browser does. It writes the members whose votes
// were acknowledged to the -acked file.
//
// check closes the vote and fails unless the box holds exactly one ballot
// for each acknowledged member and no other.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/scripts/meetingload"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: voteload prepare|run|check [flags]")
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dsn := flags.String("db", "rankfile.db", "the demo database")
	voters := flags.Int("voters", 3500, "how many members vote (prepare)")
	votersFile := flags.String("voters-file", "voters.json", "the voters prepare wrote (run)")
	base := flags.String("url", "http://127.0.0.1:8080", "where rankfile serves (run)")
	meeting := flags.Int64("meeting", 0, "the meeting (run)")
	vote := flags.Int64("vote", 0, "the vote (run, check)")
	duration := flags.Duration("duration", 30e9, "how long the voting takes (run)")
	workers := flags.Int("workers", 200, "votes sent at once, at most (run)")
	acked := flags.String("acked", "acked.txt", "the acknowledged members (run writes, check reads)")
	keyFile := flags.String("key-file", os.Getenv("RANKFILE_KEY_FILE"), "the key file, which keys the audit log (default: RANKFILE_KEY_FILE, else the database's name + .keys)")
	flags.Parse(os.Args[2:])
	ctx := rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "bench-vote"})
	var err error
	switch os.Args[1] {
	case "prepare":
		err = withDB(ctx, *dsn, *keyFile, func(db *store.DB) error { return prepare(ctx, db, *voters) })
	case "run":
		err = run(*base, *meeting, *vote, *votersFile, *duration, *workers, *acked)
	case "check":
		err = withDB(ctx, *dsn, *keyFile, func(db *store.DB) error { return check(ctx, db, *vote, *acked) })
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "voteload:", err)
		os.Exit(1)
	}
}

// withDB opens the database with its keys and runs fn on it.
func withDB(ctx context.Context, dsn, keyFile string, fn func(db *store.DB) error) error {
	if keyFile == "" {
		keyFile = dsn + ".keys"
	}
	keys, err := secret.LoadFile(keyFile)
	if err != nil {
		return err
	}
	db, err := store.OpenWithKeys(ctx, dsn, keys)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// prepare prepares the meeting and prints its voters, and the meeting's
// and vote's ids on standard error.
func prepare(ctx context.Context, db *store.DB, n int) error {
	meetingID, voteID, voters, err := meetingload.Prepare(ctx, db, n)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, meetingID, voteID)
	return json.NewEncoder(os.Stdout).Encode(voters)
}

// run runs the load and writes the members whose votes were acknowledged
// to ackedFile.
func run(base string, meetingID, voteID int64, votersFile string, duration time.Duration, workers int, ackedFile string) error {
	b, err := os.ReadFile(votersFile)
	if err != nil {
		return err
	}
	l := &meetingload.Load{Base: base, MeetingID: meetingID, VoteID: voteID, Duration: duration, Workers: workers, Out: os.Stdout}
	if err := json.Unmarshal(b, &l.Voters); err != nil {
		return err
	}
	r, err := l.Run()
	if err != nil {
		return err
	}
	var out strings.Builder
	for _, id := range r.Acked {
		fmt.Fprintln(&out, id)
	}
	return os.WriteFile(ackedFile, []byte(out.String()), 0o644)
}

// check checks the box against the members in ackedFile.
func check(ctx context.Context, db *store.DB, voteID int64, ackedFile string) error {
	b, err := os.ReadFile(ackedFile)
	if err != nil {
		return err
	}
	var acked []int64
	for _, f := range strings.Fields(string(b)) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return err
		}
		acked = append(acked, id)
	}
	found, err := meetingload.Check(ctx, db, voteID, acked)
	fmt.Println(found)
	return err
}
