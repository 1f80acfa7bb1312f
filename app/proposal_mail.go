package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// QueueProposalMail queues the emails proposals' steps owe: to the
// authors when their proposal qualifies, to its signers when it is
// scheduled and when it is decided. Each step wrote its email as owed in
// its own transaction; each is queued once, a notice for each member, and
// the outbox sends them, none twice. The server's clock runs it every
// minute.
func (a *App) QueueProposalMail(ctx context.Context) error {
	n, err := a.Proposals.QueueProposalMail(ctx)
	if n > 0 {
		a.Logger.Info("queued proposal email", "notices", n)
	}
	return err
}

// proposalNoticeMessage is a member's email of a proposal's mailing, in
// their own language.
func (a *App) proposalNoticeMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	list, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: n.ProposalID})
	if err == nil && len(list) == 0 {
		err = rankfile.Errorf(rankfile.ENOTFOUND, "no such proposal")
	}
	if err != nil {
		return nil, "", fmt.Errorf("notice %d: proposal %d: %w", n.ID, n.ProposalID, err)
	}
	p := list[0]
	note, err := a.lastStepNote(ctx, p.ID)
	if err != nil {
		return nil, "", err
	}
	member, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil {
		return nil, "", err
	}
	if member.Email == "" {
		return nil, "no email address", nil
	}
	link := fmt.Sprintf("%s/proposals/%d", base, p.ID)
	msg := proposalMessage(locale.For(member.Preferences.Language), a, p, rankfile.ProposalMailKind(n.Kind), note, member, link)
	msg.ID = fmt.Sprintf("notice-%d", n.ID)
	return msg, "", nil
}

// lastStepNote is the note of the proposal's latest step: the meeting it
// was scheduled for, or what was decided.
func (a *App) lastStepNote(ctx context.Context, id int64) (string, error) {
	history, err := a.Proposals.ProposalHistory(ctx, id)
	if err != nil || len(history) == 0 {
		return "", err
	}
	return history[len(history)-1].Note, nil
}

// proposalMessage is one member's email about a proposal's step.
func proposalMessage(l *locale.Localizer, a *App, p *rankfile.Proposal, kind, note string, m *rankfile.Member, link string) *rankfile.Message {
	key := "proposalmail." + kind
	if kind == rankfile.MailProposalDecided {
		key += "." + string(p.Status)
	}
	var b strings.Builder
	b.WriteString(l.T("proposalmail.greeting", "Name", m.FirstName) + "\n\n")
	b.WriteString(l.T(key+".text", "Title", p.Title, "Org", a.Name, "Count", l.Note(p.Signatures.Note(), a.Zone)) + "\n")
	if note != "" {
		b.WriteString("\n" + l.Note(note, a.Zone) + "\n")
	}
	b.WriteString("\n" + link + "\n")
	return &rankfile.Message{To: m.Email, Subject: l.T(key+".subject", "Title", p.Title), Text: b.String(),
		Kind: "proposal-" + kind}
}
