// Command castload prepares and checks scripts/bench-cast's storm of
// ballots against a demo database.
//
//	castload targets -db FILE -url BASE -voters N > targets.json
//	castload check -db FILE [-results FILE]
//
// targets gives N members on the roll of the demo's open election an API
// token each and writes one vegeta target per voter: their ballot, with a
// random ranking, sent from an address of its own (X-Forwarded-For, as a
// reverse proxy in front of rankfile would pass it on). check counts the
// ballots in the box and the voters marked on the roll, which must agree;
// given vegeta's results (vegeta encode --to json), it also finds in the
// box the ballot of every receipt code a voter was given.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/scripts/electionload"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: castload targets|check -db FILE [-key-file FILE -url BASE -voters N]")
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dsn := flags.String("db", "rankfile.db", "the demo database")
	base := flags.String("url", "http://127.0.0.1:8080", "where rankfile serves")
	voters := flags.Int("voters", 3500, "how many voters to give a ballot")
	results := flags.String("results", "", "vegeta's results as JSON lines, to check every receipt given")
	keyFile := flags.String("key-file", "", "the key file, which opens the sealed ballots (default: the database's name + .keys)")
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
