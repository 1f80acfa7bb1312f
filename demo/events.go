package demo

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Events puts a few weeks of the chapter's life on the calendar through
// the web app's operations: a weekly phonebank, the monthly orientation for
// new members, canvasses, a rally, a social, a committee's own meeting,
// and an organizer training that is full, with a waitlist. Last week's
// canvass has its attendance taken. member@example.org is registered for
// the orientation. setClock works as for Elections. It returns how many
// events it made.
func Events(ctx context.Context, a *app.App, setClock func(time.Time)) (int, error) {
	d, err := newProposalDemo(ctx, a)
	if err != nil || len(d.signers) < minDemoSigners {
		return 0, err
	}
	e := &eventDemo{proposalDemo: d}
	if err := e.pastCanvass(setClock); err != nil {
		return 0, err
	}
	for _, make := range []func() error{e.series, e.upcoming, e.fullTraining} {
		if err := make(); err != nil {
			return 0, err
		}
	}
	return e.made, nil
}

type eventDemo struct {
	*proposalDemo
	made int
}

// at is the chapter's day today plus days, at hour:minute.
func (d *eventDemo) at(days, hour, minute int) time.Time {
	y, m, day := d.a.Now().In(d.a.Zone).AddDate(0, 0, days).Date()
	return time.Date(y, m, day, hour, minute, 0, 0, d.a.Zone)
}

// body finds one of the demo's bodies by name.
func (d *eventDemo) body(name string) int64 {
	b, err := d.a.Bodies.FindBody(d.ctx, rankfile.BodyFilter{Slug: rankfile.Slugify(name)})
	if err != nil {
		return d.chapter.ID
	}
	return b.ID
}

// put creates an event (a series with r) and returns its first occurrence.
func (d *eventDemo) put(e *rankfile.Event, r *rankfile.Recurrence) (*rankfile.Event, error) {
	if e.EndsAt.IsZero() {
		e.EndsAt = e.StartsAt.Add(2 * time.Hour)
	}
	events, err := d.a.CreateEvent(d.ctx, d.admin, e, r)
	if err != nil {
		return nil, err
	}
	d.made += len(events)
	return events[0], nil
}

// register registers signers from..to-1 for an event.
func (d *eventDemo) register(e *rankfile.Event, from, to int) error {
	for _, s := range d.signers[from:to] {
		if _, err := d.a.RegisterForEvent(d.ctx, s, e.ID); err != nil {
			return err
		}
	}
	return nil
}

// pastCanvass is last Saturday's canvass, with who came checked in.
func (d *eventDemo) pastCanvass(setClock func(time.Time)) error {
	start := d.at(-7, 10, 0)
	setClock(start.Add(-5 * 24 * time.Hour))
	defer setClock(time.Time{})
	e, err := d.put(&rankfile.Event{BodyID: d.body("Housing & Homelessness"), Kind: rankfile.EventCanvass,
		Title: "Tenant canvass in Boyle Heights", Description: "We knock on doors with the tenant union: no experience needed, we pair you with someone who has done it.",
		StartsAt: start, EndsAt: start.Add(3 * time.Hour), Address: "Mariachi Plaza, 1831 E 1st St, Los Angeles, CA 90033",
		Audience: rankfile.AudiencePublic, Registration: true, Capacity: 30, Safety: "We canvass in pairs, and leave any door where we are not welcome."}, nil)
	if err != nil {
		return err
	}
	if err := d.register(e, 0, 18); err != nil {
		return err
	}
	setClock(start.Add(10 * time.Minute))
	regs, err := d.a.Events.Registrations(d.ctx, e.ID)
	if err != nil {
		return err
	}
	for _, r := range regs[:14] {
		if _, err := d.a.CheckInRegistrant(d.ctx, d.admin, e.ID, r.ID); err != nil {
			return err
		}
	}
	_, err = d.a.CheckInWalkIn(d.ctx, d.admin, e.ID, rankfile.Registrant{MemberID: d.signers[40].ID()})
	return err
}

// series are the events that repeat: the weekly phonebank and the monthly
// orientation for new members, which member@example.org signed up for.
func (d *eventDemo) series() error {
	until := rankfile.DateOf(d.at(60, 0, 0))
	_, err := d.put(&rankfile.Event{BodyID: d.body("Electoral Politics"), Kind: rankfile.EventPhonebank,
		Title: "Phonebank for fare-free buses", Description: "Call members about the fare-free buses campaign. Scripts and training at the start.",
		StartsAt: d.at(2, 18, 30), Address: "Chapter office, 3101 W 6th St, Los Angeles, CA 90020", OnlineURL: "https://meet.example.org/phonebank",
		Audience: rankfile.AudienceMembers}, &rankfile.Recurrence{Frequency: rankfile.Weekly, Until: until, Except: holidays(until)})
	if err != nil {
		return err
	}
	orientation, err := d.put(&rankfile.Event{BodyID: d.body("Political Education"), Kind: rankfile.EventOrientation,
		Title: "New member orientation (DSA 101)", Description: "How the chapter works, how decisions are made, and how to get involved. For new and curious members.",
		StartsAt: d.at(5, 11, 0), OnlineURL: "https://meet.example.org/j/101101", PrivateDetails: "Passcode: 101101. Cameras optional.",
		Audience: rankfile.AudiencePublic, Registration: true, Capacity: 60, Accessibility: "Live captions; Spanish interpretation on request."},
		&rankfile.Recurrence{Frequency: rankfile.Monthly, Until: rankfile.DateOf(d.at(95, 0, 0)), Except: holidays(until)})
	if err != nil {
		return err
	}
	if err := d.register(orientation, 20, 45); err != nil {
		return err
	}
	_, err = d.a.RegisterForEvent(d.ctx, d.mine, orientation.ID)
	return err
}

// holidays are the days the chapter's series skip, as its volunteers do,
// up to until: Christmas Eve and Day, New Year's Eve and Day.
func holidays(until rankfile.Date) []rankfile.Date {
	var out []rankfile.Date
	for y := until.Year - 1; y <= until.Year; y++ {
		out = append(out, rankfile.Date{Year: y, Month: time.December, Day: 24}, rankfile.Date{Year: y, Month: time.December, Day: 25},
			rankfile.Date{Year: y, Month: time.December, Day: 31}, rankfile.Date{Year: y + 1, Month: time.January, Day: 1})
	}
	return out
}

// upcoming are the weeks' single events.
func (d *eventDemo) upcoming() error {
	for _, e := range []*rankfile.Event{
		{BodyID: d.chapter.ID, Kind: rankfile.EventAction, Title: "Rally for tenant protections at City Hall",
			Description: "The City Council votes on the tenant anti-harassment ordinance. Wear red.", StartsAt: d.at(9, 9, 0),
			Address: "Los Angeles City Hall, 200 N Spring St, Los Angeles, CA 90012", Audience: rankfile.AudiencePublic,
			Safety: "Marshals in orange vests; know-your-rights cards at the table."},
		{BodyID: d.body("Housing & Homelessness"), Kind: rankfile.EventCanvass, Title: "Tenant canvass in Highland Park",
			StartsAt: d.at(6, 10, 0), Address: "Highland Park Metro station, 5700 N Marmion Way, Los Angeles, CA 90042",
			Audience: rankfile.AudiencePublic, Registration: true, Capacity: 25},
		{BodyID: d.body("Housing & Homelessness"), Kind: rankfile.EventMeeting, Title: "Housing & Homelessness committee meeting",
			StartsAt: d.at(3, 19, 0), OnlineURL: "https://meet.example.org/housing", Audience: rankfile.AudienceBody},
		{BodyID: d.chapter.ID, Kind: rankfile.EventSocial, Title: "Holiday party", StartsAt: d.at(20, 18, 0),
			Address: "Union hall, 1000 S Hill St, Los Angeles, CA 90015", Audience: rankfile.AudiencePublic,
			Accessibility: "Step-free entrance; childcare by the Childcare working group.", CohostIDs: []int64{d.body("Childcare")}},
	} {
		if _, err := d.put(e, nil); err != nil {
			return err
		}
	}
	return nil
}

// fullTraining is an organizer training whose 20 seats are taken, with
// six on its waitlist.
func (d *eventDemo) fullTraining() error {
	e, err := d.put(&rankfile.Event{BodyID: d.body("Political Education"), Kind: rankfile.EventTraining,
		Title: "Organizer training: one-on-one conversations", Description: "The basic skill of organizing, practised in pairs.",
		StartsAt: d.at(4, 18, 30), Address: "Chapter office, 3101 W 6th St, Los Angeles, CA 90020", Audience: rankfile.AudienceMembers,
		Registration: true, Capacity: 20}, nil)
	if err != nil {
		return err
	}
	return d.register(e, 50, 76)
}
