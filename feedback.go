package rankfile

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Feedback after events: those checked in at a training (or at any event
// whose hosts ask for it) rate it on a few scaled questions and may write
// a few lines, once, from when it ends until FeedbackWindow later. An
// hour after the end each of them gets an email with a link of her own
// that opens the form without a password.
//
// Answers are anonymous: the store keeps who answered apart from what was
// answered, with nothing shared between the two (no id, no time, no order
// of rows; see store/feedback.go), as elections keep the roll apart from
// the ballot box. A member may sign her answer with her name. Hosts see
// the results only once FeedbackThreshold people answered, so that a
// handful of answers names nobody.

// Feedback limits and timing.
const (
	// FeedbackThreshold is how many answers an event needs before its
	// hosts see any of them.
	FeedbackThreshold = 5
	// FeedbackWindow is how long after an event ends its attendees may
	// answer.
	FeedbackWindow = 14 * 24 * time.Hour
	// FeedbackEmailAfter is how long after an event ends its attendees
	// are emailed the link to the form.
	FeedbackEmailAfter = time.Hour
	// MaxFeedbackText is how long the free text may be, in characters.
	MaxFeedbackText = 2000
	// FeedbackScale is the top of every scaled question (1 to 5).
	FeedbackScale = 5
)

// NoticeFeedback emails an attendee the link to an event's feedback form.
const NoticeFeedback NoticeKind = "feedback_request"

// FeedbackForm is one version of the questions. A form is never changed
// once answers may use it: a new wording is a new version, so that old
// answers keep the questions they answered. Each question is a message
// key under "feedback.q." in both catalogs.
type FeedbackForm struct {
	Version   int      `json:"version"`
	Questions []string `json:"questions"`
}

// FeedbackForms lists every version of the form, the current one last.
var FeedbackForms = []FeedbackForm{
	{Version: 1, Questions: []string{"useful", "facilitated", "ready"}},
}

// CurrentFeedbackForm returns the form new answers use.
func CurrentFeedbackForm() FeedbackForm { return FeedbackForms[len(FeedbackForms)-1] }

// FeedbackFormVersion returns the form of a version, and whether there is
// one.
func FeedbackFormVersion(v int) (FeedbackForm, bool) {
	i := slices.IndexFunc(FeedbackForms, func(f FeedbackForm) bool { return f.Version == v })
	if i < 0 {
		return FeedbackForm{}, false
	}
	return FeedbackForms[i], true
}

// FeedbackAnswer is one person's answer, as stored: nothing in it says who
// gave it unless she signed it.
type FeedbackAnswer struct {
	EventID     int64  `json:"event_id"`
	FormVersion int    `json:"form_version"`
	Scores      []int  `json:"scores"`
	Text        string `json:"text,omitempty"`
	// SignedBy is the name she chose to sign with; "" for anonymous.
	SignedBy string `json:"signed_by,omitempty"`
}

// Validate checks an answer against its form and tidies its text.
// EINVALID says what is wrong.
func (a *FeedbackAnswer) Validate() error {
	a.Text = strings.TrimSpace(a.Text)
	form, ok := FeedbackFormVersion(a.FormVersion)
	switch {
	case !ok:
		return Errorf(EINVALID, "unknown version %d of the feedback form", a.FormVersion)
	case len(a.Scores) != len(form.Questions):
		return Errorf(EINVALID, "answer each of the %d questions", len(form.Questions))
	case utf8.RuneCountInString(a.Text) > MaxFeedbackText:
		return Errorf(EINVALID, "write at most %d characters; this has %d", MaxFeedbackText, utf8.RuneCountInString(a.Text))
	}
	for _, s := range a.Scores {
		if s < 1 || s > FeedbackScale {
			return Errorf(EINVALID, "answer each question from 1 to %d", FeedbackScale)
		}
	}
	return nil
}

// FeedbackAsked reports whether an event asks its attendees for feedback:
// its hosts' setting when they chose one, else whether it is a training.
func FeedbackAsked(e *Event, setting *bool) bool {
	if setting != nil {
		return *setting
	}
	return e.Kind == EventTraining
}

// FeedbackCloses returns when an event stops taking feedback.
func (e *Event) FeedbackCloses() time.Time { return e.EndsAt.Add(FeedbackWindow) }

// CheckFeedbackOpen says why an event takes no feedback at t, if it does
// not: before it ends, once the window closed, or cancelled.
func (e *Event) CheckFeedbackOpen(t time.Time) error {
	switch {
	case e.Cancelled:
		return Errorf(ECONFLICT, "this event was cancelled: there is nothing to give feedback on")
	case t.Before(e.EndsAt):
		return Errorf(ECONFLICT, "feedback opens when the event ends")
	case !t.Before(e.FeedbackCloses()):
		return Errorf(ECONFLICT, "feedback on this event closed %d days after it ended", FeedbackWindow/(24*time.Hour))
	}
	return nil
}

// FeedbackService keeps feedback, who gave it (apart) and the links
// emailed to attendees.
type FeedbackService interface {
	// SubmitFeedback stores the member's answer about an event and
	// records, apart, that she answered. ENOTFOUND for no such event,
	// ECONFLICT outside the window or for a second answer, EFORBIDDEN when
	// she was not checked in at the event; nothing is stored then.
	SubmitFeedback(ctx context.Context, memberID int64, a *FeedbackAnswer) error
	// Answered reports whether the member answered about the event.
	Answered(ctx context.Context, eventID, memberID int64) (bool, error)
	// FeedbackAnswers returns the answers about the events, in an order
	// that says nothing of when they came.
	FeedbackAnswers(ctx context.Context, eventIDs []int64) ([]*FeedbackAnswer, error)
	// FeedbackCounts returns how many answered about each of the events.
	FeedbackCounts(ctx context.Context, eventIDs []int64) (map[int64]int, error)
	// FeedbackSettings returns the hosts' choice for each event that has
	// one: whether it asks for feedback.
	FeedbackSettings(ctx context.Context, eventIDs []int64) (map[int64]bool, error)
	// SetFeedbackAsked records whether an event asks for feedback.
	SetFeedbackAsked(ctx context.Context, eventID int64, asked bool) error
	// QueueFeedbackRequests queues, once per event, the email to each
	// member checked in at every event asking for feedback that ended
	// after from and at or before until, and returns how many it queued.
	QueueFeedbackRequests(ctx context.Context, from, until time.Time) (int, error)
	// FeedbackLink makes a new secret for a member's link to an event's
	// form.
	FeedbackLink(ctx context.Context, eventID, memberID int64) (string, error)
	// FindFeedbackLink returns the event and the member a link is for;
	// ENOTFOUND for a link that does not work.
	FindFeedbackLink(ctx context.Context, token string) (eventID, memberID int64, err error)
}
