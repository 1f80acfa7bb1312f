// Command signload prepares and checks scripts/bench-sign's signatures
// against a demo database.
//
//	signload targets -db FILE -url BASE -signers N > targets.json
//	signload check -db FILE -proposal ID -acknowledged N
//
// targets writes a resolution by the chapter's first member, opened for
// signatures with a threshold of N, gives N other members in good
// standing an API token each, and writes one vegeta target per signer:
// their signature on it, sent from an address of its own (X-Real-IP, as a
// reverse proxy in front of rankfile would set it). It prints the
// proposal's id on standard error. check counts the proposal's signatures,
// which must be exactly the acknowledged ones, and says whether it
// qualified.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: signload targets|check -db FILE [-url BASE -signers N | -proposal ID -acknowledged N]")
		os.Exit(2)
	}
	flags := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	dsn := flags.String("db", "rankfile.db", "the demo database")
	base := flags.String("url", "http://127.0.0.1:8080", "where rankfile serves")
	signers := flags.Int("signers", 3500, "how many members sign")
	proposal := flags.Int64("proposal", 0, "the proposal signed, for check")
	acknowledged := flags.Int("acknowledged", 0, "how many signatures were acknowledged (201), for check")
	flags.Parse(os.Args[2:])
	ctx := rankfile.WithActor(context.Background(), &rankfile.Actor{Label: "bench-sign"})
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	if err := db.LoadSettings(ctx); err != nil {
		fail(err)
	}
	switch os.Args[1] {
	case "targets":
		err = writeTargets(ctx, db, *base, *signers)
	case "check":
		err = check(ctx, db, *proposal, *acknowledged)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "signload:", err)
	os.Exit(1)
}

// target is one request in vegeta's JSON format.
type target struct {
	Method string              `json:"method"`
	URL    string              `json:"url"`
	Header map[string][]string `json:"header"`
	Body   []byte              `json:"body"`
}

// writeTargets opens a resolution needing n signatures and prints the
// signature of each of n members in good standing as a vegeta target.
func writeTargets(ctx context.Context, db *store.DB, base string, n int) error {
	members, _, err := store.NewMemberService(db).FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, Brief: true})
	if err != nil {
		return err
	}
	if len(members) < n+1 {
		return fmt.Errorf("only %d members are in good standing; make a bigger demo with --list-size", len(members))
	}
	chapter, err := store.NewBodyService(db).FindBody(ctx, rankfile.BodyFilter{Slug: "los-angeles-chapter"})
	if err != nil {
		return err
	}
	proposals := store.NewProposalService(db)
	p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: chapter.ID, Title: "A resolution everyone signs",
		Text:    rankfile.ProposalText{Resolved: []string{"The chapter measures its software."}},
		Authors: []rankfile.ProposalAuthor{{MemberID: members[0].ID}}}
	if err := proposals.CreateProposal(ctx, p); err != nil {
		return err
	}
	if err := proposals.OpenSignatures(ctx, p.ID, n, time.Now().Add(24*time.Hour)); err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, p.ID)
	auth := store.NewAuthService(db)
	out := json.NewEncoder(os.Stdout)
	for i, m := range members[1 : n+1] {
		token, _, err := auth.CreateAPIToken(ctx, m.ID, "bench-sign", rankfile.DefaultTokenDays)
		if err != nil {
			return err
		}
		t := target{Method: "POST", URL: base + "/api/v1/proposals/" + strconv.FormatInt(p.ID, 10) + "/signature",
			Body: []byte(fmt.Sprintf(`{"anonymous":%t}`, i%5 == 0)),
			Header: map[string][]string{"Authorization": {"Bearer " + token}, "Content-Type": {"application/json"},
				"X-Real-IP": {fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)}}}
		if err := out.Encode(t); err != nil {
			return err
		}
	}
	return nil
}

// check prints the proposal's signatures and status, and fails unless it
// holds exactly the acknowledged signatures, each member once.
func check(ctx context.Context, db *store.DB, id int64, acknowledged int) error {
	proposals := store.NewProposalService(db)
	list, err := proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: id})
	if err != nil || len(list) == 0 {
		return fmt.Errorf("proposal %d: %v", id, err)
	}
	sigs, err := proposals.Signatures(ctx, id)
	if err != nil {
		return err
	}
	signers := map[int64]bool{}
	for _, s := range sigs {
		signers[s.MemberID] = true
	}
	p := list[0]
	fmt.Printf("signatures stored: %d (%d members); acknowledged: %d; %s; the proposal is %s\n",
		len(sigs), len(signers), acknowledged, p.Signatures.Summary(), p.Status)
	if len(sigs) != acknowledged || len(signers) != len(sigs) {
		return fmt.Errorf("the stored signatures are not exactly the acknowledged ones")
	}
	if (acknowledged >= p.Threshold) != (p.Status == rankfile.ProposalQualified) {
		return fmt.Errorf("%d of %d signatures, and the proposal is %s", acknowledged, p.Threshold, p.Status)
	}
	return nil
}
