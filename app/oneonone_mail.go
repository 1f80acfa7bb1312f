package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// Follow-up reminders: on a conversation's follow-up date its author gets
// one email naming whom to call back. The email names people, never the
// notes, which stay in rankfile.

// QueueFollowUps queues, once a conversation, the reminders of the
// follow-ups due today. The server's clock runs it.
func (a *App) QueueFollowUps(ctx context.Context) (int, error) {
	return a.OneOnOnes.QueueFollowUps(as(ctx, clockActor), a.Today())
}

// followUpMessage composes a follow-up reminder to an organizer, or says
// why it is no longer owed: a later conversation replaced every follow-up.
func (a *App) followUpMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	due, err := a.OneOnOnes.FollowUpsDue(ctx, n.MemberID, a.Today())
	if err != nil || len(due) == 0 {
		return nil, "no follow-up is due any longer", err
	}
	to, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil || to.Email == "" {
		return nil, "no email address", err
	}
	l := locale.For(to.Preferences.Language)
	var lines strings.Builder
	for _, c := range due {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: c.MemberID})
		if err != nil {
			return nil, "", err
		}
		fmt.Fprintf(&lines, "- %s (%s)\n", m.FullName(), l.Date(c.FollowUpOn))
	}
	text := l.T("electionmail.greeting", "Name", to.FirstName) + "\n\n" + l.T("followupmail.text") + "\n\n" +
		lines.String() + "\n" + base + "/people\n"
	return &rankfile.Message{To: to.Email, Subject: l.T("followupmail.subject", "Count", len(due)),
		Text: text, Kind: "follow-up", ID: fmt.Sprintf("notice-%d", n.ID)}, "", nil
}
