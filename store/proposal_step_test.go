package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// collectingProposal stores a chapter resolution by member 1 of the list
// and opens it for signatures, needing threshold of them.
func collectingProposal(t *testing.T, db *store.DB, threshold int) (*store.ProposalService, *rankfile.Proposal) {
	t.Helper()
	setClock(db, "2026-03-02")
	importList(t, db, list(listHeader,
		"1,Ana,García,ana@example.org,90026,2027-01-01,Member in Good Standing,false,",
		"2,Luis,Pérez,luis@example.org,90026,2027-01-01,Member in Good Standing,false,"), rankfile.ImportOptions{})
	chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "la", Name: "Los Angeles"}
	if err := store.NewBodyService(db).CreateBody(ctx, chapter); err != nil {
		t.Fatal(err)
	}
	proposals := store.NewProposalService(db)
	p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: chapter.ID, Title: "Tenant organizing",
		Text:    rankfile.ProposalText{Resolved: []string{"The chapter organizes tenants."}},
		Authors: []rankfile.ProposalAuthor{{MemberID: member(t, db, "1").ID}}}
	if err := proposals.CreateProposal(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := proposals.OpenSignatures(ctx, p.ID, threshold, db.Now().Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	return proposals, p
}

// steps lists a proposal's history after its draft and its opening, and
// the kinds of email its steps owe.
func steps(t *testing.T, proposals *store.ProposalService, id int64) (history []string, mail []string) {
	t.Helper()
	events, err := proposals.ProposalHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events[2:] {
		history = append(history, string(e.Status)+": "+e.Note)
	}
	due, err := proposals.DueProposalMailings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range due {
		mail = append(mail, m.Kind)
	}
	return history, mail
}

// TestAProposalTakesTheStepItIsGiven checks that storing a step writes
// what the step says it causes, no more: its status, the emails it owes
// (here, whatever the app says, not what a withdrawal owes: none) and its
// history; and that a step from a status the proposal has left is
// refused, writing nothing.
func TestAProposalTakesTheStepItIsGiven(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		proposals, p := collectingProposal(t, db, 5)
		wrong := &rankfile.ProposalStep{From: rankfile.ProposalQualified, To: rankfile.ProposalScheduled, Mail: []string{"scheduled"}}
		if err := proposals.StepProposal(ctx, p.ID, wrong); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a step from qualified of a proposal collecting: %v, want a conflict", err)
		}
		step := &rankfile.ProposalStep{From: rankfile.ProposalCollecting, To: rankfile.ProposalWithdrawn, Note: "as asked",
			Mail: []string{rankfile.MailProposalScheduled, rankfile.MailProposalDecided}}
		if err := proposals.StepProposal(ctx, p.ID, step); err != nil {
			t.Fatal(err)
		}
		history, mail := steps(t, proposals, p.ID)
		if want := []string{"withdrawn: as asked"}; !slices.Equal(history, want) {
			t.Errorf("history %q, want %q", history, want)
		}
		if want := []string{rankfile.MailProposalScheduled, rankfile.MailProposalDecided}; !slices.Equal(mail, want) {
			t.Errorf("email owed %q, want %q", mail, want)
		}
		if list, _ := proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: p.ID}); list[0].Status != rankfile.ProposalWithdrawn {
			t.Errorf("status %s, want withdrawn", list[0].Status)
		}
	})
}

// TestASignatureTakesTheStepTheAppDecides checks that a signature
// qualifies its proposal only as the app's qualify says, and in the
// signature's transaction: asked nothing, the store takes no step.
func TestASignatureTakesTheStepTheAppDecides(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		proposals, p := collectingProposal(t, db, 1)
		paper := rankfile.WithActor(ctx, &rankfile.Actor{Label: "a steward"})
		sign := func(nationalID string, qualify func(*rankfile.Proposal, rankfile.SignatureCount) *rankfile.ProposalStep) {
			t.Helper()
			sig := &rankfile.Signature{ProposalID: p.ID, MemberID: member(t, db, nationalID).ID, Paper: true}
			if err := proposals.Sign(paper, sig, qualify); err != nil {
				t.Fatal(err)
			}
		}
		sign("1", nil)
		if history, mail := steps(t, proposals, p.ID); len(history)+len(mail) > 0 {
			t.Errorf("signed with no step decided: history %q, email %q; want none", history, mail)
		}
		var counted rankfile.SignatureCount
		sign("2", func(p *rankfile.Proposal, c rankfile.SignatureCount) *rankfile.ProposalStep {
			counted = c
			return &rankfile.ProposalStep{From: rankfile.ProposalCollecting, To: rankfile.ProposalQualified, Note: "decided by the app",
				Mail: []string{rankfile.MailProposalQualified}}
		})
		if counted != (rankfile.SignatureCount{Total: 2, Valid: 2}) {
			t.Errorf("qualify was given %+v, want 2 signatures, 2 valid", counted)
		}
		history, mail := steps(t, proposals, p.ID)
		if want := []string{"qualified: decided by the app"}; !slices.Equal(history, want) {
			t.Errorf("history %q, want %q", history, want)
		}
		if want := []string{rankfile.MailProposalQualified}; !slices.Equal(mail, want) {
			t.Errorf("email owed %q, want %q", mail, want)
		}
	})
}
