package app

import (
	"context"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// A course's trainers and sessions.

// AddTrainer makes a member who holds the course's qualification one of
// its trainers: those who manage the course.
func (a *App) AddTrainer(ctx context.Context, actor *rankfile.Actor, courseID, memberID int64) error {
	if _, err := a.managedCourse(ctx, actor, courseID); err != nil {
		return err
	}
	return a.Courses.AddTrainer(as(ctx, actor), courseID, memberID)
}

// RemoveTrainer takes a member off the course's trainers.
func (a *App) RemoveTrainer(ctx context.Context, actor *rankfile.Actor, courseID, memberID int64) error {
	if _, err := a.managedCourse(ctx, actor, courseID); err != nil {
		return err
	}
	return a.Courses.RemoveTrainer(as(ctx, actor), courseID, memberID)
}

// RecordFoundingTrainer records the course's qualification for a member
// without a session, with the reason the audit log keeps, and makes them
// a trainer, so that a new course can start.
func (a *App) RecordFoundingTrainer(ctx context.Context, actor *rankfile.Actor, courseID, memberID int64, reason string) error {
	if _, err := a.managedCourse(ctx, actor, courseID); err != nil {
		return err
	}
	if _, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID}); err != nil {
		return err
	}
	return a.Courses.RecordFoundingTrainer(as(ctx, actor), courseID, memberID, reason)
}

// ScheduleSession puts a session of the course on the calendar (a series
// of them with a recurrence), hosted by one of the bodies that develop it
// (chapter-wide) or by a body the actor may put events on (a branch), with
// the course's other owners as co-hosts so that their leaders manage it.
// Each trainer given must be the course's, with a valid qualification.
func (a *App) ScheduleSession(ctx context.Context, actor *rankfile.Actor, courseID int64, e *rankfile.Event,
	r *rankfile.Recurrence, trainerIDs []int64) ([]*rankfile.Event, error) {
	c, err := a.managedCourse(ctx, actor, courseID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanHostCourseSession(c, e.BodyID)); err != nil {
		return nil, err
	}
	e.Kind, e.CohostIDs = rankfile.EventTraining, slices.DeleteFunc(slices.Clone(c.BodyIDs), func(id int64) bool { return id == e.BodyID })
	if e.Title == "" {
		e.Title = c.Title
	}
	if e.Zone == "" {
		e.Zone = a.Zone.String()
	}
	if err := a.checkActiveBodies(ctx, nil, e.Hosts()...); err != nil {
		return nil, err
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	events := []*rankfile.Event{e}
	if r != nil {
		if events, err = r.Occurrences(e); err != nil {
			return nil, err
		}
	}
	return events, a.Courses.CreateSessions(as(ctx, actor), events, r, courseID, trainerIDs)
}

// sessionOf returns the course of a session and its trainers, a nil
// course for an event that is no course's session.
func (a *App) sessionOf(ctx context.Context, eventID int64) (*rankfile.Course, []int64, error) {
	courseID, trainers, err := a.Courses.SessionCourse(ctx, eventID)
	if err != nil || courseID == 0 {
		return nil, nil, err
	}
	found, err := a.Courses.FindCourses(ctx, courseID)
	if err != nil {
		return nil, nil, err
	}
	return found[0], trainers, nil
}

// CourseMember finds the member a trainer or an owner of the course names
// by national id or email address, to make them a trainer or let them in
// without the prerequisites. Only their name comes back.
func (a *App) CourseMember(ctx context.Context, actor *rankfile.Actor, courseID int64, ref string) (*rankfile.Member, error) {
	c, err := a.findCourse(ctx, actor, courseID)
	if err != nil {
		return nil, err
	}
	trainers, err := a.Courses.Trainers(ctx, courseID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanTrainSession(c, trainerIDs(trainers))); err != nil {
		return nil, err
	}
	return a.memberByRef(ctx, strings.TrimSpace(ref))
}

func trainerIDs(trainers []*rankfile.Trainer) []int64 {
	ids := make([]int64, len(trainers))
	for i, t := range trainers {
		ids[i] = t.MemberID
	}
	return ids
}
