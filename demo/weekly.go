package demo

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// WeeklyIntro is the intro of the demo's weekly email.
const WeeklyIntro = "Welcome to the week! The **general meeting** votes on the fare-free buses resolution next month: read it and sign it on the proposals page."

// WeeklyIntroES is the same intro in Spanish, for the members who read
// Spanish.
const WeeklyIntroES = "¡Bienvenidos a la semana! La **asamblea general** vota el mes que viene la resolución de autobuses gratuitos: léela y fírmala en la página de propuestas."

// Weekly drafts the coming week's weekly email as the communications team
// finds it on Thursday, after putting two branch events in that week, so
// that each branch's copy differs: Central's general meeting, for its
// members, and a Westside canvass. coordinator@example.org, who is on the
// communications team, writes its intro. It returns the draft.
func Weekly(ctx context.Context, a *app.App) (*rankfile.WeeklyEmail, error) {
	d, err := newProposalDemo(ctx, a)
	if err != nil {
		return nil, err
	}
	e := &eventDemo{proposalDemo: d}
	monday := rankfile.ComingWeek(a.Today())
	at := func(days, hour int) time.Time {
		return monday.AddDays(days).Time(a.Zone).Add(time.Duration(hour) * time.Hour)
	}
	for _, ev := range []*rankfile.Event{
		{BodyID: e.body("Central"), Kind: rankfile.EventMeeting, Title: "Central branch general meeting", StartsAt: at(1, 19),
			Address: "Echo Park United Methodist Church, 1226 N Alvarado St, Los Angeles, CA 90026", Audience: rankfile.AudienceBody,
			Description: "Reports from the committees, and a vote on the branch's campaign for next year."},
		{BodyID: e.body("Westside"), Kind: rankfile.EventCanvass, Title: "Westside tenant canvass", StartsAt: at(5, 10),
			Address: "Mar Vista Recreation Center, 11430 Woodbine St, Los Angeles, CA 90066", Audience: rankfile.AudiencePublic,
			Registration: true, Capacity: 30},
	} {
		if _, err := e.put(ev, nil); err != nil {
			return nil, err
		}
	}
	comms := *d.coordinator
	comms.Communications = true
	wk, err := a.DraftWeekly(ctx, &comms, monday)
	if err != nil {
		return nil, err
	}
	intro, introES := WeeklyIntro, WeeklyIntroES
	return a.UpdateWeekly(ctx, &comms, wk.ID, rankfile.WeeklyUpdate{Intro: &intro, IntroES: &introES})
}
