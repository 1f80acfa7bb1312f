package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// CourseView is a course as one member sees it: its owners, trainers and
// sessions, and what the viewer may do.
type CourseView struct {
	Course *rankfile.Course      `json:"course"`
	Level  *rankfile.CourseLevel `json:"level"`
	Owners []*rankfile.Body      `json:"owners"`
	// Trainers are the course's trainers.
	Trainers []*rankfile.Trainer `json:"trainers"`
	// Upcoming are the sessions not over yet that the viewer may see,
	// Past the ones over, latest first.
	Upcoming []*rankfile.Event `json:"upcoming"`
	Past     []*rankfile.Event `json:"past,omitempty"`
	// Manage says whether the viewer manages the course; Train whether
	// they train it or manage it (who let members in without the
	// prerequisites and record completions).
	Manage bool `json:"manage"`
	Train  bool `json:"train"`
	// Missing is the viewer's first prerequisite not met, nil when none
	// is missing or they have an exception.
	Missing *rankfile.Prerequisite `json:"missing,omitempty"`
}

// CourseLevels lists the program's levels, for members.
func (a *App) CourseLevels(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.CourseLevel, error) {
	if err := actor.Require(actor.CanSeeCourses()); err != nil {
		return nil, err
	}
	return a.Courses.CourseLevels(ctx)
}

// SaveCourseLevel adds a level to the program or renames one: admins.
func (a *App) SaveCourseLevel(ctx context.Context, actor *rankfile.Actor, l *rankfile.CourseLevel) error {
	if err := actor.Require(actor.CanManageCourseLevels()); err != nil {
		return err
	}
	return a.Courses.SaveCourseLevel(as(ctx, actor), l)
}

// CourseCatalogue lists the program's courses, for members.
func (a *App) CourseCatalogue(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.Course, error) {
	if err := actor.Require(actor.CanSeeCourses()); err != nil {
		return nil, err
	}
	return a.Courses.FindCourses(ctx, 0)
}

// findCourse returns a course for a member who may see courses.
func (a *App) findCourse(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Course, error) {
	if err := actor.Require(actor.CanSeeCourses()); err != nil {
		return nil, err
	}
	found, err := a.Courses.FindCourses(ctx, id)
	if err != nil {
		return nil, err
	}
	return found[0], nil
}

// managedCourse returns a course the actor manages.
func (a *App) managedCourse(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Course, error) {
	c, err := a.findCourse(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return c, actor.Require(actor.CanManageCourse(c))
}

// Course returns a course's page: its owners, trainers and the sessions
// the viewer may see.
func (a *App) Course(ctx context.Context, actor *rankfile.Actor, id int64) (*CourseView, error) {
	c, err := a.findCourse(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	v := &CourseView{Course: c, Manage: actor.CanManageCourse(c)}
	if v.Level, err = a.courseLevel(ctx, c.Level); err != nil {
		return nil, err
	}
	for _, b := range c.BodyIDs {
		body, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: b})
		if err != nil {
			return nil, err
		}
		v.Owners = append(v.Owners, body)
	}
	if v.Trainers, err = a.Courses.Trainers(ctx, id); err != nil {
		return nil, err
	}
	v.Train = actor.CanTrainSession(c, trainerIDs(v.Trainers))
	if v.Upcoming, v.Past, err = a.courseSessions(ctx, actor, id); err != nil {
		return nil, err
	}
	v.Missing, err = a.missingPrerequisite(ctx, c, actor.ID())
	return v, err
}

func (a *App) courseLevel(ctx context.Context, slug string) (*rankfile.CourseLevel, error) {
	levels, err := a.Courses.CourseLevels(ctx)
	if err != nil {
		return nil, err
	}
	for _, l := range levels {
		if l.Slug == slug {
			return l, nil
		}
	}
	return &rankfile.CourseLevel{Slug: slug, Name: slug}, nil
}

// courseSessions returns the course's sessions the actor may see: those
// not over, in the order they start, and those over, latest first.
func (a *App) courseSessions(ctx context.Context, actor *rankfile.Actor, id int64) (upcoming, past []*rankfile.Event, err error) {
	ids, err := a.Courses.CourseSessions(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if len(ids) == 0 {
		return nil, nil, nil
	}
	found, err := a.Events.FindEvents(ctx, rankfile.EventFilter{IDs: ids}) // by start, as the page lists them
	if err != nil {
		return nil, nil, err
	}
	now := a.Now()
	for _, ev := range found {
		if !actor.CanSeeEvent(ev) {
			continue
		}
		e := ev.ForViewer(false, actor.CanManageEvent(ev))
		if e.Past(now) {
			past = append([]*rankfile.Event{e}, past...)
		} else if !e.Cancelled {
			upcoming = append(upcoming, e)
		}
	}
	return upcoming, past, nil
}

// CreateCourse adds a course to the program: data stewards, admins, and
// the leaders of a body that develops it, which is a committee or a
// working group.
func (a *App) CreateCourse(ctx context.Context, actor *rankfile.Actor, c *rankfile.Course) error {
	if err := actor.Require(actor.CanCreateCourse(c.BodyIDs)); err != nil {
		return err
	}
	if err := a.checkCourseOwners(ctx, c.BodyIDs); err != nil {
		return err
	}
	return a.Courses.CreateCourse(as(ctx, actor), c)
}

// UpdateCourse changes a course: those who manage it, before and after.
func (a *App) UpdateCourse(ctx context.Context, actor *rankfile.Actor, c *rankfile.Course) error {
	old, err := a.managedCourse(ctx, actor, c.ID)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanManageCourse(c)); err != nil {
		return err
	}
	if err := a.checkCourseOwners(ctx, slices.DeleteFunc(slices.Clone(c.BodyIDs), func(id int64) bool {
		return slices.Contains(old.BodyIDs, id)
	})); err != nil {
		return err
	}
	return a.Courses.UpdateCourse(as(ctx, actor), c)
}

// checkCourseOwners refuses an owner that is not an active committee or
// working group.
func (a *App) checkCourseOwners(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: id})
		if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
			return rankfile.Errorf(rankfile.EINVALID, "no body %d to develop the course", id)
		} else if err != nil {
			return err
		}
		if b.Kind != rankfile.KindCommittee && b.Kind != rankfile.KindWorkingGroup {
			return rankfile.Errorf(rankfile.EINVALID, "a course is developed by committees and working groups, not by %s", b.Name)
		}
		if err := b.CheckActive(); err != nil {
			return err
		}
	}
	return nil
}
