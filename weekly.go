package rankfile

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The weekly email: "Week of March 23", drafted from the coming week's
// calendar, edited by the communications team and sent once. Each member's
// copy holds the events of their branch and the chapter-wide ones, in their
// own language, with a link that takes them off the list.

// WeeklyState is where a weekly email is: a draft, or sent.
type WeeklyState string

// Weekly email states.
const (
	WeeklyDraft WeeklyState = "draft"
	WeeklySent  WeeklyState = "sent"
)

// WeeklyEmail is one week's email.
//
// The subject is written once for every language: an empty subject becomes
// "Week of March 23" in each member's own language when their copy is
// composed, while a subject the editor wrote goes to everyone as written (a
// bilingual chapter writes both languages into it). The intro is written in
// English and in Spanish; a member who reads Spanish gets the English one,
// said to be English, when the Spanish one is left empty.
type WeeklyEmail struct {
	ID int64 `json:"id"`
	// WeekOf is the Monday the week starts on, where the chapter is.
	WeekOf  Date   `json:"week_of"`
	Subject string `json:"subject"`
	// Intro is markdown: pages render it sanitized, like event
	// descriptions; the plain-text email carries it as written.
	Intro string `json:"intro"`
	// IntroES is the intro in Spanish, markdown too.
	IntroES string `json:"intro_es"`
	// EventIDs are the week's events as last drafted; Excluded are those
	// the editor left out.
	EventIDs  []int64     `json:"event_ids"`
	Excluded  []int64     `json:"excluded"`
	State     WeeklyState `json:"state"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
	UpdatedBy string      `json:"updated_by,omitempty"`
	SentAt    time.Time   `json:"sent_at,omitzero"`
	SentBy    string      `json:"sent_by,omitempty"`
	// Recipients counts the members it was sent to.
	Recipients int `json:"recipients"`
}

// Limits on what a weekly email holds.
const (
	maxWeeklySubject = 200
	maxWeeklyIntro   = 20_000
)

// Validate checks a new weekly email before it is stored.
func (w *WeeklyEmail) Validate() error {
	if w.WeekOf.IsZero() || w.WeekOf.Weekday() != time.Monday {
		return Errorf(EINVALID, "a weekly email is for a week, named by its Monday, not %s", w.WeekOf)
	}
	return (&WeeklyUpdate{Subject: &w.Subject, Intro: &w.Intro, IntroES: &w.IntroES}).Validate()
}

// IntroIn returns the intro for a reader of the language with the tag, and
// whether it is the English one standing in for a Spanish one left empty.
func (w *WeeklyEmail) IntroIn(lang string) (intro string, english bool) {
	if lang == "es" {
		if es := strings.TrimSpace(w.IntroES); es != "" {
			return es, false
		}
		intro := strings.TrimSpace(w.Intro)
		return intro, intro != ""
	}
	return strings.TrimSpace(w.Intro), false
}

// Sent reports whether the email has gone out.
func (w *WeeklyEmail) Sent() bool { return w.State == WeeklySent }

// IsExcluded reports whether the editor left the event out.
func (w *WeeklyEmail) IsExcluded(eventID int64) bool { return slices.Contains(w.Excluded, eventID) }

// WorthSending reports whether a member's copy with that many events says
// anything: it does with an event, or with an intro, which is for everyone.
// A member with nothing in their branch and no intro to read gets no email
// that week rather than an empty one.
func (w *WeeklyEmail) WorthSending(events int) bool {
	return events > 0 || strings.TrimSpace(w.Intro) != "" || strings.TrimSpace(w.IntroES) != ""
}

// WeeklyUpdate holds the changes to a draft; nil fields stay as they are.
type WeeklyUpdate struct {
	Subject *string `json:"subject,omitempty"`
	Intro   *string `json:"intro,omitempty"`
	IntroES *string `json:"intro_es,omitempty"`
	// Excluded replaces the events left out.
	Excluded *[]int64 `json:"excluded,omitempty"`
	// EventIDs replaces the week's events when drafting again picks up
	// the calendar's changes; events still there keep whether they are
	// left out. Editors do not set it.
	EventIDs *[]int64 `json:"-"`
}

// Validate checks and tidies the changes.
func (u *WeeklyUpdate) Validate() error {
	if u.Subject != nil {
		*u.Subject = strings.TrimSpace(*u.Subject)
		if utf8.RuneCountInString(*u.Subject) > maxWeeklySubject || strings.ContainsAny(*u.Subject, "\r\n") {
			return Errorf(EINVALID, "a subject is one line of at most %d characters", maxWeeklySubject)
		}
	}
	if u.Intro != nil && len(*u.Intro) > maxWeeklyIntro || u.IntroES != nil && len(*u.IntroES) > maxWeeklyIntro {
		return Errorf(EINVALID, "an intro has at most %d characters", maxWeeklyIntro)
	}
	return nil
}

// ComingWeek returns the Monday after day today: the week the weekly
// email sent at the end of this week is about.
func ComingWeek(today Date) Date { return today.Monday().AddDays(7) }

// DueForDraft reports whether, on day today, the server drafts the coming
// week's email on its own: from Thursday to Sunday, which leaves the
// communications team days to edit it before the week begins.
func DueForDraft(today Date) bool {
	wd := today.Weekday()
	return wd >= time.Thursday || wd == time.Sunday
}

// WeekSpan returns when the week of monday starts and ends where the
// chapter is: Monday 00:00 to the next Monday 00:00.
func WeekSpan(monday Date, zone *time.Location) (from, to time.Time) {
	return monday.Time(zone), monday.AddDays(7).Time(zone)
}

// InWeek reports whether an event belongs in the weekly email of the week
// from..to: scheduled, and starting within it.
func InWeek(e *Event, from, to time.Time) bool {
	return !e.Cancelled && !e.StartsAt.Before(from) && e.StartsAt.Before(to)
}

// WeeklyItem is an event in a weekly email, with the branch it belongs to.
type WeeklyItem struct {
	Event *Event `json:"event"`
	// BranchID is the branch its host body is or is inside of; 0 for an
	// event of the whole chapter.
	BranchID int64 `json:"branch_id,omitempty"`
	Excluded bool  `json:"excluded"`
}

// Reaches reports whether the item is in the copy of a member of branch
// branchID (0 for none) who belongs to the bodies belongs says, their
// branch among them. An event left out reaches nobody; an event for a
// body's members reaches the members of its hosts, wherever they live;
// the others reach the members of their branch, or everyone when they are
// the whole chapter's.
func (it *WeeklyItem) Reaches(branchID int64, belongs func(bodyID int64) bool) bool {
	switch {
	case it.Excluded:
		return false
	case it.Event.Audience == AudienceBody:
		return slices.ContainsFunc(it.Event.Hosts(), belongs)
	}
	return it.BranchID == 0 || it.BranchID == branchID
}

// GetsWeekly reports whether the member is sent the weekly email on day d:
// in good standing, with an address to send it to, and not opted out.
func (m *Member) GetsWeekly(d Date) bool {
	return m.Email != "" && m.StandingOn(d).IsGood() && m.Preferences.WantsWeekly()
}

// WeeklyFilter selects weekly emails. Zero fields do not filter.
type WeeklyFilter struct {
	ID     int64
	WeekOf Date
	Limit  int
}

// WeeklyService stores weekly emails, who opted out of them, and the
// secrets of unsubscribe links.
type WeeklyService interface {
	// CreateWeekly stores a new draft with its events. EINVALID for a bad
	// one, ECONFLICT when its week has one already.
	CreateWeekly(ctx context.Context, w *WeeklyEmail) error
	// FindWeeklies returns weekly emails, the latest week first.
	FindWeeklies(ctx context.Context, f WeeklyFilter) ([]*WeeklyEmail, error)
	// UpdateWeekly changes a draft for the actor in ctx. ENOTFOUND,
	// ECONFLICT once it is sent, EINVALID for bad changes.
	UpdateWeekly(ctx context.Context, id int64, upd WeeklyUpdate) (*WeeklyEmail, error)
	// SendWeekly marks a draft sent by the actor in ctx and queues a
	// notice to each recipient, in one transaction. ECONFLICT when it was
	// sent already.
	SendWeekly(ctx context.Context, id int64, recipients []int64) (*WeeklyEmail, error)
	// WeeklyOptOuts returns the members who turned the weekly email off.
	WeeklyOptOuts(ctx context.Context) (map[int64]bool, error)
	// UnsubscribeToken makes a new secret for a member's unsubscribe link.
	UnsubscribeToken(ctx context.Context, memberID int64) (string, error)
	// CheckUnsubscribeToken reports, changing nothing, whether an
	// unsubscribe link works: ENOTFOUND when not.
	CheckUnsubscribeToken(ctx context.Context, token string) error
	// Unsubscribe turns the weekly email off for the member whose link it
	// is, in their history. ENOTFOUND for a link that does not work.
	Unsubscribe(ctx context.Context, token string) error
}
