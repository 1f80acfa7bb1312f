package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// SessionAttendee is a member who checked in at a session, with the
// outcome recorded for them, if any.
type SessionAttendee struct {
	MemberID int64                      `json:"member_id"`
	Name     string                     `json:"name"`
	Outcome  rankfile.CompletionOutcome `json:"outcome,omitempty"`
}

// CompletionView is a session's completion page: the members who checked
// in, for the trainer to mark complete, partial or absent.
type CompletionView struct {
	Event     *rankfile.Event    `json:"event"`
	Course    *rankfile.Course   `json:"course"`
	Attendees []*SessionAttendee `json:"attendees"`
	// Recorded says whether outcomes were recorded already.
	Recorded bool `json:"recorded"`
}

// trainedSession returns a session and its course for one of its
// trainers or those who manage the course.
func (a *App) trainedSession(ctx context.Context, actor *rankfile.Actor, eventID int64) (*rankfile.Event, *rankfile.Course, error) {
	// doorEvent, not findEvent: a trainer from outside the host body
	// may not see the event as a member, but runs it.
	e, _, err := a.doorEvent(ctx, actor, eventID)
	if err != nil {
		return nil, nil, err
	}
	c, trainers, err := a.sessionOf(ctx, eventID)
	if err != nil {
		return nil, nil, err
	}
	if c == nil {
		return nil, nil, rankfile.Errorf(rankfile.ENOTFOUND, "this event is no course's session")
	}
	// Its trainers run the session, its check-in code included, as its
	// hosts do; the course's other managers see what members see.
	e = e.ForViewer(true, actor.CanCheckIn(e, trainers))
	return e, c, actor.Require(actor.CanTrainSession(c, trainers))
}

// SessionCompletion returns a session's completion page: who checked in,
// and what was recorded of them.
func (a *App) SessionCompletion(ctx context.Context, actor *rankfile.Actor, eventID int64) (*CompletionView, error) {
	e, c, err := a.trainedSession(ctx, actor, eventID)
	if err != nil {
		return nil, err
	}
	regs, err := a.Events.Registrations(ctx, eventID)
	if err != nil {
		return nil, err
	}
	done, err := a.Courses.SessionCompletions(ctx, eventID)
	if err != nil {
		return nil, err
	}
	v := &CompletionView{Event: e, Course: c, Recorded: len(done) > 0}
	for _, r := range regs {
		if r.MemberID == 0 || !r.Attended() {
			continue
		}
		at := &SessionAttendee{MemberID: r.MemberID, Name: r.Name}
		if i := slices.IndexFunc(done, func(x *rankfile.Completion) bool { return x.MemberID == r.MemberID }); i >= 0 {
			at.Outcome = done[i].Outcome
		}
		v.Attendees = append(v.Attendees, at)
	}
	return v, nil
}

// RecordCompletions records what each member who checked in at a session
// came to, on the session's date: the session's trainers and those who
// manage the course, once the session has started. A complete outcome is
// a qualification lapsing after the course's validity.
func (a *App) RecordCompletions(ctx context.Context, actor *rankfile.Actor, eventID int64, outcomes []rankfile.SessionOutcome) error {
	e, _, err := a.trainedSession(ctx, actor, eventID)
	if err != nil {
		return err
	}
	if a.Now().Before(e.StartsAt) {
		return rankfile.Errorf(rankfile.ECONFLICT, "who completed a session is recorded once it has started")
	}
	for _, o := range outcomes {
		if !slices.Contains(rankfile.CompletionOutcomes, o.Outcome) {
			return rankfile.Errorf(rankfile.EINVALID, "an outcome is complete, partial or absent, not %q", o.Outcome)
		}
	}
	return a.Courses.RecordCompletions(as(ctx, actor), eventID, rankfile.DateOf(e.StartsAt.In(e.Location())), outcomes)
}

// TrainingRecord is a member's courses completed and qualifications.
type TrainingRecord struct {
	// Completions are every outcome recorded, latest first.
	Completions []*rankfile.Completion `json:"completions"`
	// Qualifications are the latest complete completion of each course,
	// with whether it is valid today.
	Qualifications []*Qualification `json:"qualifications"`
}

// Qualification is a member's latest completion of a course.
type Qualification struct {
	*rankfile.Completion
	Valid bool `json:"valid"`
	// Lapsing says it is valid but lapses within LapseNoticeDays: time
	// to take a session again.
	Lapsing bool `json:"lapsing"`
}

// TrainingRecord returns a member's training record: the member's own,
// and any for data stewards.
func (a *App) TrainingRecord(ctx context.Context, actor *rankfile.Actor, memberID int64) (*TrainingRecord, error) {
	if err := actor.Require(actor.CanSeeTrainingRecord(memberID)); err != nil {
		return nil, err
	}
	done, err := a.Courses.MemberCompletions(ctx, memberID)
	if err != nil {
		return nil, err
	}
	return trainingRecordOf(done, a.Today()), nil
}

func trainingRecordOf(done []*rankfile.Completion, today rankfile.Date) *TrainingRecord {
	r := &TrainingRecord{Completions: done}
	seen := map[int64]bool{}
	for _, c := range done { // latest first
		if c.Outcome != rankfile.OutcomeComplete || seen[c.CourseID] {
			continue
		}
		seen[c.CourseID] = true
		valid := c.ValidOn(today)
		lapsing := valid && !c.ExpiresOn.IsZero() && !c.ValidOn(today.AddDays(rankfile.LapseNoticeDays))
		r.Qualifications = append(r.Qualifications, &Qualification{Completion: c, Valid: valid, Lapsing: lapsing})
	}
	if r.Completions == nil {
		r.Completions = []*rankfile.Completion{}
	}
	return r
}

// QueueLapseNotices queues, once a qualification, the notices that a
// qualification lapses within rankfile.LapseNoticeDays. The server's
// clock runs it.
func (a *App) QueueLapseNotices(ctx context.Context) (int, error) {
	return a.Courses.QueueLapseNotices(as(ctx, clockActor), a.Today().AddDays(rankfile.LapseNoticeDays))
}

// lapseMessage composes the notice that a member's qualifications lapse
// soon, or says why it is no longer owed: each was renewed since.
func (a *App) lapseMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	done, err := a.Courses.MemberCompletions(ctx, n.MemberID)
	if err != nil {
		return nil, "", err
	}
	var lapsing []*Qualification
	for _, q := range trainingRecordOf(done, a.Today()).Qualifications {
		if q.Lapsing {
			lapsing = append(lapsing, q)
		}
	}
	if len(lapsing) == 0 {
		return nil, "no qualification lapses soon any longer", nil
	}
	to, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: n.MemberID})
	if err != nil || to.Email == "" {
		return nil, "no email address", err
	}
	l := locale.For(to.Preferences.Language)
	var lines strings.Builder
	for _, q := range lapsing {
		fmt.Fprintf(&lines, "- %s (%s)\n", q.CourseTitle, l.Date(q.ExpiresOn))
	}
	text := l.T("electionmail.greeting", "Name", to.FirstName) + "\n\n" + l.T("coursemail.lapsing.text") + "\n\n" +
		lines.String() + "\n" + base + "/courses\n"
	return &rankfile.Message{To: to.Email, Subject: l.T("coursemail.lapsing.subject", "Count", len(lapsing)),
		Text: text, Kind: "qualification-lapsing", ID: fmt.Sprintf("notice-%d", n.ID)}, "", nil
}
