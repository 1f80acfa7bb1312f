package rankfile_test

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
)

// TestAProposalsStepOwesItsEmail checks the one rule of which email each
// step owes: authors hear when their proposal qualifies, signers when it
// is scheduled and decided, nobody of the other steps.
func TestAProposalsStepOwesItsEmail(t *testing.T) {
	for _, c := range []struct {
		from, to rankfile.ProposalStatus
		mail     []string
	}{
		{rankfile.ProposalCollecting, rankfile.ProposalQualified, []string{rankfile.MailProposalQualified}},
		{rankfile.ProposalQualified, rankfile.ProposalScheduled, []string{rankfile.MailProposalScheduled}},
		{rankfile.ProposalScheduled, rankfile.ProposalAdopted, []string{rankfile.MailProposalDecided}},
		{rankfile.ProposalScheduled, rankfile.ProposalRejected, []string{rankfile.MailProposalDecided}},
		{rankfile.ProposalCollecting, rankfile.ProposalExpired, nil},
		{rankfile.ProposalQualified, rankfile.ProposalWithdrawn, nil},
	} {
		step := rankfile.NewProposalStep(c.from, c.to, "a note")
		if step.From != c.from || step.To != c.to || step.Note != "a note" || !slices.Equal(step.Mail, c.mail) {
			t.Errorf("%s to %s: %+v, want the email %v", c.from, c.to, step, c.mail)
		}
	}
}

// TestACountQualifiesAProposalCollectingSignatures checks the step a count
// of signatures takes a proposal, and that none is taken while the
// signatures, valid or not, are fewer than the threshold: the store skips
// counting who is in good standing until then.
func TestACountQualifiesAProposalCollectingSignatures(t *testing.T) {
	p := &rankfile.Proposal{Status: rankfile.ProposalCollecting, Threshold: 3}
	if step := p.QualifyingStep(rankfile.SignatureCount{Total: 5, Valid: 2}); step != nil {
		t.Errorf("2 valid of 3 needed: %+v, want no step", step)
	}
	c := rankfile.SignatureCount{Total: 4, Valid: 3}
	step := p.QualifyingStep(c)
	want := rankfile.NewProposalStep(rankfile.ProposalCollecting, rankfile.ProposalQualified, c.Note())
	if step == nil || step.From != want.From || step.To != want.To || step.Note != want.Note || !slices.Equal(step.Mail, want.Mail) {
		t.Errorf("3 valid of 3 needed: %+v, want %+v", step, want)
	}
	for total := range p.Threshold {
		if step := p.QualifyingStep(rankfile.SignatureCount{Total: total, Valid: total}); step != nil {
			t.Errorf("%d signatures of %d needed: %+v, want no step", total, p.Threshold, step)
		}
	}
	for _, s := range []rankfile.ProposalStatus{rankfile.ProposalDraft, rankfile.ProposalQualified, rankfile.ProposalScheduled} {
		q := &rankfile.Proposal{Status: s, Threshold: 3}
		if step := q.QualifyingStep(c); step != nil {
			t.Errorf("a proposal %s: %+v, want no step", s, step)
		}
	}
}

// TestAVoteDecidesTheProposalItIsOn checks the step a closed yes/no vote
// takes its proposal, and that a proposal no longer scheduled, or a vote
// of another kind, takes none.
func TestAVoteDecidesTheProposalItIsOn(t *testing.T) {
	scheduled := &rankfile.Proposal{ID: 7, Status: rankfile.ProposalScheduled}
	vote := func(kind rankfile.VoteKind, carried bool) *rankfile.MeetingVote {
		return &rankfile.MeetingVote{Kind: kind, ProposalID: 7,
			Result: &rankfile.VoteResult{Carried: carried, Summary: "12 yes, 3 no"}}
	}
	for carried, to := range map[bool]rankfile.ProposalStatus{true: rankfile.ProposalAdopted, false: rankfile.ProposalRejected} {
		step := rankfile.VoteStep(vote(rankfile.VoteYesNo, carried), scheduled)
		if step == nil || step.From != rankfile.ProposalScheduled || step.To != to || step.Note != "12 yes, 3 no" ||
			!slices.Equal(step.Mail, []string{rankfile.MailProposalDecided}) {
			t.Errorf("carried %v: %+v, want the proposal %s, its signers told", carried, step, to)
		}
	}
	withdrawn := &rankfile.Proposal{ID: 7, Status: rankfile.ProposalWithdrawn}
	if step := rankfile.VoteStep(vote(rankfile.VoteYesNo, true), withdrawn); step != nil {
		t.Errorf("a proposal withdrawn meanwhile: %+v, want no step", step)
	}
	if step := rankfile.VoteStep(vote(rankfile.VoteChoice, true), scheduled); step != nil {
		t.Errorf("a vote of several options: %+v, want no step", step)
	}
	if v := vote(rankfile.VoteYesNo, true); !v.DecidesProposal() {
		t.Error("a yes/no vote on a proposal does not decide it")
	}
}
