// Command castload prepares and checks scripts/bench-cast's storm of
// ballots against a demo database.
//
//	castload targets -db FILE -url BASE -voters N > targets.json
//	castload check -db FILE [-results FILE]
//	castload storm -db FILE -url BASE -voters N -duration 10m -workers W
//
// targets gives N members on the roll of the demo's open election an API
// token each and writes one vegeta target per voter: their ballot, with a
// random ranking, sent from an address of its own (X-Forwarded-For, as a
// reverse proxy in front of rankfile would pass it on). check counts the
// ballots in the box and the voters marked on the roll, which must agree;
// given vegeta's results (vegeta encode --to json), it also finds in the
// box the ballot of every receipt code a voter was given. storm casts the
// N voters' ballots itself at an even pace over the duration, sending
// again after a second what fails on the network or with a server error
// (as phones do, and as a server dying in the middle calls for), prints
// the latencies and checks the box against the receipts given.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/scripts/electionload"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: castload targets|check|storm -db FILE [-key-file FILE -url BASE -voters N]")
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dsn := flags.String("db", "rankfile.db", "the demo database")
	base := flags.String("url", "http://127.0.0.1:8080", "where rankfile serves")
	voters := flags.Int("voters", 3500, "how many voters to give a ballot")
	results := flags.String("results", "", "vegeta's results as JSON lines, to check every receipt given")
	keyFile := flags.String("key-file", "", "the key file, which opens the sealed ballots (default: the database's name + .keys)")
	duration := flags.Duration("duration", 10*time.Second, "how long the storm takes (storm)")
	workers := flags.Int("workers", 500, "ballots sent at once, at most (storm)")
	flags.Parse(os.Args[2:])
	ctx := context.Background()
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	if *keyFile == "" {
		*keyFile = *dsn + ".keys"
	}
	if db.Keys, err = secret.LoadFile(*keyFile); err != nil {
		fail(err)
	}
	e, err := electionload.OpenElection(ctx, db)
	if err != nil {
		fail(err)
	}
	switch os.Args[1] {
	case "targets":
		err = writeTargets(ctx, db, e, *base, *voters)
	case "check":
		err = check(ctx, db, e, *results)
	case "storm":
		err = storm(ctx, db, e, *base, *voters, *duration, *workers)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "castload:", err)
	os.Exit(1)
}

// target is one request in vegeta's JSON format.
type target struct {
	Method string              `json:"method"`
	URL    string              `json:"url"`
	Header map[string][]string `json:"header"`
	Body   []byte              `json:"body"`
}

// writeTargets mints a token for each of the first n voters and prints
// their ballots as vegeta targets.
func writeTargets(ctx context.Context, db *store.DB, e *rankfile.Election, base string, n int) error {
	voters, err := electionload.Voters(ctx, db, e, n)
	if err != nil {
		return err
	}
	out := json.NewEncoder(os.Stdout)
	for _, v := range voters {
		t := target{Method: "POST", URL: fmt.Sprintf("%s/api/v1/elections/%d/ballot", base, e.ID), Body: v.Ballot,
			Header: map[string][]string{"Authorization": {"Bearer " + v.Token}, "Content-Type": {"application/json"},
				"X-Forwarded-For": {v.Address}}}
		if err := out.Encode(t); err != nil {
			return err
		}
	}
	return nil
}

// check prints the ballots in the box and the voters marked on the roll,
// and fails unless they agree and, given vegeta's results, unless every
// acknowledged ballot's receipt is in the box.
func check(ctx context.Context, db *store.DB, e *rankfile.Election, results string) error {
	var codes []string
	if results != "" {
		var err error
		if codes, err = receipts(results); err != nil {
			return err
		}
	}
	found, err := electionload.CheckBox(ctx, db, e, codes)
	fmt.Println(found)
	return err
}

// storm casts n voters' ballots over the duration and checks the box.
func storm(ctx context.Context, db *store.DB, e *rankfile.Election, base string, n int, duration time.Duration, workers int) error {
	voters, err := electionload.Voters(ctx, db, e, n)
	if err != nil {
		return err
	}
	fmt.Printf("casting %d ballots over %v\n", n, duration)
	start := time.Now()
	r := (&electionload.Storm{Base: base, ElectionID: e.ID, Voters: voters, Duration: duration, Workers: workers}).Run()
	fmt.Printf("cast in %v: receipts %d, refused %d, sent again %d\n", time.Since(start).Round(time.Millisecond), len(r.Receipts), r.Refused, r.Again)
	fmt.Printf("ballot latency: p50 %v, p90 %v, p99 %v, max %v\n", r.Percentile(50), r.Percentile(90), r.Percentile(99), r.Percentile(100))
	found, err := electionload.CheckBox(ctx, db, e, r.Receipts)
	fmt.Println(found)
	return err
}

// receipts reads the receipt code of every ballot acknowledged (201) from
// vegeta's results.
func receipts(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var codes []string
	dec := json.NewDecoder(f)
	for dec.More() {
		var r struct {
			Code int    `json:"code"`
			Body []byte `json:"body"`
		}
		if err := dec.Decode(&r); err != nil {
			return nil, err
		}
		if r.Code != 201 {
			continue
		}
		var answer struct {
			Receipt string `json:"receipt"`
		}
		if err := json.Unmarshal(r.Body, &answer); err != nil || answer.Receipt == "" {
			return nil, fmt.Errorf("an acknowledged ballot without a receipt: %s", r.Body)
		}
		codes = append(codes, answer.Receipt)
	}
	return codes, nil
}
