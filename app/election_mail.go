package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// QueueElectionMail queues the election emails that are due: voting has
// opened (to the roll, with the link), the reminder (to those on the roll
// who have not voted) and the results (to the roll). Each mailing is
// queued once, a notice for each member, and the outbox sends them: a
// server that dies in the middle of a mailing leaves the rest to the
// next sender, and none twice. The server's clock runs it every minute.
func (a *App) QueueElectionMail(ctx context.Context) error {
	elections, err := a.ListElections(ctx, "")
	if err != nil {
		return err
	}
	for _, e := range elections {
		for _, kind := range e.MailDue(a.Now()) {
			n, err := a.Elections.QueueMailing(ctx, e.ID, kind)
			if err != nil {
				return err
			}
			if n > 0 {
				a.Logger.Info("queued election email", "kind", "election-"+kind, "election", e.ID, "notices", n)
			}
		}
	}
	return nil
}

// electionNoticeMessage is a member's email of an election's mailing; a
// reminder to a member who has voted since it was queued is dropped.
func (a *App) electionNoticeMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	kind := rankfile.ElectionMailKind(n.Kind)
	e, err := a.Elections.FindElection(ctx, n.ElectionID)
	if err != nil {
		return nil, "", err
	}
	if kind == rankfile.MailReminder {
		roll, err := a.Elections.Roll(ctx, e.ID, n.MemberID)
		if err != nil {
			return nil, "", err
		}
		if roll.Voted {
			return nil, "voted since the reminder was queued", nil
		}
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil {
		return nil, "", err
	}
	if m.Email == "" {
		return nil, "no email address", nil
	}
	link := fmt.Sprintf("%s/elections/%d", base, e.ID)
	if kind == rankfile.MailResults {
		link += "/results"
	}
	msg := electionMessage(locale.For(m.Preferences.Language), a, e, kind, m, link)
	msg.ID = fmt.Sprintf("notice-%d", n.ID)
	return msg, "", nil
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
