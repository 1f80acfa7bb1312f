package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The roles that require a course (course_requirement.go), set by admins.

// RequirementsView is the page of the roles that require a course, with
// what its forms offer.
type RequirementsView struct {
	Requirements []*rankfile.CourseRequirement `json:"requirements"`
	Seats        []*SeatChoice                 `json:"seats"`
	Courses      []*rankfile.Course            `json:"courses"`
}

// SeatChoice is a seat a requirement may be set on, with its body's name.
type SeatChoice struct {
	Seat     *rankfile.Seat `json:"seat"`
	BodyName string         `json:"body_name"`
}

// CourseRequirements returns the roles that require a course, for admins,
// with the active bodies' seats and the courses to choose from.
func (a *App) CourseRequirements(ctx context.Context, actor *rankfile.Actor) (*RequirementsView, error) {
	if err := actor.Require(actor.CanSetCourseRequirements()); err != nil {
		return nil, err
	}
	v := &RequirementsView{}
	var err error
	if v.Requirements, err = a.Courses.CourseRequirements(ctx); err != nil {
		return nil, err
	}
	if v.Courses, err = a.Courses.FindCourses(ctx, 0); err != nil {
		return nil, err
	}
	bodies, err := a.ActiveBodyList(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range bodies {
		seats, err := a.Bodies.FindSeats(ctx, b.ID)
		if err != nil {
			return nil, err
		}
		for _, s := range seats {
			v.Seats = append(v.Seats, &SeatChoice{Seat: s, BodyName: b.Name})
		}
	}
	return v, nil
}

// SetCourseRequirement makes a seat or the leads of a kind of event
// require a course, or (CourseID 0) no longer: admins. Who holds the seat
// already keeps it.
func (a *App) SetCourseRequirement(ctx context.Context, actor *rankfile.Actor, r *rankfile.CourseRequirement) error {
	if err := actor.Require(actor.CanSetCourseRequirements()); err != nil {
		return err
	}
	return a.Courses.SetCourseRequirement(as(ctx, actor), r)
}
