package app_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/store/storetest"
)

// newProposal has voter 3 write a chapter resolution naming voter 4 as a
// co-author, and returns it as stored.
func (w *votingWorld) newProposal() *rankfile.Proposal {
	w.t.Helper()
	p := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: w.chapter.ID, Title: "Tenant organizing campaign",
		Summary: "Organize tenants in every branch.",
		Text: rankfile.ProposalText{Whereas: []string{"Rents rose 30% in two years;", " "},
			Resolved: []string{"The chapter forms a tenant organizing campaign."}},
		Links: []string{"https://example.org/rent-report"}}
	if err := w.app.CreateProposal(ctx, w.voter(3), p, []string{"voter4@example.org"}); err != nil {
		w.t.Fatal(err)
	}
	return p
}

// proposal reads a proposal as the actor sees it, failing on an error.
func (w *votingWorld) proposal(actor *rankfile.Actor, id int64) *app.ProposalPage {
	w.t.Helper()
	page, err := w.app.Proposal(ctx, actor, id)
	if err != nil {
		w.t.Fatal(err)
	}
	return page
}

// openForSignatures sets the chapter's threshold and opens p for a week.
func (w *votingWorld) openForSignatures(p *rankfile.Proposal, threshold string) {
	w.t.Helper()
	if err := w.db.SetSetting(ctx, "signatures_needed.chapter", threshold); err != nil {
		w.t.Fatal(err)
	}
	if err := w.app.OpenSignatures(ctx, w.voter(3), p.ID, w.now.Add(7*24*time.Hour)); err != nil {
		w.t.Fatal(err)
	}
}

// TestAProposalGoesFromDraftToQualified writes a draft with a co-author,
// changes it, opens it for signatures and has members sign it until it
// qualifies, checking at each step who may do what and what is recorded.
func TestAProposalGoesFromDraftToQualified(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		if len(p.Text.Whereas) != 1 || p.Version != 1 || p.Status != rankfile.ProposalDraft {
			t.Errorf("stored draft: %d whereas clauses, version %d, %s", len(p.Text.Whereas), p.Version, p.Status)
		}
		if _, err := w.app.Proposal(ctx, w.voter(20), p.ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("another member reading a draft: %v; want not found", err)
		}
		p.Title = "Tenant organizing campaign for 2027"
		if err := w.app.UpdateProposal(ctx, w.voter(4), p); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a co-author who has not accepted changing the draft: %v; want forbidden", err)
		}
		if err := w.app.AcceptAuthorship(ctx, w.voter(4), p.ID); err != nil {
			t.Fatal(err)
		}
		if err := w.app.UpdateProposal(ctx, w.voter(4), p); err != nil || p.Version != 2 {
			t.Fatalf("the co-author changing the draft: %v, version %d", err, p.Version)
		}
		if err := w.app.Sign(ctx, w.voter(20), p.ID, false); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("signing a draft one cannot see: %v", err)
		}

		w.openForSignatures(p, "5")
		p.Title = "Changed after opening"
		if err := w.app.UpdateProposal(ctx, w.voter(3), p); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("changing the text while signatures are collected: %v; want conflict", err)
		}
		for _, v := range []int{20, 21, 22, 23} {
			if err := w.app.Sign(ctx, w.voter(v), p.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.app.Sign(ctx, w.voter(20), p.ID, false); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("signing twice: %v; want conflict", err)
		}
		lapsed := &rankfile.Actor{Member: w.member(votingVoters + 1)}
		if err := w.app.Sign(ctx, lapsed, p.ID, false); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a lapsed member signing: %v; want forbidden", err)
		}
		if err := w.app.Unsign(ctx, w.voter(23), p.ID); err != nil {
			t.Errorf("withdrawing a signature before qualification: %v", err)
		}
		page := w.proposal(w.voter(30), p.ID)
		if page.Proposal.Status != rankfile.ProposalCollecting || page.Proposal.Signatures.Total != 3 || !page.CanSign {
			t.Errorf("with 3 signatures: %s, %+v, can sign %v", page.Proposal.Status, page.Proposal.Signatures, page.CanSign)
		}
		for _, v := range []int{23, 24} {
			if err := w.app.Sign(ctx, w.voter(v), p.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		page = w.proposal(w.voter(30), p.ID)
		if page.Proposal.Status != rankfile.ProposalQualified || page.Proposal.Threshold != 5 {
			t.Fatalf("with 5 signatures of 5: %s (threshold %d)", page.Proposal.Status, page.Proposal.Threshold)
		}
		if err := w.app.Unsign(ctx, w.voter(24), p.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("withdrawing a signature after qualification: %v; want conflict", err)
		}
		var steps []string
		for _, e := range page.History {
			steps = append(steps, string(e.Status)+" by "+e.By+" "+readNote(e.Note))
		}
		want := []string{"draft by Voter Number003 ", "collecting by Voter Number003 5 signatures needed by November 9, 2026 at 6:00 PM PST",
			"qualified by Voter Number024 Signatures: 5; counting: 5"}
		if strings.Join(steps, "\n") != strings.Join(want, "\n") {
			t.Errorf("history:\n%s\nwant\n%s", strings.Join(steps, "\n"), strings.Join(want, "\n"))
		}
	})
}

// TestSignaturesAreCheckedAgainAtQualification: signers who lapse after
// signing do not count toward the threshold, and the qualifying step says
// so.
func TestSignaturesAreCheckedAgainAtQualification(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		w.openForSignatures(p, "4")
		for _, v := range []int{20, 21, 22} {
			if err := w.app.Sign(ctx, w.voter(v), p.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range []int{20, 21} {
			o := &rankfile.StandingOverride{MemberID: w.member(v).ID, Standing: rankfile.StandingLapsed,
				Reason: "dues returned", Author: "steward"}
			if err := w.app.Members.SetStandingOverride(ctx, o); err != nil {
				t.Fatal(err)
			}
		}
		for _, v := range []int{23, 24} {
			if err := w.app.Sign(ctx, w.voter(v), p.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		page := w.proposal(w.voter(30), p.ID)
		if page.Proposal.Status != rankfile.ProposalCollecting || page.Proposal.Signatures != (rankfile.SignatureCount{Total: 5, Valid: 3}) {
			t.Fatalf("5 signatures, 2 of them lapsed, threshold 4: %s, %+v", page.Proposal.Status, page.Proposal.Signatures)
		}
		if err := w.app.Sign(ctx, w.voter(25), p.ID, false); err != nil {
			t.Fatal(err)
		}
		page = w.proposal(w.voter(30), p.ID)
		last := page.History[len(page.History)-1]
		if page.Proposal.Status != rankfile.ProposalQualified ||
			readNote(last.Note) != "Signatures: 6; counting: 4 (2 no longer in good standing)" {
			t.Errorf("after a sixth signature: %s, %q", page.Proposal.Status, last.Note)
		}
		valid := 0
		for _, s := range page.Signatures {
			if s.Valid {
				valid++
			}
		}
		if valid != 4 {
			t.Errorf("%d signatures shown as valid; want 4", valid)
		}
	})
}

// TestFiveHundredMembersSignAtOnce: every signature is counted exactly
// once, a second one from the same member at the same moment is refused,
// and the proposal qualifies once.
func TestFiveHundredMembersSignAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorldOf(t, dsn, 500)
		p := w.newProposal()
		w.openForSignatures(p, "450")
		var voters []*rankfile.Actor
		for v := 1; v <= 500; v++ {
			voters = append(voters, w.voter(v))
		}
		var wg sync.WaitGroup
		errs := make(chan error, 2*len(voters))
		for _, actor := range voters {
			for range 2 { // each member twice, as from two tabs
				wg.Go(func() { errs <- w.app.Sign(ctx, actor, p.ID, false) })
			}
		}
		wg.Wait()
		close(errs)
		signed, refused := 0, 0
		for err := range errs {
			switch {
			case err == nil:
				signed++
			case rankfile.ErrorCode(err) == rankfile.ECONFLICT:
				refused++
			default:
				t.Errorf("signing: %v", err)
			}
		}
		page := w.proposal(w.voter(1), p.ID)
		if signed != 500 || refused != 500 || page.Proposal.Signatures.Total != 500 || len(page.Signatures) != 500 {
			t.Errorf("%d signed, %d refused; the proposal counts %+v and lists %d", signed, refused,
				page.Proposal.Signatures, len(page.Signatures))
		}
		qualified := 0
		for _, e := range page.History {
			if e.Status == rankfile.ProposalQualified {
				qualified++
				if readNote(e.Note) != "Signatures: 450; counting: 450" {
					t.Errorf("qualified with %q; want at the 450th signature", e.Note)
				}
			}
		}
		if qualified != 1 || page.Proposal.Status != rankfile.ProposalQualified {
			t.Errorf("qualified %d times, now %s", qualified, page.Proposal.Status)
		}
	})
}

// TestSigningClosesAtTheDeadline: after the deadline a proposal that did
// not qualify has expired and takes no signature.
func TestSigningClosesAtTheDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		w.openForSignatures(p, "10")
		w.now = w.now.Add(8 * 24 * time.Hour)
		err := w.app.Sign(ctx, w.voter(20), p.ID, false)
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), "closed on 9 November 2026") {
			t.Errorf("signing after the deadline: %v", err)
		}
		page := w.proposal(w.voter(20), p.ID)
		if s := page.Proposal.StatusAt(w.now); s != rankfile.ProposalExpired || page.CanSign || page.Proposal.Signatures.Total != 0 {
			t.Errorf("after the deadline: %s, can sign %v, %d signatures", s, page.CanSign, page.Proposal.Signatures.Total)
		}
	})
}

// TestSignersAndPaperSignatures: a signer who asks shows to members as a
// member of their branch while stewards see the name; a steward enters a
// paper signature under the same rules, and only a steward may.
func TestSignersAndPaperSignatures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		w.openForSignatures(p, "10")
		if err := w.app.Sign(ctx, w.voter(20), p.ID, true); err != nil {
			t.Fatal(err)
		}
		steward := &rankfile.Actor{Member: w.member(5), Steward: true}
		for who, want := range map[*rankfile.Actor]string{w.voter(30): "", steward: "Voter Number020", w.voter(20): "Voter Number020"} {
			if got := w.proposal(who, p.ID).Signatures[0].Name; got != want {
				t.Errorf("%s sees the anonymous signer as %q; want %q", who.Name(), got, want)
			}
		}
		if err := w.app.EnterPaperSignature(ctx, w.voter(30), p.ID, w.member(31).ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member entering a paper signature: %v; want forbidden", err)
		}
		err := w.app.EnterPaperSignature(ctx, steward, p.ID, w.member(votingVoters+1).ID)
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "not in good standing") {
			t.Errorf("a paper signature of a lapsed member: %v", err)
		}
		if err := w.app.EnterPaperSignature(ctx, steward, p.ID, w.member(31).ID); err != nil {
			t.Fatal(err)
		}
		if err := w.app.EnterPaperSignature(ctx, steward, p.ID, w.member(31).ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("the same paper signature twice: %v; want conflict", err)
		}
		sigs := w.proposal(w.voter(30), p.ID).Signatures
		if len(sigs) != 2 || !sigs[1].Paper || sigs[1].Name != "Voter Number031" {
			t.Errorf("signatures after the paper one: %+v", sigs[len(sigs)-1])
		}
		entries, err := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditPaperSignature})
		if err != nil || len(entries) != 1 {
			t.Errorf("audit entries of paper signatures: %d, %v; want 1", len(entries), err)
		}
	})
}

// TestABadProposalIsRefusedAndNothingIsStored checks the refusals of what
// an author writes.
func TestABadProposalIsRefusedAndNothingIsStored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		for _, bad := range []struct {
			p    rankfile.Proposal
			says string
		}{
			{rankfile.Proposal{Kind: "decree", BodyID: w.chapter.ID, Title: "x"}, "unknown kind"},
			{rankfile.Proposal{Kind: rankfile.ProposalCampaign, BodyID: w.chapter.ID, Title: " "}, "needs a title"},
			{rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: w.chapter.ID, Title: "x"}, "be it resolved"},
			{rankfile.Proposal{Kind: rankfile.ProposalCampaign, BodyID: w.chapter.ID, Title: "x",
				Links: []string{"javascript:alert(1)"}}, "not a web address"},
			{rankfile.Proposal{Kind: rankfile.ProposalCampaign, BodyID: w.chapter.ID, Title: strings.Repeat("x", 201)}, "longer than 200"},
		} {
			err := w.app.CreateProposal(ctx, w.voter(3), &bad.p, nil)
			if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), bad.says) {
				t.Errorf("%+v: %v; want invalid saying %q", bad.p, err, bad.says)
			}
		}
		ok := rankfile.Proposal{Kind: rankfile.ProposalCampaign, BodyID: w.chapter.ID, Title: "x"}
		if err := w.app.CreateProposal(ctx, rankfile.Anonymous, &ok, nil); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("nobody signed in writing a proposal: %v", err)
		}
		list, err := w.app.ListProposals(ctx, w.admin, "")
		if err != nil || len(list) != 0 {
			t.Errorf("after the refusals %d proposals are stored (%v)", len(list), err)
		}
	})
}

// TestInvitingCoAuthorsTellsNobodyWhoIsAMember checks that naming co-authors
// by address answers alike whether anyone has the address, and that an
// invitation shows to nobody but the invitee until accepted: otherwise an
// author could learn whose an address is, and whether they are a member.
func TestInvitingCoAuthorsTellsNobodyWhoIsAMember(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := &rankfile.Proposal{Kind: rankfile.ProposalCampaign, BodyID: w.chapter.ID, Title: "Rent strike support"}
		invited := []string{"nobody@example.org", w.member(4).Email}
		if err := w.app.CreateProposal(ctx, w.voter(3), p, invited); err != nil {
			t.Fatalf("inviting an address nobody has beside a member's: %v; want the same answer as any", err)
		}
		authors := func(viewer int) []string {
			page, err := w.app.Proposal(ctx, w.voter(viewer), p.ID)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, a := range page.Proposal.Authors {
				names = append(names, a.Name)
			}
			return names
		}
		if got := authors(3); !slices.Equal(got, []string{"Voter Number003"}) {
			t.Errorf("the author sees the authors %v; want only themselves until the invitation is accepted", got)
		}
		if got := authors(4); !slices.Equal(got, []string{"Voter Number003", "Voter Number004"}) {
			t.Errorf("the invitee sees the authors %v; want their own invitation too", got)
		}
		if err := w.app.AcceptAuthorship(ctx, w.voter(4), p.ID); err != nil {
			t.Fatal(err)
		}
		if got := authors(3); !slices.Equal(got, []string{"Voter Number003", "Voter Number004"}) {
			t.Errorf("after accepting, the author sees %v", got)
		}
	})
}

// TestOthersSeeTheDayOfASignatureNotTheMoment checks what a proposal's page
// says of each signature: to members, its day (a moment could be matched
// to whatever else the signer did then) and no name for a signer who
// asked for that; to the signer and to data stewards, everything.
func TestOthersSeeTheDayOfASignatureNotTheMoment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		w.openForSignatures(p, "5")
		for _, voter := range []int{20, 21} {
			if err := w.app.Sign(ctx, w.voter(voter), p.ID, voter == 20); err != nil {
				t.Fatal(err)
			}
		}
		today := w.app.Today()
		steward := &rankfile.Actor{Member: w.member(30), Steward: true}
		for _, c := range []struct {
			viewer      *rankfile.Actor
			moments     int
			nameOfFirst string
		}{
			{w.voter(22), 0, ""}, {w.voter(20), 1, "Voter Number020"}, {steward, 2, "Voter Number020"},
		} {
			page, err := w.app.Proposal(ctx, c.viewer, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			moments := 0
			for _, s := range page.Signatures {
				if s.SignedOn != today {
					t.Errorf("%s sees a signature of %v; want the day %v", c.viewer.Name(), s.SignedOn, today)
				}
				if !s.SignedAt.IsZero() {
					moments++
				}
			}
			if moments != c.moments || page.Signatures[0].Name != c.nameOfFirst {
				t.Errorf("%s sees %d moments and the first signer as %q; want %d and %q",
					c.viewer.Name(), moments, page.Signatures[0].Name, c.moments, c.nameOfFirst)
			}
		}
	})
}

// readNote says a note of a proposal's history as an English page does.
func readNote(note string) string {
	la, _ := time.LoadLocation("America/Los_Angeles")
	return locale.For("en").Note(note, la)
}
