package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// The quarterly check (course_quarter.go): on the clock, and on the
// catalogue for those it concerns.

// QueueUnofferedCourses flags, from the first day of the quarter's second
// month and once a quarter, each course with no session in the quarter,
// queuing a notice to the leaders of its bodies and the steering
// committee. It returns how many courses it flagged.
func (a *App) QueueUnofferedCourses(ctx context.Context) (int, error) {
	today := a.Today()
	q := rankfile.QuarterOf(today)
	if today.Before(q.FlagFrom()) {
		return 0, nil
	}
	return a.Courses.FlagUnofferedCourses(as(ctx, clockActor), q)
}

// NotOfferedThisQuarter lists the courses flagged as having no session in
// the current quarter, still without one, that the actor is told of.
func (a *App) NotOfferedThisQuarter(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.Course, error) {
	if !actor.SignedIn() {
		return nil, nil
	}
	ids, err := a.Courses.UnofferedCourses(ctx, rankfile.QuarterOf(a.Today()))
	if err != nil {
		return nil, err
	}
	var out []*rankfile.Course
	for _, id := range ids {
		found, err := a.Courses.FindCourses(ctx, id)
		if err != nil {
			return nil, err
		}
		if actor.CanSeeUnofferedCourse(found[0]) {
			out = append(out, found[0])
		}
	}
	return out, nil
}

// unofferedMessage composes the notice that courses have no session this
// quarter, naming those its member is told of that still have none, or
// says why it is no longer owed.
func (a *App) unofferedMessage(ctx context.Context, n *rankfile.Notice, base string) (*rankfile.Message, string, error) {
	actor, err := a.Auth.Actor(ctx, n.MemberID)
	if err != nil {
		return nil, "", err
	}
	courses, err := a.NotOfferedThisQuarter(ctx, actor)
	if err != nil || len(courses) == 0 {
		return nil, "every course flagged has a session this quarter now", err
	}
	to := actor.Member
	if to.Email == "" {
		return nil, "no email address", nil
	}
	l := locale.For(to.Preferences.Language)
	var lines strings.Builder
	for _, c := range courses {
		fmt.Fprintf(&lines, "- %s: %s/courses/%d\n", c.Title, base, c.ID)
	}
	text := l.T("electionmail.greeting", "Name", to.FirstName) + "\n\n" + l.T("coursemail.unoffered.text") + "\n\n" + lines.String()
	return &rankfile.Message{To: to.Email, Subject: l.T("coursemail.unoffered.subject", "Count", len(courses)),
		Text: text, Kind: "course-not-offered", ID: fmt.Sprintf("notice-%d", n.ID)}, "", nil
}
