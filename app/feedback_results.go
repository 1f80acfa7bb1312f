package app

import (
	"context"
	"maps"
	"slices"

	"github.com/rankfile/rankfile"
)

// What hosts see of feedback: one event's results, the results over any
// set of events (a course's, later), and a series' or a body's by month.
// Every event is counted only when the actor may see its answers
// (rankfile.Actor.CanSeeFeedbackAnswers, which holds the threshold).

// EventFeedbackView is an event's feedback as its hosts see it. Results is
// nil until enough answered: then not even their number is shown.
type EventFeedbackView struct {
	Event   *rankfile.Event
	Asked   bool
	CanSet  bool
	Results *rankfile.FeedbackResults
}

// EventFeedback returns an event's feedback for those who may see it.
func (a *App) EventFeedback(ctx context.Context, actor *rankfile.Actor, eventID int64) (*EventFeedbackView, error) {
	e, trainers, err := a.doorEvent(ctx, actor, eventID) // its trainers see it, though not in its host body
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanSeeFeedback(e, trainers)); err != nil {
		return nil, err
	}
	asked, err := a.feedbackAsked(ctx, []*rankfile.Event{e})
	if err != nil {
		return nil, err
	}
	v := &EventFeedbackView{Event: e, Asked: asked[e.ID], CanSet: actor.CanSetFeedback(e)}
	r, err := a.feedbackOver(ctx, actor, []*rankfile.Event{e})
	if err == nil && r.Shown() {
		v.Results = r
	}
	return v, err
}

// FeedbackOver returns the feedback over the events given by id that the
// actor may see the answers of; the others are left out, counted in
// Withheld when she may see their feedback at all.
func (a *App) FeedbackOver(ctx context.Context, actor *rankfile.Actor, ids []int64) (*rankfile.FeedbackResults, error) {
	var events []*rankfile.Event
	for _, id := range ids {
		e, err := a.findEvent(ctx, actor, id)
		if rankfile.ErrorCode(err) == rankfile.ENOTFOUND || rankfile.ErrorCode(err) == rankfile.EUNAUTHORIZED {
			continue
		} else if err != nil {
			return nil, err
		}
		events = append(events, e)
	}
	return a.feedbackOver(ctx, actor, events)
}

// feedbackOver tallies the answers of the events whose answers the actor
// may see.
func (a *App) feedbackOver(ctx context.Context, actor *rankfile.Actor, events []*rankfile.Event) (*rankfile.FeedbackResults, error) {
	counts, err := a.Feedback.FeedbackCounts(ctx, eventIDs(events))
	if err != nil {
		return nil, err
	}
	var shown []int64
	withheld := 0
	for _, e := range events {
		trainers, err := a.sessionTrainers(ctx, e)
		if err != nil {
			return nil, err
		}
		switch {
		case actor.CanSeeFeedbackAnswers(e, trainers, counts[e.ID]):
			shown = append(shown, e.ID)
		case actor.CanSeeFeedback(e, trainers):
			withheld++
		}
	}
	answers, err := a.Feedback.FeedbackAnswers(ctx, shown)
	if err != nil {
		return nil, err
	}
	r := rankfile.TallyFeedback(answers)
	r.Events, r.Withheld = len(shown), withheld
	return r, nil
}

// FeedbackTrendFilter selects the events of a trend: a series' or those a
// body hosts.
type FeedbackTrendFilter struct {
	SeriesID int64
	BodyID   int64
}

// FeedbackMonth is the feedback over the events of one month.
type FeedbackMonth struct {
	// Month is the month the events started in, where each was held.
	Month   rankfile.Date             `json:"month"`
	Results *rankfile.FeedbackResults `json:"results"`
}

// Bounds on the events one trend reads: those of the last trendYears,
// at most maxTrendEvents.
const (
	maxTrendEvents = 1000
	trendYears     = 2
)

// FeedbackTrends returns the feedback by month, latest first, over the
// events of a series or of a body that ask for feedback, for one who may
// see their feedback. Months with no event shown are left out.
func (a *App) FeedbackTrends(ctx context.Context, actor *rankfile.Actor, f FeedbackTrendFilter) ([]*FeedbackMonth, error) {
	events, err := a.trendEvents(ctx, actor, f)
	if err != nil {
		return nil, err
	}
	byMonth := map[rankfile.Date][]*rankfile.Event{}
	for _, e := range events {
		d := rankfile.DateOf(e.StartsAt.In(e.Location()))
		month := rankfile.MustParseDate(d.String()[:8] + "01")
		byMonth[month] = append(byMonth[month], e)
	}
	var out []*FeedbackMonth
	for _, m := range slices.Backward(slices.SortedFunc(maps.Keys(byMonth), rankfile.Date.Compare)) {
		r, err := a.feedbackOver(ctx, actor, byMonth[m])
		if err != nil {
			return nil, err
		}
		if r.Shown() || r.Withheld > 0 {
			out = append(out, &FeedbackMonth{Month: m, Results: r})
		}
	}
	return out, nil
}

// trendEvents returns the events of a trend the actor may see the
// feedback of, that asked for it and are over.
func (a *App) trendEvents(ctx context.Context, actor *rankfile.Actor, f FeedbackTrendFilter) ([]*rankfile.Event, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	filter := rankfile.EventFilter{BodyID: f.BodyID, From: a.Now().AddDate(-trendYears, 0, 0), To: a.Now(), Scheduled: true, Limit: maxTrendEvents}
	if f.SeriesID != 0 {
		filter.BodyID = 0
	} else if f.BodyID == 0 {
		return nil, rankfile.Errorf(rankfile.EINVALID, "choose a series or a body")
	}
	events, err := a.Events.FindEvents(ctx, filter)
	if err != nil {
		return nil, err
	}
	events = slices.DeleteFunc(events, func(e *rankfile.Event) bool {
		return (f.SeriesID != 0 && e.SeriesID != f.SeriesID) || !actor.CanSeeFeedback(e, nil) || !e.Past(a.Now())
	})
	asked, err := a.feedbackAsked(ctx, events)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(events, func(e *rankfile.Event) bool { return !asked[e.ID] }), nil
}
