package demo

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// FeedbackSummary is what the demo's feedback shows.
type FeedbackSummary struct {
	// Trainings are the past trainings, oldest first; Answers how many
	// answered about each.
	Trainings []*rankfile.Event
	Answers   []int
}

// FeedbackBody names the body hosting the demo's trainings: Central,
// whose co-coordinator (coordinator@example.org) sees their feedback.
const FeedbackBody = "central"

// Feedback holds three of Central's trainings in the weeks past through
// the web app's operations, checks people in, and has them answer the
// feedback form as the pages do, each within its window: five weeks ago
// (nine answers), twelve days ago (seven) and eight days ago (three,
// below the threshold, so its results wait), all before last week's
// canvass, the calendar's latest past event. member@example.org came to the
// last one and has not answered: its page offers her the form. setClock
// works as for Elections.
func Feedback(ctx context.Context, a *app.App, setClock func(time.Time)) (*FeedbackSummary, error) {
	d, err := newProposalDemo(ctx, a)
	if err != nil || len(d.signers) < minDemoSigners {
		return nil, err
	}
	e := &eventDemo{proposalDemo: d}
	defer setClock(time.Time{})
	var starts []time.Time // read before the clock moves
	for _, t := range demoTrainings {
		starts = append(starts, e.at(-t.daysAgo, 18, 30))
	}
	sum := &FeedbackSummary{}
	for i, t := range demoTrainings {
		ev, err := e.pastTraining(setClock, t, starts[i])
		if err != nil {
			return nil, err
		}
		if i == len(demoTrainings)-1 {
			if _, err := a.CheckInWalkIn(ctx, d.admin, ev.ID, rankfile.Registrant{MemberID: d.mine.ID()}); err != nil {
				return nil, err
			}
		}
		setClock(ev.EndsAt.Add(20 * time.Hour))
		if err := e.answerFeedback(ev, t); err != nil {
			return nil, err
		}
		sum.Trainings, sum.Answers = append(sum.Trainings, ev), append(sum.Answers, t.answers)
	}
	return sum, nil
}

// demoTraining is one past training of the demo.
type demoTraining struct {
	title            string
	daysAgo, came    int
	answers, signers int // from signer signers on
}

var demoTrainings = []demoTraining{
	{title: "Organizer training: one-on-one conversations", daysAgo: 35, came: 12, answers: 9, signers: 80},
	{title: "Organizer training: running a phonebank", daysAgo: 12, came: 10, answers: 7, signers: 92},
	{title: "Organizer training: facilitating a meeting", daysAgo: 8, came: 8, answers: 3, signers: 102},
}

// pastTraining puts a training of Central's on the calendar at start and
// checks in those who came.
func (d *eventDemo) pastTraining(setClock func(time.Time), t demoTraining, start time.Time) (*rankfile.Event, error) {
	setClock(start.Add(-7 * 24 * time.Hour))
	e, err := d.put(&rankfile.Event{BodyID: d.body(FeedbackBody), Kind: rankfile.EventTraining, Title: t.title,
		Description: "Practice in pairs, then plan your next steps.", StartsAt: start,
		Address: "Chapter office, 3101 W 6th St, Los Angeles, CA 90020", Audience: rankfile.AudienceMembers}, nil)
	if err != nil {
		return nil, err
	}
	setClock(start.Add(10 * time.Minute))
	for _, s := range d.signers[t.signers : t.signers+t.came] {
		if _, err := d.a.CheckInWalkIn(d.ctx, d.admin, e.ID, rankfile.Registrant{MemberID: s.ID()}); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// feedbackTexts are what the demo's attendees write, some in Spanish;
// every third signs.
var feedbackTexts = []string{
	"The role plays were the best part. More time for them, please.",
	"Me ayudó mucho practicar en pareja. Ojalá hubiera más ejemplos en español.",
	"",
	"Clear and well paced. I'd like a handout to take home.",
	"The room was too hot, but the content was great.",
	"",
	"Now I know how to ask someone to take a next step.",
	"Muy buena facilitación. Quiero la próxima capacitación.",
	"Too short: we ran out of time for questions.",
}

// answerFeedback has the first answers of those who came answer the form,
// with scores that vary from one to the next.
func (d *eventDemo) answerFeedback(e *rankfile.Event, t demoTraining) error {
	for i, s := range d.signers[t.signers : t.signers+t.answers] {
		in := app.FeedbackInput{Scores: []int{3 + (i+t.daysAgo)%3, 2 + (i*7+t.daysAgo)%4, 2 + i%4},
			Text: feedbackTexts[i%len(feedbackTexts)], Sign: i%3 == 2}
		if err := d.a.GiveFeedback(d.ctx, s, e.ID, in); err != nil {
			return err
		}
	}
	return nil
}
