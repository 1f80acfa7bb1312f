package demo

import (
	"fmt"
	"time"

	"github.com/rankfile/rankfile"
)

// The training program's rules in the demo: Housing & Homelessness's
// canvass lead seat requires canvassing, and so does leading a canvass;
// the Highland Park canvass is led by two members who hold it; and a new
// course, public speaking, has no session this quarter, so the quarterly
// check flags it to its owners' leaders and the steering committee.

// CourseRulesSummary says what the demo's rules hold.
type CourseRulesSummary struct {
	// LeadSeatBody is the slug of the body with the canvass lead seat.
	LeadSeatBody string
	// Canvass is the upcoming canvass with its leads.
	Canvass *rankfile.Event
	// Unoffered are the courses flagged as not offered this quarter.
	Unoffered []*rankfile.Course
}

// rules sets the requirements through the app, appoints a qualified
// canvass lead, names a canvass's leads and runs the quarterly check.
func (d *courseDemo) rules(setClock func(time.Time)) error {
	canvassing := d.byTitle["Canvassing"]
	qualified := d.done["Canvassing"]
	housing, err := d.a.Bodies.FindBody(d.ctx, rankfile.BodyFilter{ID: d.body("Housing & Homelessness")})
	if err != nil || len(qualified) < 2 {
		return fmt.Errorf("canvass leads: %d qualified, %v", len(qualified), err)
	}
	seat, err := d.leadSeat(housing)
	if err != nil {
		return err
	}
	for _, r := range []*rankfile.CourseRequirement{{SeatID: seat.ID, CourseID: canvassing.ID}, {EventKind: rankfile.EventCanvass, CourseID: canvassing.ID}} {
		if err := d.a.SetCourseRequirement(d.ctx, d.admin, r); err != nil {
			return err
		}
	}
	if _, err := d.a.Appoint(d.ctx, d.admin, housing.Slug, seat.ID, qualified[len(qualified)-1].ID()); err != nil {
		return fmt.Errorf("the canvass lead: %w", err)
	}
	d.rulesSum = &CourseRulesSummary{LeadSeatBody: housing.Slug}
	if err := d.canvassLeads(housing.ID, []int64{d.trainer["Canvassing"].ID(), qualified[len(qualified)-2].ID()}); err != nil {
		return err
	}
	return d.unoffered(setClock)
}

// leadSeat adds the canvass lead seat to the body, appointed by its
// co-chairs.
func (d *courseDemo) leadSeat(b *rankfile.Body) (*rankfile.Seat, error) {
	seats, err := d.a.Bodies.FindSeats(d.ctx, b.ID)
	if err != nil {
		return nil, err
	}
	seat := &rankfile.Seat{BodyID: b.ID, Title: "Canvass lead", Count: 2, FilledBy: rankfile.FilledByAppointment}
	for _, s := range seats {
		if s.Title == rankfile.SeatCoChair {
			seat.AppointingSeatID = s.ID
		}
	}
	return seat, d.a.CreateSeat(d.ctx, d.admin, seat)
}

// canvassLeads names the leads of the body's next canvass.
func (d *courseDemo) canvassLeads(bodyID int64, leads []int64) error {
	events, err := d.a.Events.FindEvents(d.ctx, rankfile.EventFilter{BodyID: bodyID, Kinds: []rankfile.EventKind{rankfile.EventCanvass},
		From: d.a.Now(), Scheduled: true, Limit: 1})
	if err != nil || len(events) == 0 {
		return fmt.Errorf("no canvass to lead (%v)", err)
	}
	d.rulesSum.Canvass = events[0]
	_, err = d.a.SetEventLeads(d.ctx, d.admin, events[0].ID, leads)
	return err
}

// unoffered adds public speaking, with its founding trainer and no
// session, and runs the quarterly check as the clock does from the first
// of the quarter's second month (on that day, if the demo is made before).
func (d *courseDemo) unoffered(setClock func(time.Time)) error {
	c := &rankfile.Course{Title: "Public speaking", Level: "fundamental", DurationMinutes: 90, BodyIDs: []int64{d.body("Political Education")},
		Description: "Speak at a rally, a city council hearing or a general meeting: a story, an ask, two minutes."}
	if err := d.a.CreateCourse(d.ctx, d.admin, c); err != nil {
		return err
	}
	if err := d.a.RecordFoundingTrainer(d.ctx, d.admin, c.ID, d.signers[110].ID(), "Trained the chapter's speakers before the program began"); err != nil {
		return err
	}
	d.sum.Courses++
	today := d.a.Today()
	if from := rankfile.QuarterOf(today).FlagFrom(); today.Before(from) {
		setClock(from.Time(d.a.Zone).Add(12 * time.Hour))
		defer setClock(time.Time{})
	}
	if _, err := d.a.QueueUnofferedCourses(d.ctx); err != nil {
		return err
	}
	var err error
	d.rulesSum.Unoffered, err = d.a.NotOfferedThisQuarter(d.ctx, d.admin)
	return err
}
