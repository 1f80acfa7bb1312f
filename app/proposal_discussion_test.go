package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/store/storetest"
)

// withMail gives the world's app an SMTP server of its own.
func (w *votingWorld) withMail() *mailtest.Server {
	srv := mailtest.Start(w.t)
	m, err := mail.NewSMTP(srv.Config())
	if err != nil {
		w.t.Fatal(err)
	}
	w.app.Mailer = m
	return srv
}

// qualify opens p with a threshold of n and has voters 20.. sign it.
func (w *votingWorld) qualify(p *rankfile.Proposal, n int) {
	w.t.Helper()
	w.openForSignatures(p, strconv.Itoa(n))
	for i := range n {
		if err := w.app.Sign(ctx, w.voter(20+i), p.ID, false); err != nil {
			w.t.Fatal(err)
		}
	}
	if got := w.proposal(w.voter(3), p.ID).Proposal.Status; got != rankfile.ProposalQualified {
		w.t.Fatalf("after %d signatures: %s", n, got)
	}
}

// TestAmendmentsBecomeVersionsWhenAuthorsAcceptThem has members amend an
// open proposal; an author accepts one as friendly, which becomes version
// 2 with a diff to read; one written against version 1 can then only be
// declined.
func TestAmendmentsBecomeVersionsWhenAuthorsAcceptThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		amended := p.Text
		amended.Resolved = []string{"The chapter forms a tenant organizing campaign with a budget of $2,000."}
		if _, err := w.app.ProposeAmendment(ctx, w.voter(20), p.ID, amended, ""); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("amending a draft one cannot see: %v", err)
		}
		w.openForSignatures(p, "9")
		if err := w.app.Sign(ctx, w.voter(30), p.ID, false); err != nil {
			t.Fatal(err)
		}
		first, err := w.app.ProposeAmendment(ctx, w.voter(20), p.ID, amended, "It needs money.")
		if err != nil || first.BaseVersion != 1 || first.Status != rankfile.AmendmentOpen {
			t.Fatalf("an amendment: %v, %+v", err, first)
		}
		other := p.Text
		other.Whereas = append(other.Whereas, "Evictions doubled;")
		second, err := w.app.ProposeAmendment(ctx, w.voter(21), p.ID, other, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.ProposeAmendment(ctx, w.voter(votingVoters+1), p.ID, other, ""); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a lapsed member amending: %v; want forbidden", err)
		}
		if err := w.app.DecideAmendment(ctx, w.voter(20), p.ID, first.ID, true); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("the amendment's own author accepting it: %v; want forbidden", err)
		}
		if err := w.app.DecideAmendment(ctx, w.voter(3), p.ID, first.ID, true); err != nil {
			t.Fatal(err)
		}
		page := w.proposal(w.voter(40), p.ID)
		if page.Proposal.Version != 2 || page.Proposal.Text.Resolved[0] != amended.Resolved[0] {
			t.Errorf("after accepting: version %d, %q", page.Proposal.Version, page.Proposal.Text.Resolved)
		}
		if page.Signatures[0].Version != 1 {
			t.Errorf("the signature before the amendment records version %d; want 1", page.Signatures[0].Version)
		}
		if err := w.app.DecideAmendment(ctx, w.voter(3), p.ID, first.ID, false); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("deciding an amendment twice: %v; want conflict", err)
		}
		err = w.app.DecideAmendment(ctx, w.voter(4), p.ID, second.ID, true)
		if rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("an invited co-author who has not accepted deciding: %v; want forbidden", err)
		}
		err = w.app.DecideAmendment(ctx, w.voter(3), p.ID, second.ID, true)
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), "version 1") {
			t.Errorf("accepting an amendment to an older version: %v; want conflict naming version 1", err)
		}
		if err := w.app.DecideAmendment(ctx, w.voter(3), p.ID, second.ID, false); err != nil {
			t.Fatal(err)
		}

		d, err := w.app.VersionDiff(ctx, w.voter(40), p.ID, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		var resolved string
		for _, s := range d.Sections {
			if s.Section != "resolved" {
				if s.Changed {
					t.Errorf("section %s changed; only the resolved clause did", s.Section)
				}
				continue
			}
			for _, part := range s.Parts {
				resolved += part.Op + ":" + part.Text + "|"
			}
		}
		if resolved != "same:The chapter forms a tenant organizing campaign|added: with a budget of $2,000|same:.|" {
			t.Errorf("the diff of the resolved clause: %s", resolved)
		}
		if _, err := w.app.VersionDiff(ctx, w.voter(40), p.ID, 1, 3); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a version that does not exist: %v", err)
		}
		history := page.History
		if last := history[len(history)-1]; !strings.Contains(readNote(last.Note), "Voter Number020") {
			t.Errorf("the history does not record whose amendment was accepted: %+v", last)
		}
	})
}

// TestLeadersHideACommentWithAReason has members discuss a proposal and
// an admin hide a comment: the reason is required, shown to members in
// place of the comment, audited and emailed to its author, who still sees
// their words.
func TestLeadersHideACommentWithAReason(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		smtp := w.withMail()
		p := w.newProposal()
		if _, err := w.app.Comment(ctx, w.voter(3), p.ID, "Draft note"); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("commenting on a draft: %v; want conflict", err)
		}
		w.openForSignatures(p, "9")
		kind, err := w.app.Comment(ctx, w.voter(20), p.ID, "Good idea; let's include mobile home parks.")
		if err != nil {
			t.Fatal(err)
		}
		rude, err := w.app.Comment(ctx, w.voter(21), p.ID, "Only an idiot would write this.")
		if err != nil {
			t.Fatal(err)
		}
		for _, body := range []string{"   ", strings.Repeat("x", 5001)} {
			if _, err := w.app.Comment(ctx, w.voter(22), p.ID, body); rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Errorf("a comment of %d characters: %v; want invalid", len(body), err)
			}
		}
		if _, err := w.app.Comment(ctx, w.voter(votingVoters+1), p.ID, "Hello"); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a lapsed member commenting: %v; want forbidden", err)
		}
		if err := w.app.HideComment(ctx, w.voter(3), p.ID, rude.ID, "Insult"); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("an author hiding a comment: %v; want forbidden", err)
		}
		if err := w.app.HideComment(ctx, w.admin, p.ID, rude.ID, " "); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("hiding without a reason: %v; want invalid", err)
		}
		if err := w.app.HideComment(ctx, w.admin, p.ID, rude.ID, "Personal insult (code of conduct 2.1)"); err != nil {
			t.Fatal(err)
		}
		if err := w.app.HideComment(ctx, w.admin, p.ID, rude.ID, "Again"); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("hiding twice: %v; want conflict", err)
		}
		for who, want := range map[*rankfile.Actor]string{w.voter(40): "", w.voter(21): rude.Body, w.admin: rude.Body} {
			c := w.proposal(who, p.ID).Comments[1]
			if !c.Hidden || c.Body != want || c.HiddenReason != "Personal insult (code of conduct 2.1)" {
				t.Errorf("%s sees the hidden comment as %+v; want text %q", who.Name(), c, want)
			}
		}
		if c := w.proposal(w.voter(40), p.ID).Comments[0]; c.Hidden || c.Body != kind.Body {
			t.Errorf("the other comment: %+v", c)
		}
		entries, err := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditHideComment})
		if err != nil || len(entries) != 1 || !strings.Contains(entries[0].Detail, "code of conduct 2.1") {
			t.Errorf("audit of hiding: %v, %+v", err, entries)
		}
		m := smtp.Wait(t, "voter21@example.org", 5*time.Second)
		if !strings.Contains(m.Text, "code of conduct 2.1") || !strings.Contains(m.Text, "Only an idiot") {
			t.Errorf("the author's email says: %s", m.Text)
		}
	})
}

// TestStepsEmailAuthorsAndSigners checks the emails proposals owe: the
// authors when it qualifies, its signers when it is scheduled and when it
// is decided, each once.
func TestStepsEmailAuthorsAndSigners(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		smtp := w.withMail()
		p := w.newProposal()
		if err := w.app.AcceptAuthorship(ctx, w.voter(4), p.ID); err != nil {
			t.Fatal(err)
		}
		w.qualify(p, 2)
		w.sendProposalMail()
		for _, to := range []string{"voter3@example.org", "voter4@example.org"} {
			m := smtp.Wait(t, to, 5*time.Second)
			if !strings.HasPrefix(m.Subject, "Your proposal qualified") || !strings.Contains(m.Text, "Signatures: 2; counting: 2") ||
				!strings.Contains(m.Text, "https://rankfile.example.org/proposals/") {
				t.Errorf("%s got %q: %s", to, m.Subject, m.Text)
			}
		}
		general := &rankfile.Meeting{BodyID: w.chapter.ID, Kind: rankfile.MeetingChapter, Title: "General meeting",
			StartsAt: time.Date(2027, 1, 12, 19, 0, 0, 0, w.now.Location()), Format: rankfile.InPerson,
			Sessions: []*rankfile.MeetingSession{{Name: "Union hall"}}}
		if err := w.app.CreateMeeting(ctx, w.admin, general); err != nil {
			t.Fatal(err)
		}
		if err := w.app.ScheduleProposal(ctx, w.voter(3), p.ID, general.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("an author scheduling: %v; want forbidden", err)
		}
		if err := w.app.DecideProposal(ctx, w.admin, p.ID, true, ""); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("deciding before scheduling: %v; want conflict", err)
		}
		if err := w.app.ScheduleProposal(ctx, w.admin, p.ID, general.ID); err != nil {
			t.Fatal(err)
		}
		w.sendProposalMail()
		for _, to := range []string{"voter20@example.org", "voter21@example.org"} {
			if m := smtp.Wait(t, to, 5*time.Second); !strings.HasPrefix(m.Subject, "On the agenda") || !strings.Contains(m.Text, "General meeting, January 12, 2027 at 7:00 PM") {
				t.Errorf("%s got %q: %s", to, m.Subject, m.Text)
			}
		}
		if err := w.app.DecideProposal(ctx, w.admin, p.ID, true, "Adopted 212 to 40"); err != nil {
			t.Fatal(err)
		}
		for range 2 { // a second run finds nothing more to send
			w.sendProposalMail()
		}
		for _, to := range []string{"voter20@example.org", "voter21@example.org"} {
			if m := smtp.Wait(t, to, 5*time.Second); !strings.HasPrefix(m.Subject, "Adopted") || !strings.Contains(m.Text, "212 to 40") {
				t.Errorf("%s got %q: %s", to, m.Subject, m.Text)
			}
		}
		time.Sleep(200 * time.Millisecond)
		if n := len(smtp.Messages()); n != 6 {
			t.Errorf("%d emails sent; want 6 (2 authors, then 2 signers twice)", n)
		}
		if err := w.app.WithdrawProposal(ctx, w.voter(3), p.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("withdrawing an adopted proposal: %v; want conflict", err)
		}
	})
}

// TestProposalsExpireAtTheirDeadline checks that the clock records a
// proposal that did not qualify in time as expired.
func TestProposalsExpireAtTheirDeadline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p := w.newProposal()
		w.openForSignatures(p, "9")
		if err := w.app.Sign(ctx, w.voter(20), p.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := w.app.CatchUpProposals(ctx); err != nil {
			t.Fatal(err)
		}
		if s := w.proposal(w.voter(3), p.ID).Proposal.Status; s != rankfile.ProposalCollecting {
			t.Fatalf("before the deadline: %s", s)
		}
		w.now = w.now.Add(8 * 24 * time.Hour)
		if err := w.app.CatchUpProposals(ctx); err != nil {
			t.Fatal(err)
		}
		page := w.proposal(w.voter(3), p.ID)
		last := page.History[len(page.History)-1]
		if page.Proposal.Status != rankfile.ProposalExpired || last.Status != rankfile.ProposalExpired ||
			readNote(last.Note) != "Signatures: 1; counting: 1; needed: 9" {
			t.Errorf("after the deadline: %s, last step %+v", page.Proposal.Status, last)
		}
	})
}

// sendProposalMail queues the emails proposals owe and sends the outbox,
// as the server's clock and outbox do.
func (w *votingWorld) sendProposalMail() {
	w.t.Helper()
	if err := w.app.QueueProposalMail(ctx); err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.app.SendOutbox(ctx, "https://rankfile.example.org"); err != nil {
		w.t.Fatal(err)
	}
}
