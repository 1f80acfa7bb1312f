package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// The emails a meeting's change owes its body's members: the new time and
// places, or that it is called off and why, in each member's language.

// meetingNoticeMessage composes a notice about a meeting, or says why it
// is no longer owed.
func (a *App) meetingNoticeMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	list, err := a.Meetings.FindMeetings(ctx, rankfile.MeetingFilter{ID: n.MeetingID})
	if err != nil {
		return nil, "", err
	}
	if len(list) == 0 {
		return nil, "the meeting is gone", nil
	}
	m := list[0]
	switch {
	case m.Over(a.Now()):
		return nil, "the meeting is over", nil
	case n.Kind == rankfile.NoticeMeetingMoved && m.Cancelled():
		return nil, "the meeting was cancelled since", nil
	}
	member, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil {
		return nil, "", err
	}
	if member.Email == "" {
		return nil, "no email address", nil
	}
	l := locale.For(member.Preferences.Language)
	kind := strings.TrimPrefix(string(n.Kind), "meeting_")
	var b strings.Builder
	b.WriteString(l.T("electionmail.greeting", "Name", member.FirstName) + "\n\n")
	b.WriteString(l.T("meetingmail."+kind+".text", "Meeting", m.Title, "Reason", m.CancelReason) + "\n\n")
	if n.Kind == rankfile.NoticeMeetingMoved {
		writeMeetingDetails(&b, l, m, a)
	}
	b.WriteString(l.T("eventmail.link") + "\n" + fmt.Sprintf("%s/meetings/%d", strings.TrimSuffix(base, "/"), m.ID) + "\n")
	return &rankfile.Message{To: member.Email, Subject: l.T("meetingmail."+kind+".subject", "Meeting", m.Title),
		Text: b.String(), Kind: "meeting-" + kind, ID: fmt.Sprintf("notice-%d", n.ID)}, "", nil
}

// writeMeetingDetails writes when the meeting is, and where each session
// meets.
func writeMeetingDetails(b *strings.Builder, l *locale.Localizer, m *rankfile.Meeting, a *App) {
	when := l.DateTime(m.StartsAt, a.Zone)
	if !m.EndsAt.IsZero() {
		when += " – " + m.EndsAt.In(a.Zone).Format("15:04")
	}
	b.WriteString(l.T("eventmail.when") + " " + when + "\n")
	for _, s := range m.Sessions {
		line := s.Name
		for _, v := range []string{s.Place, s.Link} {
			if v != "" {
				line += " · " + v
			}
		}
		b.WriteString("- " + line + "\n")
	}
	b.WriteString("\n")
}
