package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Feedback after events: the form, reached signed in from the event or,
// without a password, through the link each attendee is emailed, and the
// answer it takes. Whether she was checked in, whether she answered
// already and whether the window is open are checked again by the store
// in the transaction that stores the answer.

// FeedbackInput is what the form sends: a score for each question of the
// current form, the free text, and whether she signs with her name.
type FeedbackInput struct {
	Scores []int  `json:"scores"`
	Text   string `json:"text"`
	Sign   bool   `json:"sign"`
}

// FeedbackFormView is what the form page shows.
type FeedbackFormView struct {
	Event *rankfile.Event
	Form  rankfile.FeedbackForm
	// Name is the name she would sign with; Language her language, for
	// a page reached by her link.
	Name     string
	Language string
	// Answered says she answered already; Closed why the form takes no
	// answer now ("" when it does).
	Answered bool
	Closed   string
}

// FeedbackForm returns the form of an event for the signed-in actor.
func (a *App) FeedbackForm(ctx context.Context, actor *rankfile.Actor, eventID int64) (*FeedbackFormView, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return nil, err
	}
	return a.feedbackForm(ctx, e, actor.Member)
}

// FeedbackFormByLink returns the form a member's emailed link opens. The
// link is the permission: it names one member and one event.
func (a *App) FeedbackFormByLink(ctx context.Context, token string) (*FeedbackFormView, error) {
	e, m, err := a.feedbackLink(ctx, token)
	if err != nil {
		return nil, err
	}
	return a.feedbackForm(ctx, e, m)
}

func (a *App) feedbackForm(ctx context.Context, e *rankfile.Event, m *rankfile.Member) (*FeedbackFormView, error) {
	v := &FeedbackFormView{Event: e.ForViewer(false, false), Form: rankfile.CurrentFeedbackForm(), Name: m.FullName(),
		Language: m.Preferences.Language}
	if err := a.checkFeedbackAsked(ctx, e); err != nil {
		return nil, err
	}
	var err error
	if v.Answered, err = a.Feedback.Answered(ctx, e.ID, m.ID); err != nil {
		return nil, err
	}
	if err := e.CheckFeedbackOpen(a.Now()); err != nil {
		v.Closed = rankfile.ErrorMessage(err)
	}
	return v, nil
}

// feedbackLink returns the event and the member of a link.
func (a *App) feedbackLink(ctx context.Context, token string) (*rankfile.Event, *rankfile.Member, error) {
	eventID, memberID, err := a.Feedback.FindFeedbackLink(ctx, token)
	if err != nil {
		return nil, nil, err
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return nil, nil, err
	}
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{ID: eventID})
	if err == nil && len(events) == 0 {
		err = rankfile.Errorf(rankfile.ENOTFOUND, "no such event")
	}
	if err != nil {
		return nil, nil, err
	}
	return events[0], m, nil
}

// checkFeedbackAsked refuses an event that asks for no feedback.
func (a *App) checkFeedbackAsked(ctx context.Context, e *rankfile.Event) error {
	asked, err := a.feedbackAsked(ctx, []*rankfile.Event{e})
	if err != nil || asked[e.ID] {
		return err
	}
	return rankfile.Errorf(rankfile.ENOTFOUND, "this event asks for no feedback")
}

// feedbackAsked reports for each event whether it asks for feedback.
func (a *App) feedbackAsked(ctx context.Context, events []*rankfile.Event) (map[int64]bool, error) {
	ids := eventIDs(events)
	settings, err := a.Feedback.FeedbackSettings(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	for _, e := range events {
		var setting *bool
		if s, ok := settings[e.ID]; ok {
			setting = &s
		}
		out[e.ID] = rankfile.FeedbackAsked(e, setting)
	}
	return out, nil
}

func eventIDs(events []*rankfile.Event) []int64 {
	ids := make([]int64, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	return ids
}

// GiveFeedback stores the signed-in actor's answer about an event.
// EINVALID for an answer out of range or too long, ECONFLICT outside the
// window or for a second answer, EFORBIDDEN for one not checked in.
func (a *App) GiveFeedback(ctx context.Context, actor *rankfile.Actor, eventID int64, in FeedbackInput) error {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return err
	}
	return a.giveFeedback(ctx, e, actor.Member, in)
}

// GiveFeedbackByLink stores the answer of the member whose link it is.
func (a *App) GiveFeedbackByLink(ctx context.Context, token string, in FeedbackInput) error {
	e, m, err := a.feedbackLink(ctx, token)
	if err != nil {
		return err
	}
	return a.giveFeedback(ctx, e, m, in)
}

func (a *App) giveFeedback(ctx context.Context, e *rankfile.Event, m *rankfile.Member, in FeedbackInput) error {
	if err := a.checkFeedbackAsked(ctx, e); err != nil {
		return err
	}
	answer := &rankfile.FeedbackAnswer{EventID: e.ID, FormVersion: rankfile.CurrentFeedbackForm().Version,
		Scores: in.Scores, Text: in.Text}
	if in.Sign {
		answer.SignedBy = m.FullName()
	}
	return a.Feedback.SubmitFeedback(ctx, m.ID, answer)
}

// SetFeedbackAsked records whether an event asks its attendees for
// feedback, for those who manage it: trainings do unless they say not,
// other events only when they say so.
func (a *App) SetFeedbackAsked(ctx context.Context, actor *rankfile.Actor, eventID int64, asked bool) error {
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanSetFeedback(e)); err != nil {
		return err
	}
	return a.Feedback.SetFeedbackAsked(ctx, e.ID, asked)
}

// FeedbackLinks says which of an event's feedback pages the reader may
// open.
type FeedbackLinks struct {
	// Give: she was checked in, the event asks for feedback, the window
	// is open and she has not answered.
	Give bool
	// Results: she may see the event's feedback; its page is also where
	// she chooses whether the event asks for it, before or after.
	Results bool
}

// EventFeedbackLinks says which feedback pages of an event, as the actor
// sees it, the event's page links to.
func (a *App) EventFeedbackLinks(ctx context.Context, actor *rankfile.Actor, v *EventView) (FeedbackLinks, error) {
	e := v.Event
	l := FeedbackLinks{Results: actor.CanSeeFeedback(e, v.trainers)}
	if !actor.SignedIn() || v.Mine == nil || !v.Mine.Attended() || e.CheckFeedbackOpen(a.Now()) != nil {
		return l, nil
	}
	asked, err := a.feedbackAsked(ctx, []*rankfile.Event{e})
	if err != nil || !asked[e.ID] {
		return l, err
	}
	answered, err := a.Feedback.Answered(ctx, e.ID, actor.ID())
	l.Give = !answered
	return l, err
}
