package app

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/icalendar"
	"github.com/rankfile/rankfile/locale"
)

// recipient is who a notice is for, as its email needs them.
type recipient struct {
	email, name string
	l           *locale.Localizer
	// link is their way to the event: its page for a member, who signs
	// in; their registration's secret link for a contact, who does not.
	link string
}

// noticeMessage composes the email a notice owes, or returns why it is no
// longer owed: the event is over, the registration changed since, or
// there is no address to send to.
func (a *App) noticeMessage(ctx context.Context, n *rankfile.Notice, base string, weeklies weeklyReads) (*rankfile.Message, string, error) {
	base = strings.TrimSuffix(base, "/")
	if n.Kind == rankfile.NoticeWeekly {
		return a.weeklyMessage(ctx, n, base, weeklies)
	}
	if n.Kind == rankfile.NoticeTermEnding {
		return a.termMessage(ctx, n, base)
	}
	if n.Kind == rankfile.NoticeFollowUp {
		return a.followUpMessage(ctx, n, base)
	}
	if n.Kind == rankfile.NoticeQualificationLapsing {
		return a.lapseMessage(ctx, n, base)
	}
	if n.Kind == rankfile.NoticeCourseNotOffered {
		return a.unofferedMessage(ctx, n, base)
	}
	if n.Kind == rankfile.NoticeWelcome || n.Kind == rankfile.NoticeOrientationInvite {
		return a.onboardingMessage(ctx, n, base)
	}
	if n.Kind == rankfile.NoticeFeedback {
		return a.feedbackMessage(ctx, n, base)
	}
	if n.MeetingID != 0 {
		return a.meetingNoticeMessage(ctx, n, base)
	}
	if n.ElectionID != 0 {
		return a.electionNoticeMessage(ctx, n, base)
	}
	if n.ProposalID != 0 {
		return a.proposalNoticeMessage(ctx, n, base)
	}
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{ID: n.EventID})
	if err == nil && len(events) == 0 {
		err = rankfile.Errorf(rankfile.ENOTFOUND, "no such event")
	}
	if err != nil {
		return nil, "", fmt.Errorf("notice %d: event %d: %w", n.ID, n.EventID, err)
	}
	e := events[0]
	reg, err := a.Events.FindRegistration(ctx, n.RegistrationID)
	if err != nil {
		return nil, "", err
	}
	if why := stale(n, e, reg, a.Now()); why != "" {
		return nil, why, nil
	}
	to, err := a.recipientOf(ctx, reg, e, base)
	if err != nil || to.email == "" {
		return nil, "no email address", err
	}
	return a.eventMessage(n, e.ForViewer(reg.Holds(), false), reg, to, base)
}

// stale says why a notice is no longer worth sending, or "".
func stale(n *rankfile.Notice, e *rankfile.Event, reg *rankfile.Registration, now time.Time) string {
	switch {
	case n.Kind == rankfile.NoticeCancelled:
		if now.After(e.StartsAt) {
			return "the cancelled event's time has passed"
		}
	case e.Past(now):
		return "the event is over"
	case e.Cancelled:
		return "the event is cancelled"
	case n.Kind == rankfile.NoticeConfirm:
		if reg.Status != rankfile.Unconfirmed || reg.Expired(now) {
			return "the registration was confirmed, cancelled or lapsed since"
		}
	case n.Kind == rankfile.NoticeWaitlisted && reg.Status != rankfile.Waitlisted,
		n.Kind == rankfile.NoticeMoved && reg.Status == rankfile.Cancelled,
		n.Kind != rankfile.NoticeWaitlisted && n.Kind != rankfile.NoticeMoved && !reg.Holds():
		return "the registration changed since"
	}
	return ""
}

func (a *App) recipientOf(ctx context.Context, reg *rankfile.Registration, e *rankfile.Event, base string) (*recipient, error) {
	if reg.ContactID != 0 {
		c, err := a.Events.FindContact(ctx, reg.ContactID)
		if err != nil {
			return nil, err
		}
		return &recipient{email: c.Email, name: firstWord(c.Name), l: locale.For(c.Language),
			link: base + "/registrations/" + reg.Token}, nil
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: reg.MemberID})
	if err != nil {
		return nil, err
	}
	return &recipient{email: m.Email, name: m.FirstName, l: locale.For(m.Preferences.Language),
		link: fmt.Sprintf("%s/events/%d", base, e.ID)}, nil
}

func firstWord(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

// eventMessage is the email of a notice about an event.
func (a *App) eventMessage(n *rankfile.Notice, e *rankfile.Event, reg *rankfile.Registration, to *recipient, base string) (*rankfile.Message, string, error) {
	l := to.l
	kind := string(n.Kind)
	var b strings.Builder
	b.WriteString(l.T("electionmail.greeting", "Name", to.name) + "\n\n")
	b.WriteString(l.T("eventmail."+kind+".text", "Event", e.Title, "Org", a.Name, "Place", reg.Place,
		"Until", l.DateTime(reg.ExpiresAt, e.Location())) + "\n\n")
	if n.Kind != rankfile.NoticeCancelled {
		writeDetails(&b, l, e)
	}
	link := "eventmail.link"
	if n.Kind == rankfile.NoticeConfirm {
		link = "eventmail.confirm.link"
	}
	b.WriteString(l.T(link) + "\n" + to.link + "\n")
	msg := &rankfile.Message{To: to.email, Subject: l.T("eventmail."+kind+".subject", "Event", e.Title),
		Text: b.String(), Kind: "event-" + kind, ID: fmt.Sprintf("notice-%d", n.ID)}
	if n.Kind != rankfile.NoticeWaitlisted && n.Kind != rankfile.NoticeConfirm { // neither holds a seat yet
		ics, err := a.eventFile(e, to.link, base)
		if err != nil {
			return nil, "", err
		}
		msg.Attachments = []rankfile.Attachment{{Name: "event.ics", ContentType: icalendar.ContentType, Data: ics}}
	}
	return msg, "", nil
}

// writeDetails writes when and where, and what only a seat holder sees
// when e, as the recipient sees it, carries it.
func writeDetails(b *strings.Builder, l *locale.Localizer, e *rankfile.Event) {
	loc := e.Location()
	line := func(key, value string) {
		if value != "" {
			b.WriteString(l.T(key) + " " + value + "\n")
		}
	}
	line("eventmail.when", l.DateTime(e.StartsAt, loc)+" – "+l.Clock(e.EndsAt.In(loc)))
	line("eventmail.where", e.Address)
	if e.Address != "" {
		line("eventmail.map", MapLink(e.Address))
	}
	line("eventmail.online", e.OnlineURL)
	line("eventmail.private", e.PrivateDetails)
	line("eventmail.accessibility", e.Accessibility)
	line("eventmail.safety", e.Safety)
	b.WriteString("\n")
}

// MapLink returns a link that shows an address on OpenStreetMap.
func MapLink(address string) string {
	return "https://www.openstreetmap.org/search?query=" + url.QueryEscape(address)
}

// eventFile is the .ics file of one event, as its recipient sees it.
func (a *App) eventFile(e *rankfile.Event, link, base string) ([]byte, error) {
	var b bytes.Buffer
	err := icalendar.Write(&b, &icalendar.Calendar{Name: a.Name, Host: icalendar.HostOf(base), Events: []*rankfile.Event{e},
		Link: func(*rankfile.Event) string { return link }, Stamp: a.Now()})
	return b.Bytes(), err
}
