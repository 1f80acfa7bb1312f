package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A week on the doors: the demo campaign's turfs walked over the last
// seven days by a dozen canvassers, through the app's operations as their
// phones send them, and a turf out with member@example.org today, so that
// /canvass shows them one to walk.

// FieldSummary says what the week on the doors holds.
type FieldSummary struct {
	Turfs, Attempts, Contacts, Supporters, Volunteers, Met int
	// Today is the turf out with member@example.org now; nil when every
	// turf was walked.
	Today *rankfile.Turf
}

// FieldTarget is about how many attempts the week holds.
const FieldTarget = 1500

// FieldResults walks the campaign's open turfs, a few a day over the last
// seven days, until about FieldTarget attempts are recorded or the turfs
// run out; setClock works as for Elections.
func FieldResults(ctx context.Context, a *app.App, setClock func(time.Time), campaignID int64) (*FieldSummary, error) {
	d, err := newFieldDemo(ctx, a, campaignID)
	if err != nil {
		return nil, err
	}
	defer setClock(time.Time{})
	now := a.Now()
	for day := 7; day >= 1 && d.sum.Attempts < FieldTarget && len(d.turfs) > 1; day-- {
		for shift := 0; shift < 4 && d.sum.Attempts < FieldTarget && len(d.turfs) > 1; shift++ {
			setClock(now.AddDate(0, 0, -day).Truncate(time.Hour).Add(time.Duration(shift) * 40 * time.Minute))
			if err := d.walk(d.turfs[0], d.canvassers[(day*4+shift)%len(d.canvassers)]); err != nil {
				return nil, fmt.Errorf("walking %s: %w", d.turfs[0].Name, err)
			}
			d.turfs = d.turfs[1:]
		}
	}
	setClock(time.Time{})
	if len(d.turfs) > 0 {
		d.sum.Today = d.turfs[0]
		err = a.CheckOutTurf(ctx, d.admin, d.sum.Today.ID, d.mine.Member.ID, 0, a.Now().Add(rankfile.MaxCheckout-time.Hour))
	}
	return d.sum, err
}

type fieldDemo struct {
	ctx        context.Context
	a          *app.App
	rng        *rand.Rand
	admin      *rankfile.Actor
	mine       *rankfile.Actor
	canvassers []*rankfile.Actor
	turfs      []*rankfile.Turf
	script     *rankfile.CampaignScript
	sum        *FieldSummary
	n          int
}

func newFieldDemo(ctx context.Context, a *app.App, campaignID int64) (*fieldDemo, error) {
	p, err := newProposalDemo(ctx, a)
	if err != nil {
		return nil, err
	}
	d := &fieldDemo{ctx: ctx, a: a, rng: rand.New(rand.NewPCG(24, 2026)), admin: p.admin, mine: p.mine, sum: &FieldSummary{}}
	d.canvassers = append([]*rankfile.Actor{p.coordinator}, p.signers[:min(11, len(p.signers))]...)
	turfs, err := a.Turfs.Turfs(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	for _, t := range turfs {
		if t.Open && t.CanvasserID == 0 {
			d.turfs = append(d.turfs, t)
		}
	}
	d.script, err = a.Campaigns.CampaignScript(ctx, campaignID)
	return d, err
}

// walk checks the turf out to the canvasser for a shift, knocks on its
// doors in order, three minutes apart, and sends the attempts as the
// phone would, at the end of the shift.
func (d *fieldDemo) walk(t *rankfile.Turf, canvasser *rankfile.Actor) error {
	start := d.a.Now()
	if err := d.a.CheckOutTurf(d.ctx, d.admin, t.ID, canvasser.Member.ID, 0, start.Add(4*time.Hour)); err != nil {
		return err
	}
	walk, err := d.a.Walk(d.ctx, canvasser, t.ID)
	if err != nil {
		return err
	}
	var batch []*rankfile.Attempt
	for i, door := range walk.Doors {
		batch = append(batch, d.knock(t, door, start.Add(time.Duration(i)*3*time.Minute)))
	}
	if _, err := d.a.RecordAttempts(d.ctx, canvasser, batch); err != nil {
		return err
	}
	d.sum.Turfs++
	d.sum.Attempts += len(batch)
	return nil
}

// knock is what came of one door: mostly nobody home, a third of the
// time a conversation, now and then a refusal, a move, a locked gate, or
// a "never again".
func (d *fieldDemo) knock(t *rankfile.Turf, door *app.WalkDoor, at time.Time) *rankfile.Attempt {
	d.n++
	a := &rankfile.Attempt{ClientID: fmt.Sprintf("demo-%d-%06d", t.ID, d.n), TurfID: t.ID, HouseholdID: door.Household.ID,
		Channel: rankfile.ChannelDoor, At: at}
	switch r := d.rng.IntN(100); {
	case r < 48:
		a.Result = rankfile.ResultNotHome
	case r < 80:
		a.Result = rankfile.ResultContact
		d.talk(a, door)
	case r < 90:
		a.Result = rankfile.ResultRefused
	case r < 94:
		a.Result = rankfile.ResultInaccessible
	case r < 98:
		a.Result = rankfile.ResultMoved
	default:
		a.Result = rankfile.ResultDoNotContact
	}
	return a
}

// talk fills in a conversation: who answered (now and then someone not
// on the list), their support, an issue or two, the survey.
func (d *fieldDemo) talk(a *rankfile.Attempt, door *app.WalkDoor) {
	d.sum.Contacts++
	switch {
	case d.rng.IntN(25) == 0 || len(door.People) == 0:
		a.Met = &rankfile.PersonMet{FirstName: metNames[d.rng.IntN(len(metNames))], LastName: "Neighbor"}
		d.sum.Met++
	default:
		a.TargetID = door.People[d.rng.IntN(len(door.People))].ID
	}
	a.Support = []int{5, 5, 4, 4, 4, 3, 3, 2, 1}[d.rng.IntN(9)]
	if a.Support >= 4 {
		d.sum.Supporters++
		a.Volunteer = d.rng.IntN(6) == 0
		a.KeepInTouch = a.Volunteer || d.rng.IntN(3) == 0
	}
	if a.Volunteer {
		d.sum.Volunteers++
	}
	if issues := d.script.Issues; len(issues) > 0 {
		a.Issues = []string{issues[d.rng.IntN(len(issues))]}
	}
	a.Answers = map[string]string{}
	for _, q := range d.script.Questions {
		if q.Kind == rankfile.QuestionChoice {
			a.Answers[q.Key] = q.Options[d.rng.IntN(len(q.Options))]
		}
	}
}

var metNames = []string{"Ana", "Luis", "Grace", "Tomás", "Keiko", "Marcus", "Lupe", "Dev", "Rosa", "Sam"}
