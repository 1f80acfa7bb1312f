package main

import (
	"context"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// checkDemoProposals checks the demo has a proposal at every stage, and
// that member@example.org can sign the resolution two short of its
// threshold, which her signature and one more qualify.
func checkDemoProposals(t *testing.T, dsn string) {
	ctx := context.Background()
	db := storetest.Open(t, dsn)
	if err := db.LoadSettings(ctx); err != nil {
		t.Fatal(err)
	}
	web := appServices(db)
	member, err := web.Members.FindMember(ctx, rankfile.MemberFilter{Email: "member@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	me := &rankfile.Actor{Member: member}
	all, err := web.ListProposals(ctx, me, "")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[rankfile.ProposalStatus]bool{}
	var near *rankfile.Proposal
	for _, p := range all {
		seen[p.Status] = true
		if p.Status == rankfile.ProposalCollecting && p.Threshold-p.Signatures.Valid == 2 {
			near = p
		}
	}
	for _, s := range rankfile.ProposalStatuses {
		if !seen[s] {
			t.Errorf("the demo has no proposal that is %s", s)
		}
	}
	if near == nil {
		t.Fatal("the demo has no proposal two signatures short of its threshold")
	}
	page, err := web.Proposal(ctx, me, near.ID)
	if err != nil || !page.CanSign || near.Version != 2 || len(page.Amendments) != 2 || len(page.Comments) != 2 {
		t.Fatalf("member@example.org on %q: %v, may sign %v, version %d, %d amendments, %d comments",
			near.Title, err, page != nil && page.CanSign, near.Version, len(page.Amendments), len(page.Comments))
	}
	if err := web.Sign(ctx, me, near.ID, false); err != nil {
		t.Fatal(err)
	}
}
