package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// The onboarding path's emails, composed when sent, in the member's own
// language: a welcome, and an invitation to the next orientation that
// links to its page (she registers there herself).

// onboardingMessage composes a welcome or an orientation invitation, or
// says why it is no longer owed.
func (a *App) onboardingMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	to, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil || to.Email == "" {
		return nil, "no email address", err
	}
	if n.Kind == rankfile.NoticeWelcome {
		return a.welcomeMessage(to, base, n.ID), "", nil
	}
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{ID: n.EventID})
	if err != nil || len(events) == 0 {
		return nil, "the orientation is gone", err
	}
	if e := events[0]; !e.Cancelled && !e.Past(a.Now()) {
		return orientationMessage(to, e, base, n.ID), "", nil
	}
	return nil, "the orientation is over or cancelled", nil
}

// welcomeMessage welcomes a new member, in her language.
func (a *App) welcomeMessage(to *rankfile.Member, base string, noticeID int64) *rankfile.Message {
	l := locale.For(to.Preferences.Language)
	text := l.T("electionmail.greeting", "Name", to.FirstName) + "\n\n" + l.T("welcomemail.text", "Org", a.Name) + "\n" + base + "/\n"
	return &rankfile.Message{To: to.Email, Subject: l.T("welcomemail.subject", "Org", a.Name),
		Text: text, Kind: "onboarding-welcome", ID: fmt.Sprintf("notice-%d", noticeID)}
}

// orientationMessage invites a new member to an orientation, in her
// language, with what anyone may see of it and a link to its page.
func orientationMessage(to *rankfile.Member, e *rankfile.Event, base string, noticeID int64) *rankfile.Message {
	l := locale.For(to.Preferences.Language)
	var b strings.Builder
	b.WriteString(l.T("electionmail.greeting", "Name", to.FirstName) + "\n\n")
	b.WriteString(l.T("orientationmail.text", "Event", e.Title) + "\n\n")
	writeDetails(&b, l, e.ForViewer(false, false))
	b.WriteString(l.T("orientationmail.link") + "\n" + fmt.Sprintf("%s/events/%d", base, e.ID) + "\n")
	return &rankfile.Message{To: to.Email, Subject: l.T("orientationmail.subject", "Event", e.Title),
		Text: b.String(), Kind: "orientation-invitation", ID: fmt.Sprintf("notice-%d", noticeID)}
}
