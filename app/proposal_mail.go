package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// SendProposalMail sends the emails proposals' steps owe: to the authors
// when their proposal qualifies, to its signers when it is scheduled and
// when it is decided. Each step wrote its email as owed in its own
// transaction; each is claimed before it is sent, so it goes once. base
// is the address members reach rankfile at. The server runs it every
// minute, with an SMTP server.
func (a *App) SendProposalMail(ctx context.Context, base string) error {
	due, err := a.Proposals.DueProposalMailings(ctx)
	if err != nil {
		return err
	}
	for _, m := range due {
		claimed, err := a.Proposals.ClaimProposalMailing(ctx, m.ID)
		if err != nil {
			return err
		}
		if claimed {
			if err := a.sendProposalMailing(ctx, m, base); err != nil {
				return err
			}
		}
	}
	return nil
}

// sendProposalMailing sends one owed email to everyone it is for, each in
// their own language.
func (a *App) sendProposalMailing(ctx context.Context, m rankfile.ProposalMailing, base string) error {
	list, err := a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{ID: m.ProposalID})
	if err != nil || len(list) == 0 {
		return err
	}
	p := list[0]
	ids, err := a.proposalMailRecipients(ctx, p, m.Kind)
	if err != nil {
		return err
	}
	note, err := a.lastStepNote(ctx, p.ID)
	if err != nil {
		return err
	}
	link := fmt.Sprintf("%s/proposals/%d", strings.TrimSuffix(base, "/"), p.ID)
	sent := 0
	for _, id := range ids {
		member, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
		if err != nil {
			return err
		}
		if member.Email == "" {
			continue
		}
		msg := proposalMessage(locale.For(member.Preferences.Language), a, p, m.Kind, note, member, link)
		if err := a.Mailer.Send(ctx, msg); err != nil {
			a.Logger.Error("sending proposal email", "kind", msg.Kind, "proposal", p.ID, "err", err)
			continue
		}
		sent++
	}
	a.Logger.Info("sent proposal email", "kind", "proposal-"+m.Kind, "proposal", p.ID, "sent", sent)
	return nil
}

// proposalMailRecipients are the members an email is for: the authors
// who accepted, when it qualifies; its signers otherwise.
func (a *App) proposalMailRecipients(ctx context.Context, p *rankfile.Proposal, kind string) ([]int64, error) {
	var ids []int64
	if kind == rankfile.MailProposalQualified {
		for _, au := range p.Authors {
			if au.Accepted {
				ids = append(ids, au.MemberID)
			}
		}
		return ids, nil
	}
	sigs, err := a.Proposals.Signatures(ctx, p.ID)
	for _, s := range sigs {
		ids = append(ids, s.MemberID)
	}
	return ids, err
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
