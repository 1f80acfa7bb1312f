package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// The email asking an attendee for feedback: queued by the clock an hour
// after the event ends (QueueFeedbackRequests), once an event, and sent
// once by the outbox like every notice. It carries a link of her own,
// made when the email is composed, that opens the form on her phone
// without a password and works for her and that event only.

// QueueFeedbackRequests queues the feedback emails of events that ended
// at least FeedbackEmailAfter ago, while at least a day of their window
// is left (a server down for days does not ask for feedback about to
// close).
func (a *App) QueueFeedbackRequests(ctx context.Context) (int, error) {
	now := a.Now()
	from := now.Add(-rankfile.FeedbackWindow).Add(feedbackEmailLatest)
	return a.Feedback.QueueFeedbackRequests(ctx, from, now.Add(-rankfile.FeedbackEmailAfter))
}

// feedbackEmailLatest is how much of the window must be left for the
// email to go.
const feedbackEmailLatest = 24 * time.Hour

// feedbackMessage composes the feedback email of a notice, or says why it
// is no longer owed: no address, the window closed, she answered.
func (a *App) feedbackMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	to, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil || to.Email == "" {
		return nil, "no email address", err
	}
	events, err := a.Events.FindEvents(ctx, rankfile.EventFilter{ID: n.EventID})
	if err != nil || len(events) == 0 {
		return nil, "the event is gone", err
	}
	e := events[0]
	if err := e.CheckFeedbackOpen(a.Now()); err != nil {
		return nil, rankfile.ErrorMessage(err), nil
	}
	if answered, err := a.Feedback.Answered(ctx, e.ID, to.ID); err != nil || answered {
		return nil, "she gave her feedback already", err
	}
	token, err := a.Feedback.FeedbackLink(ctx, e.ID, to.ID)
	if err != nil {
		return nil, "", err
	}
	return feedbackEmail(to, e, base+"/feedback/"+token, n.ID), "", nil
}

// feedbackEmail asks a member for her feedback, in her language.
func feedbackEmail(to *rankfile.Member, e *rankfile.Event, link string, noticeID int64) *rankfile.Message {
	l := locale.For(to.Preferences.Language)
	var b strings.Builder
	b.WriteString(l.T("electionmail.greeting", "Name", to.FirstName) + "\n\n")
	b.WriteString(l.T("feedbackmail.text", "Event", e.Title, "Days", int(rankfile.FeedbackWindow.Hours()/24)) + "\n\n")
	b.WriteString(l.T("feedbackmail.link") + "\n" + link + "\n\n")
	b.WriteString(l.T("feedbackmail.anonymous") + "\n")
	return &rankfile.Message{To: to.Email, Subject: l.T("feedbackmail.subject", "Event", e.Title),
		Text: b.String(), Kind: "feedback-request", ID: fmt.Sprintf("notice-%d", noticeID)}
}
