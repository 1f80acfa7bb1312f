package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// A member's copy of the weekly email is composed when the outbox sends
// it, not when it is queued: in the language the member reads then, with
// the events as they stand then (one cancelled since drops out), and with
// an unsubscribe link of its own. It is plain text, as rankfile's other
// emails are; the intro goes in as written, markdown being readable as it
// is.

// WeeklySubject is the subject of a weekly email in a language: the one
// its editor wrote, else "Week of March 23".
func WeeklySubject(l *locale.Localizer, w *rankfile.WeeklyEmail) string {
	if w.Subject != "" {
		return w.Subject
	}
	month := l.Month(w.WeekOf.Month)
	return l.T("weeklymail.subject", "Month", month, "Day", w.WeekOf.Day)
}

// weeklyReads keeps the weekly emails read for one batch of the outbox,
// whose copies, one per member, all carry the same email and events. A
// new batch reads them again, so that a change shows within seconds.
type weeklyReads map[int64]*weeklyContent

func (r weeklyReads) load(ctx context.Context, a *App, id int64) (*weeklyContent, error) {
	if c, ok := r[id]; ok {
		return c, nil
	}
	c, err := a.loadWeekly(ctx, id)
	if err == nil {
		r[id] = c
	}
	return c, err
}

// weeklyMessage composes a member's copy of a weekly email, or says why it
// is no longer owed: the week is over, the member no longer gets it (they
// turned it off, lapsed, or have no address), or nothing in it is for them
// any more.
func (a *App) weeklyMessage(ctx context.Context, n *rankfile.Notice, base string, weeklies weeklyReads) (*rankfile.Message, string, error) {
	c, err := weeklies.load(ctx, a, n.WeeklyID)
	if err != nil {
		return nil, "", fmt.Errorf("notice %d: weekly email %d: %w", n.ID, n.WeeklyID, err)
	}
	if a.weekOver(c.weekly) {
		return nil, "the week is over", nil
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil {
		return nil, "", err
	}
	if !m.GetsWeekly(a.Today()) {
		return nil, "the member no longer gets the weekly email", nil
	}
	belongs, err := a.memberBelongs(ctx, m)
	if err != nil {
		return nil, "", err
	}
	events := c.copyFor(m.Branch.ID(), belongs)
	if !c.weekly.WorthSending(len(events)) {
		return nil, "nothing in it is for the member any more", nil
	}
	token, err := a.Weekly.UnsubscribeToken(ctx, m.ID)
	if err != nil {
		return nil, "", err
	}
	l := locale.For(m.Preferences.Language)
	cp := &weeklyCopy{l: l, c: c, m: m, events: events, base: base, unsubscribe: base + "/unsubscribe/" + token}
	return &rankfile.Message{To: m.Email, Subject: WeeklySubject(l, c.weekly), Text: cp.text(a.Name),
		Kind: "weekly", ID: fmt.Sprintf("notice-%d", n.ID), Unsubscribe: cp.unsubscribe}, "", nil
}

// weeklyCopy is one member's copy of a weekly email, being written.
type weeklyCopy struct {
	l                 *locale.Localizer
	c                 *weeklyContent
	m                 *rankfile.Member
	events            []*rankfile.Event
	base, unsubscribe string
	b                 strings.Builder
}

// text writes the copy: greeting, intro, the events day by day, and how
// to stop it.
func (cp *weeklyCopy) text(org string) string {
	l := cp.l
	cp.b.WriteString(l.T("electionmail.greeting", "Name", cp.m.FirstName) + "\n\n")
	if intro, english := cp.c.weekly.IntroIn(l.Lang()); intro != "" {
		if english {
			cp.b.WriteString(l.T("weeklymail.intro.english") + "\n\n")
		}
		cp.b.WriteString(intro + "\n\n")
	}
	cp.writeEvents()
	cp.b.WriteString("-- \n" + l.T("weeklymail.why", "Org", org) + "\n")
	cp.b.WriteString(l.T("weeklymail.unsubscribe") + "\n" + cp.unsubscribe + "\n")
	cp.b.WriteString(l.T("weeklymail.profile") + "\n" + cp.base + "/profile\n")
	return cp.b.String()
}

// writeEvents writes the events under their days, or that there are none.
func (cp *weeklyCopy) writeEvents() {
	l := cp.l
	if b := cp.c.bodies[cp.m.Branch.ID()]; b != nil {
		cp.b.WriteString(l.T("weeklymail.lead.branch", "Branch", b.Name) + "\n\n")
	} else {
		cp.b.WriteString(l.T("weeklymail.lead.chapter") + "\n\n")
	}
	if len(cp.events) == 0 {
		cp.b.WriteString(l.T("weeklymail.none") + "\n\n")
	}
	var day rankfile.Date
	for _, e := range cp.events {
		if d := rankfile.DateOf(e.StartsAt.In(e.Location())); d != day {
			day = d
			cp.b.WriteString(strings.ToUpper(l.Day(d)) + "\n\n")
		}
		cp.writeEvent(e)
	}
}

// writeEvent writes one event: what, when in its own time zone, where,
// whether one registers, and its page.
func (cp *weeklyCopy) writeEvent(e *rankfile.Event) {
	l := cp.l
	cp.b.WriteString("* " + e.Title + "\n")
	cp.b.WriteString("  " + l.Hours(e.StartsAt, e.EndsAt, e.Location()) + "\n")
	if e.Address != "" {
		cp.b.WriteString("  " + e.Address + "\n")
	}
	if e.OnlineURL != "" {
		cp.b.WriteString("  " + l.T("weeklymail.online", "Link", e.OnlineURL) + "\n")
	}
	if host := cp.c.bodies[e.BodyID]; host != nil && e.Audience == rankfile.AudienceBody {
		cp.b.WriteString("  " + l.T("weeklymail.forbody", "Body", host.Name) + "\n")
	}
	switch {
	case e.Registration && e.Full():
		cp.b.WriteString("  " + l.T("weeklymail.full") + "\n")
	case e.Registration:
		cp.b.WriteString("  " + l.T("weeklymail.register") + "\n")
	}
	cp.b.WriteString(fmt.Sprintf("  %s/events/%d\n\n", cp.base, e.ID))
}
