// Command castload prepares and checks scripts/bench-cast's storm of
// ballots against a demo database.
//
//	castload targets -db FILE -url BASE -voters N > targets.json
//	castload check -db FILE [-results FILE]
//
// targets gives N members on the roll of the demo's open election an API
// token each and writes one vegeta target per voter: their ballot, with a
// random ranking, sent from an address of its own (X-Real-IP, as a
// reverse proxy in front of rankfile would set it). check counts the
// ballots in the box and the voters marked on the roll, which must agree;
// given vegeta's results (vegeta encode --to json), it also finds in the
// box the ballot of every receipt code a voter was given.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"

	"github.com/rankfile/rankfile"
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
	e, err := openElection(ctx, db)
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

// openElection finds the demo election that is open for voting.
func openElection(ctx context.Context, db *store.DB) (*rankfile.Election, error) {
	es, err := store.NewElectionService(db).FindElections(ctx, rankfile.ElectionFilter{
		Status: rankfile.ElectionVoting, At: db.Now()})
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("no election is open for voting; run rankfile demo first")
	}
	return es[0], nil
}

// target is one request in vegeta's JSON format.
type target struct {
	Method string              `json:"method"`
	URL    string              `json:"url"`
	Header map[string][]string `json:"header"`
	Body   []byte              `json:"body"`
}

// writeTargets mints a token for each of the first n voters in good
// standing and prints their ballots as vegeta targets.
func writeTargets(ctx context.Context, db *store.DB, e *rankfile.Election, base string, n int) error {
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.ElectorateFilter(
		&rankfile.Body{Kind: rankfile.KindChapter}, e.Cutoff))
	if err != nil {
		return err
	}
	if len(members) < n {
		return fmt.Errorf("only %d members may vote; make a bigger demo with --list-size", len(members))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	auth := store.NewAuthService(db)
	out := json.NewEncoder(os.Stdout)
	for i, m := range members[:n] {
		token, _, err := auth.CreateAPIToken(ctx, m.ID, "bench-cast", rankfile.DefaultTokenDays)
		if err != nil {
			return err
		}
		body, _ := json.Marshal(randomBallot(e, rng))
		t := target{Method: "POST", URL: fmt.Sprintf("%s/api/v1/elections/%d/ballot", base, e.ID), Body: body,
			Header: map[string][]string{"Authorization": {"Bearer " + token}, "Content-Type": {"application/json"},
				"X-Real-IP": {fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)}}}
		if err := out.Encode(t); err != nil {
			return err
		}
	}
	return nil
}

// randomBallot ranks some candidates of each contest.
func randomBallot(e *rankfile.Election, rng *rand.Rand) *rankfile.Ballot {
	b := &rankfile.Ballot{Rankings: map[int64][]int64{}}
	for _, c := range e.Contests {
		for _, i := range rng.Perm(len(c.Candidates))[:1+rng.IntN(len(c.Candidates))] {
			b.Rankings[c.ID] = append(b.Rankings[c.ID], c.Candidates[i].ID)
		}
	}
	return b
}

// check prints the ballots in the box and the voters marked on the roll,
// and fails unless they agree and, given vegeta's results, unless every
// acknowledged ballot's receipt is in the box.
func check(ctx context.Context, db *store.DB, e *rankfile.Election, results string) error {
	elections := store.NewElectionService(db)
	box, err := elections.BallotBox(ctx, e.ID)
	if err != nil {
		return err
	}
	voted, err := elections.Voted(ctx, e.ID)
	if err != nil {
		return err
	}
	fmt.Printf("ballots in the box: %d; voters marked on the roll: %d\n", len(box), voted)
	if voted != len(box) {
		return fmt.Errorf("the box and the roll disagree")
	}
	if results == "" {
		return nil
	}
	codes, err := receipts(results)
	if err != nil {
		return err
	}
	inBox := map[string]bool{}
	for _, b := range box {
		inBox[b.ReceiptHash] = true
	}
	missing := 0
	for _, code := range codes {
		if !inBox[rankfile.ReceiptHash(e.ID, code)] {
			missing++
		}
	}
	fmt.Printf("receipts given: %d; their ballots missing from the box: %d\n", len(codes), missing)
	if missing > 0 {
		return fmt.Errorf("%d acknowledged ballots are not in the box", missing)
	}
	return nil
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
