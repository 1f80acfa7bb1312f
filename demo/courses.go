package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The training program of the resolution "Putting the 'Organizer' in
// 'Socialist Organizer'": fundamental trainings for every member, advanced
// ones after them, each developed by committees and working groups and
// held every quarter.

// demoCourse is one course of the demo's catalogue.
type demoCourse struct {
	title, level, description string
	owners                    []string
	validity                  int
	requires                  string // the title of a course required first
}

var demoCourses = []demoCourse{
	{"Meeting facilitation", "fundamental", "Run a meeting people want to come back to: agendas, stack, time, decisions.",
		[]string{"Political Education"}, 0, ""},
	{"Direct action", "fundamental", "Plan an action from the demand to the debrief: roles, escalation, media.",
		[]string{"Labor", "Immigrant Justice"}, 0, ""},
	{"Canvassing", "fundamental", "Knock on doors and have the conversation: the rap, the ask, the follow-up.",
		[]string{"Housing & Homelessness", "Electoral Politics"}, 0, ""},
	{"Safety marshal", "fundamental", "Keep a march safe: routes, de-escalation, first contact with the police. Renewed every two years.",
		[]string{"Immigrant Justice"}, 24, ""},
	{"Power mapping", "advanced", "Map who holds power over a campaign's target, and who moves them.",
		[]string{"Housing & Homelessness"}, 0, "Canvassing"},
	{"Strategic research analysis", "advanced", "Research a campaign's target: money, ownership, decision-makers, public records.",
		[]string{"Labor"}, 0, ""},
	{"Coalition building", "advanced", "Work with unions, tenant groups and community organizations without losing the plot.",
		[]string{"Climate Justice", "Labor"}, 0, ""},
	{"Social media strategy", "advanced", "Campaign online: a calendar, a voice, and turning followers into members at events.",
		[]string{"Tech", "Political Education"}, 0, ""},
}

// CoursesSummary says what the demo's training program holds.
type CoursesSummary struct {
	Courses, Sessions, Completions int
	// Lapsing is the member whose safety marshal qualification lapses
	// within a month.
	Lapsing *rankfile.Member
	// Rules are the program's rules (course_rules.go).
	Rules *CourseRulesSummary
}

// Courses puts the training program into the demo through the app's
// operations, as its pages do: the catalogue with its founding trainers
// two years ago, a safety marshal session then (member@example.org's
// qualification from it lapses within the month), a year of quarterly
// sessions of every course (eleven months ago to two months ago, so that
// the training report's default four quarters hold them) with attendance,
// completions and feedback, and the next quarter's sessions. setClock works as for Elections.
func Courses(ctx context.Context, a *app.App, setClock func(time.Time)) (*CoursesSummary, error) {
	p, err := newProposalDemo(ctx, a)
	if err != nil || len(p.signers) < minDemoSigners {
		return nil, err
	}
	d := &courseDemo{eventDemo: &eventDemo{proposalDemo: p}, byTitle: map[string]*rankfile.Course{}, sum: &CoursesSummary{}}
	defer setClock(time.Time{})
	now := a.Now() // read before the clock moves: the quarters count back from today
	start := now.AddDate(-2, 0, 20)
	setClock(start)
	if err := d.catalogue(); err != nil {
		return nil, err
	}
	if err := d.firstMarshals(setClock, start); err != nil {
		return nil, err
	}
	for q := range 4 {
		if err := d.quarter(setClock, now.AddDate(0, 3*q-11, 0), q); err != nil {
			return nil, err
		}
	}
	setClock(time.Time{})
	d.sum.Lapsing = d.mine.Member
	if err := d.upcoming(); err != nil {
		return nil, err
	}
	if err := d.rules(setClock); err != nil {
		return nil, fmt.Errorf("the program's rules: %w", err)
	}
	d.sum.Rules = d.rulesSum
	return d.sum, nil
}

type courseDemo struct {
	*eventDemo
	byTitle map[string]*rankfile.Course
	trainer map[string]*rankfile.Actor
	// done are the signers who completed each course, by title.
	done     map[string][]*rankfile.Actor
	sum      *CoursesSummary
	rulesSum *CourseRulesSummary
}

// catalogue makes the courses and records a founding trainer for each.
func (d *courseDemo) catalogue() error {
	d.trainer, d.done = map[string]*rankfile.Actor{}, map[string][]*rankfile.Actor{}
	for i, dc := range demoCourses {
		c := &rankfile.Course{Title: dc.title, Level: dc.level, Description: dc.description, DurationMinutes: 120,
			ValidityMonths: dc.validity, Materials: []rankfile.CourseMaterial{{Title: "Slides", URL: "https://example.org/trainings/" + rankfile.Slugify(dc.title)}}}
		for _, o := range dc.owners {
			c.BodyIDs = append(c.BodyIDs, d.body(o))
		}
		if dc.requires != "" {
			c.Prerequisites = []rankfile.Prerequisite{{CourseID: d.byTitle[dc.requires].ID}}
		}
		if err := d.a.CreateCourse(d.ctx, d.admin, c); err != nil {
			return fmt.Errorf("course %s: %w", dc.title, err)
		}
		d.byTitle[dc.title], d.trainer[dc.title] = c, d.signers[100+i]
		if err := d.a.RecordFoundingTrainer(d.ctx, d.admin, c.ID, d.signers[100+i].ID(),
			"Wrote the course with the committee that developed it"); err != nil {
			return err
		}
		d.sum.Courses++
	}
	return nil
}

// firstMarshals is the first safety marshal session, two years ago less
// twenty days, which member@example.org completed.
func (d *courseDemo) firstMarshals(setClock func(time.Time), start time.Time) error {
	attendees := append([]*rankfile.Actor{d.mine}, d.signers[60:64]...)
	return d.session(setClock, "Safety marshal", start.AddDate(0, 0, 7), attendees)
}

// quarter holds a session of every course in the quarter from day: some
// of those who completed canvassing go on to power mapping.
func (d *courseDemo) quarter(setClock func(time.Time), day time.Time, q int) error {
	setClock(day)
	for i, dc := range demoCourses {
		from := (q*8 + i*3) % 50
		attendees := d.signers[from : from+8]
		if dc.requires != "" {
			attendees = d.done[dc.requires]
			if len(attendees) > 8 {
				attendees = attendees[len(attendees)-8:]
			}
		}
		if err := d.session(setClock, dc.title, day.AddDate(0, 0, 10+i), attendees); err != nil {
			return fmt.Errorf("%s, quarter %d: %w", dc.title, q, err)
		}
		setClock(day)
	}
	return nil
}

// session schedules a session of the course at the day given, 18:30,
// registers the attendees, checks in all but the last, and has the
// trainer mark them complete, the second partly.
func (d *courseDemo) session(setClock func(time.Time), title string, day time.Time, attendees []*rankfile.Actor) error {
	c := d.byTitle[title]
	y, m, dd := day.In(d.a.Zone).Date()
	at := time.Date(y, m, dd, 18, 30, 0, 0, d.a.Zone)
	events, err := d.a.ScheduleSession(d.ctx, d.admin, c.ID, &rankfile.Event{BodyID: c.BodyIDs[0], StartsAt: at,
		EndsAt: at.Add(2 * time.Hour), Address: "Chapter office, 3101 W 6th St, Los Angeles, CA 90020",
		Audience: rankfile.AudienceMembers, Registration: true, Capacity: 20}, nil, []int64{d.trainer[title].ID()})
	if err != nil {
		return err
	}
	e := events[0]
	d.sum.Sessions++
	for _, s := range attendees {
		if _, err := d.a.RegisterForEvent(d.ctx, s, e.ID); err != nil {
			return err
		}
	}
	setClock(at.Add(10 * time.Minute))
	return d.complete(setClock, e, title, attendees)
}

// complete checks in the attendees but the last and records them.
func (d *courseDemo) complete(setClock func(time.Time), e *rankfile.Event, title string, attendees []*rankfile.Actor) error {
	regs, err := d.a.Events.Registrations(d.ctx, e.ID)
	if err != nil {
		return err
	}
	var outcomes []rankfile.SessionOutcome
	for i, r := range regs {
		if i == len(regs)-1 {
			break // did not come
		}
		if _, err := d.a.CheckInRegistrant(d.ctx, d.admin, e.ID, r.ID); err != nil {
			return err
		}
		o := rankfile.SessionOutcome{MemberID: r.MemberID, Outcome: rankfile.OutcomeComplete}
		if i == 1 {
			o.Outcome = rankfile.OutcomePartial
		}
		outcomes = append(outcomes, o)
	}
	trainer := d.trainer[title]
	if err := d.a.RecordCompletions(d.ctx, trainerActor(trainer), e.ID, outcomes); err != nil {
		return err
	}
	for i, o := range outcomes {
		if o.Outcome == rankfile.OutcomeComplete {
			d.done[title] = append(d.done[title], attendees[i])
			d.sum.Completions++
		}
	}
	return d.courseFeedback(setClock, e, attendees[:len(outcomes)])
}

// courseFeedback has those who came answer the session's feedback the
// day after: six of them at two sessions in three, four (too few for the
// training report to show) at the third.
func (d *courseDemo) courseFeedback(setClock func(time.Time), e *rankfile.Event, came []*rankfile.Actor) error {
	n := min(len(came), 6)
	if d.sum.Sessions%3 == 0 {
		n = min(n, rankfile.FeedbackThreshold-1)
	}
	setClock(e.EndsAt.Add(20 * time.Hour))
	for i, s := range came[:n] {
		k := i + d.sum.Sessions
		in := app.FeedbackInput{Scores: []int{3 + k%3, 2 + (k*7)%4, 2 + k%4}, Text: feedbackTexts[k%len(feedbackTexts)]}
		if err := d.a.GiveFeedback(d.ctx, s, e.ID, in); err != nil {
			return err
		}
	}
	return nil
}

// trainerActor is a trainer as the app sees them: a member who leads
// nothing, whom being the session's trainer lets record it.
func trainerActor(a *rankfile.Actor) *rankfile.Actor { return &rankfile.Actor{Member: a.Member} }

// upcoming puts the next quarter's sessions on the calendar: canvassing
// every three months for a year, the others once.
func (d *courseDemo) upcoming() error {
	for i, dc := range demoCourses {
		c := d.byTitle[dc.title]
		at := d.at(9+3*i, 18, 30)
		e := &rankfile.Event{BodyID: c.BodyIDs[0], StartsAt: at, EndsAt: at.Add(2 * time.Hour),
			Address: "Chapter office, 3101 W 6th St, Los Angeles, CA 90020", Audience: rankfile.AudienceMembers, Registration: true, Capacity: 20}
		if i%2 == 1 {
			e.Address, e.OnlineURL = "", "https://meet.example.org/trainings"
		}
		var r *rankfile.Recurrence
		if dc.title == "Canvassing" {
			r = &rankfile.Recurrence{Frequency: rankfile.Quarterly, Until: rankfile.DateOf(at.AddDate(1, 0, -1))}
		}
		events, err := d.a.ScheduleSession(d.ctx, d.admin, c.ID, e, r, []int64{d.trainer[dc.title].ID()})
		if err != nil {
			return fmt.Errorf("upcoming %s: %w", dc.title, err)
		}
		d.sum.Sessions += len(events)
	}
	return nil
}
