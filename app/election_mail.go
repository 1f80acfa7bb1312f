package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// SendElectionMail sends the election emails that are due: voting has
// opened (to the roll, with the link), the reminder (to those on the roll
// who have not voted) and the results (to the roll). Each goes once: it is
// claimed in the database before it is sent. base is the address members
// reach rankfile at. The server runs it every minute, with an SMTP server.
func (a *App) SendElectionMail(ctx context.Context, base string) error {
	elections, err := a.ListElections(ctx, "")
	if err != nil {
		return err
	}
	for _, e := range elections {
		for _, kind := range e.MailDue(a.Now()) {
			if err := a.sendMailing(ctx, e, kind, base); err != nil {
				return err
			}
		}
	}
	return nil
}

// sendMailing sends one of an election's emails to everyone it is for,
// each in their own language, unless it was sent already.
func (a *App) sendMailing(ctx context.Context, e *rankfile.Election, kind, base string) error {
	claimed, err := a.Elections.ClaimMailing(ctx, e.ID, kind)
	if err != nil || !claimed {
		return err
	}
	ids, err := a.Elections.RollMembers(ctx, e.ID, kind == rankfile.MailReminder)
	if err != nil {
		return err
	}
	link := fmt.Sprintf("%s/elections/%d", strings.TrimSuffix(base, "/"), e.ID)
	if kind == rankfile.MailResults {
		link += "/results"
	}
	sent := 0
	for _, id := range ids {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
		if err != nil {
			return err
		}
		if m.Email == "" {
			continue
		}
		if err := a.Mailer.Send(ctx, electionMessage(locale.For(m.Preferences.Language), a, e, kind, m, link)); err != nil {
			a.Logger.Error("sending election email", "kind", "election-"+kind, "election", e.ID, "err", err)
			continue
		}
		sent++
	}
	a.Logger.Info("sent election email", "kind", "election-"+kind, "election", e.ID, "sent", sent, "roll", len(ids))
	return nil
}

// electionMessage is one member's email of a kind.
func electionMessage(l *locale.Localizer, a *App, e *rankfile.Election, kind string, m *rankfile.Member, link string) *rankfile.Message {
	var b strings.Builder
	b.WriteString(l.T("electionmail.greeting", "Name", m.FirstName) + "\n\n")
	b.WriteString(l.T("electionmail."+kind+".text", "Election", e.Title, "Org", a.Name,
		"Close", l.DateTime(e.VotingClose, a.Zone)) + "\n\n")
	b.WriteString(link + "\n")
	return &rankfile.Message{To: m.Email, Subject: l.T("electionmail."+kind+".subject", "Election", e.Title),
		Text: b.String(), Kind: "election-" + kind}
}
