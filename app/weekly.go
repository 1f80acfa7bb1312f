package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// The weekly email's operations: the communications team (and admins)
// draft a week's email from the calendar, edit it and send it; the
// server's clock drafts the coming week's on its own from Thursday.

// maxWeeklies bounds the weekly emails listed: two years of them.
const maxWeeklies = 104

// Weeklies lists the weekly emails, the latest week first.
func (a *App) Weeklies(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.WeeklyEmail, error) {
	if err := actor.Require(actor.CanEditWeekly()); err != nil {
		return nil, err
	}
	return a.Weekly.FindWeeklies(ctx, rankfile.WeeklyFilter{Limit: maxWeeklies})
}

// DraftWeekly drafts the weekly email of the week holding day (its Monday
// names it; the zero day is the coming week's). When the week has a
// draft, its events are drawn again from the calendar, keeping the
// editor's words and the events they left out; one already sent is
// returned as it is.
func (a *App) DraftWeekly(ctx context.Context, actor *rankfile.Actor, day rankfile.Date) (*rankfile.WeeklyEmail, error) {
	if err := actor.Require(actor.CanEditWeekly()); err != nil {
		return nil, err
	}
	monday := rankfile.ComingWeek(a.Today())
	if !day.IsZero() {
		monday = day.Monday()
	}
	if monday.Before(a.Today().Monday()) {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the week of %s is over", monday)
	}
	return a.draftWeekly(as(ctx, actor), monday, true)
}

// DraftComingWeekly is the server clock's part: from Thursday on, it
// drafts the coming week's email once. It reports whether it drafted.
func (a *App) DraftComingWeekly(ctx context.Context) (bool, error) {
	today := a.Today()
	if !rankfile.DueForDraft(today) {
		return false, nil
	}
	monday := rankfile.ComingWeek(today)
	found, err := a.Weekly.FindWeeklies(ctx, rankfile.WeeklyFilter{WeekOf: monday})
	if err != nil || len(found) > 0 {
		return false, err
	}
	_, err = a.draftWeekly(as(ctx, clockActor), monday, false)
	return err == nil, err
}

// draftWeekly makes the week's draft, or finds it and, with refresh,
// draws its events again.
func (a *App) draftWeekly(ctx context.Context, monday rankfile.Date, refresh bool) (*rankfile.WeeklyEmail, error) {
	events, err := a.weekEvents(ctx, monday)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	w := &rankfile.WeeklyEmail{WeekOf: monday, EventIDs: ids, Excluded: []int64{}}
	err = a.Weekly.CreateWeekly(ctx, w)
	if rankfile.ErrorCode(err) != rankfile.ECONFLICT {
		return w, err
	}
	found, err := a.Weekly.FindWeeklies(ctx, rankfile.WeeklyFilter{WeekOf: monday})
	if err != nil || len(found) == 0 {
		return nil, err
	}
	if w = found[0]; !refresh || w.Sent() {
		return w, nil
	}
	return a.Weekly.UpdateWeekly(ctx, w.ID, rankfile.WeeklyUpdate{EventIDs: &ids})
}

// weekEvents returns the events that belong in the week's email: those
// scheduled to start within it, where the chapter is.
func (a *App) weekEvents(ctx context.Context, monday rankfile.Date) ([]*rankfile.Event, error) {
	from, to := rankfile.WeekSpan(monday, a.Zone)
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{From: from, To: to, Scheduled: true})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(events, func(e *rankfile.Event) bool { return !rankfile.InWeek(e, from, to) }), nil
}

// UpdateWeekly changes a draft's subject, intro and the events left out.
func (a *App) UpdateWeekly(ctx context.Context, actor *rankfile.Actor, id int64, upd rankfile.WeeklyUpdate) (*rankfile.WeeklyEmail, error) {
	if err := actor.Require(actor.CanEditWeekly()); err != nil {
		return nil, err
	}
	upd.EventIDs = nil // the calendar decides them, through drafting
	return a.Weekly.UpdateWeekly(as(ctx, actor), id, upd)
}

// SendWeekly sends a draft: its notices are queued for every member it
// reaches, and it is marked sent, at once. It is refused once sent, once
// its week is over, when it would reach nobody, and when it carries a
// chapter's events in an installation of several chapters
// (weeklyForEveryChapter).
func (a *App) SendWeekly(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.WeeklyEmail, error) {
	if err := actor.Require(actor.CanEditWeekly()); err != nil {
		return nil, err
	}
	c, err := a.loadWeekly(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := a.weeklyForEveryChapter(ctx, c); err != nil {
		return nil, err
	}
	switch {
	case c.weekly.Sent():
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "this weekly email was sent already")
	case a.weekOver(c.weekly):
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "the week of %s is over", c.weekly.WeekOf)
	}
	aud, err := a.weeklyAudience(ctx, c)
	if err != nil {
		return nil, err
	}
	if len(aud.members) == 0 {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "this email would reach nobody: no member has an event in it, and it has no intro")
	}
	return a.Weekly.SendWeekly(as(ctx, actor), id, aud.members)
}

// weeklyForEveryChapter refuses to send a weekly email that carries a
// chapter's events in an installation of several chapters. There the
// email is the national organization's (README, "Chapters") and goes to
// every member in good standing, so a chapter's events, which the
// calendar draws in with the rest, would reach every chapter's members.
// Nothing yet makes each chapter a weekly email of its own; until then its
// events are to be left out, and the organization's own events and intro
// go out as before. An installation of one chapter sends its chapter's.
func (a *App) weeklyForEveryChapter(ctx context.Context, c *weeklyContent) error {
	chapters, err := a.Chapters(ctx)
	if err != nil || len(chapters) < 2 {
		return err
	}
	n := 0
	for _, it := range c.items {
		if !it.Excluded && slices.ContainsFunc(it.Event.Hosts(), func(id int64) bool { return rankfile.ChapterOf(id, c.bodies) != 0 }) {
			n++
		}
	}
	if n > 0 {
		return rankfile.Errorf(rankfile.ECONFLICT, "this installation holds %d chapters and the weekly email goes to every member of each: to send it, leave out the events of chapters it carries (%d) (a weekly email for each chapter is not built yet)", len(chapters), n)
	}
	return nil
}

// weekOver reports whether the weekly email's week has ended.
func (a *App) weekOver(w *rankfile.WeeklyEmail) bool {
	_, end := rankfile.WeekSpan(w.WeekOf, a.Zone)
	return !a.Now().Before(end)
}
