package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// Registering for a course's session takes its prerequisites, unless a
// trainer or an owner let the member in without them. The check reads
// before the registration is stored and changes nothing, so the event's
// own rules (a seat while there is one, else the waitlist, under the
// event's lock) stay as they are: at worst a prerequisite completed a
// moment earlier is not seen yet, and the member tries again.

// missingPrerequisite returns the first of the course's prerequisites the
// member does not meet today, nil when none or they have an exception.
// Someone not signed in (memberID 0) meets none.
func (a *App) missingPrerequisite(ctx context.Context, c *rankfile.Course, memberID int64) (*rankfile.Prerequisite, error) {
	if len(c.Prerequisites) == 0 {
		return nil, nil
	}
	if memberID == 0 {
		return &c.Prerequisites[0], nil
	}
	if ok, err := a.Courses.HasException(ctx, c.ID, memberID); err != nil || ok {
		return nil, err
	}
	done, err := a.Courses.MemberCompletions(ctx, memberID)
	if err != nil {
		return nil, err
	}
	return c.MissingPrerequisite(done, a.Today()), nil
}

// checkSessionPrerequisites refuses to register a member (0 for a guest)
// for a session whose course's prerequisites they lack, naming the course
// missing and where its next session is.
func (a *App) checkSessionPrerequisites(ctx context.Context, actor *rankfile.Actor, eventID, memberID int64) error {
	c, _, err := a.sessionOf(ctx, eventID)
	if err != nil || c == nil {
		return err
	}
	missing, err := a.missingPrerequisite(ctx, c, memberID)
	if err != nil || missing == nil {
		return err
	}
	next, err := a.NextSession(ctx, actor, missing.CourseID)
	if err != nil {
		return err
	}
	return MissingPrerequisiteError(missing, next)
}

// MissingPrerequisiteError says which course a member must complete
// first, with the path to its next session (nil for none scheduled).
func MissingPrerequisiteError(missing *rankfile.Prerequisite, next *rankfile.Event) error {
	if next == nil {
		return rankfile.Errorf(rankfile.ECONFLICT, "this course requires %q first, and no session of it is scheduled yet", missing.Title)
	}
	return rankfile.Errorf(rankfile.ECONFLICT, "this course requires %q first: its next session is at %s", missing.Title,
		fmt.Sprintf("/events/%d", next.ID))
}

// NextSession returns the first session of the course not yet over that
// the actor may see, nil when there is none.
func (a *App) NextSession(ctx context.Context, actor *rankfile.Actor, courseID int64) (*rankfile.Event, error) {
	upcoming, _, err := a.courseSessions(ctx, actor, courseID)
	if err != nil || len(upcoming) == 0 {
		return nil, err
	}
	return upcoming[0], nil
}

// GrantException lets a member register for the course's sessions
// without its prerequisites, with the reason the audit log keeps: the
// course's trainers and those who manage it.
func (a *App) GrantException(ctx context.Context, actor *rankfile.Actor, courseID, memberID int64, reason string) error {
	c, err := a.findCourse(ctx, actor, courseID)
	if err != nil {
		return err
	}
	trainers, err := a.Courses.Trainers(ctx, courseID)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanTrainSession(c, trainerIDs(trainers))); err != nil {
		return err
	}
	return a.Courses.GrantException(as(ctx, actor), &rankfile.CourseException{CourseID: courseID, MemberID: memberID,
		GrantedBy: actor.ID(), Reason: reason})
}

// SessionNote is what an event's page says of the course it is a session
// of: the course, and the reader's first missing prerequisite with its
// next session (nil Next when none is scheduled).
type SessionNote struct {
	Course  *rankfile.Course       `json:"course"`
	Missing *rankfile.Prerequisite `json:"missing,omitempty"`
	Next    *rankfile.Event        `json:"next,omitempty"`
	// Trains says the reader is one of the session's trainers, who runs
	// it rather than taking a seat at it.
	Trains bool `json:"trains,omitempty"`
}

// SessionNoteOf returns the note for an event the actor sees, nil when it
// is no course's session: so that the page names the course before she
// asks for a seat, and says what to complete first rather than refusing.
func (a *App) SessionNoteOf(ctx context.Context, actor *rankfile.Actor, e *rankfile.Event) (*SessionNote, error) {
	if e.Kind != rankfile.EventTraining {
		return nil, nil
	}
	c, trainers, err := a.sessionOf(ctx, e.ID)
	if err != nil || c == nil {
		return nil, err
	}
	n := &SessionNote{Course: c, Trains: actor.TrainsSession(trainers)}
	if n.Trains {
		return n, nil
	}
	if n.Missing, err = a.missingPrerequisite(ctx, c, actor.ID()); err != nil || n.Missing == nil {
		return n, err
	}
	n.Next, err = a.NextSession(ctx, actor, n.Missing.CourseID)
	return n, err
}
