package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// PhonebanksSummary is what the demo's phonebank shows.
type PhonebanksSummary struct {
	Renewals *rankfile.Phonebank
	Shift    *rankfile.Event
	Calls    int // the calls on its list
	Made     int // the calls made over the past week
}

// renewalScript is what the renewal phonebank's callers say.
const renewalScript = `Hi, is this **{name}**? I'm a volunteer with the Los Angeles chapter.

We noticed your membership ran out recently, and we'd love to have you back.

- Ask: *What's been keeping you busy? Is there anything the chapter could do better?*
- Renew at the national site, or on a sliding scale: no one is turned away for lack of funds.
- Invite them to the next general meeting and their branch's next event.`

// Phonebanks starts the chapter's renewal phonebank over members who
// whose membership ran out in the last 90 days, run by the chapter (steward@example.org),
// with a shift next Tuesday evening. Over the past week, five volunteers
// called from it a day at a time through the web app, as the page does
// (a batch taken, each call's result recorded); member@example.org and
// coordinator@example.org are its callers too, and member@example.org
// holds a batch now, so that her page shows the calls with their numbers.
// setClock works as for Elections.
func Phonebanks(ctx context.Context, a *app.App, setClock func(time.Time)) (*PhonebanksSummary, error) {
	d, err := newProposalDemo(ctx, a)
	if err != nil || len(d.signers) < minDemoSigners {
		return nil, err
	}
	e := &eventDemo{proposalDemo: d}
	sum := &PhonebanksSummary{}
	start := e.at(nextWeekday(a.Now().In(a.Zone), time.Tuesday), 18, 30)
	if sum.Shift, err = e.put(&rankfile.Event{BodyID: d.chapter.ID, Kind: rankfile.EventPhonebank, Title: "Renewal phonebank",
		Description: "Call members whose dues ran out. Bring a charged phone; the script is on the phonebank's page.",
		StartsAt:    start, Address: "Chapter office, 3400 W 6th St, Los Angeles", Audience: rankfile.AudienceMembers,
		Registration: true}, nil); err != nil {
		return nil, err
	}
	p := &rankfile.Phonebank{BodyID: d.chapter.ID, EventID: sum.Shift.ID, Name: "Renewal calls", Source: rankfile.PhonebankRoster,
		Filter: rankfile.CallFilter{LapsedWithinDays: 90}, Script: renewalScript,
		BatchSize: 8, CooldownDays: 14}
	if err := a.CreatePhonebank(ctx, d.admin, p); err != nil {
		return nil, err
	}
	sum.Renewals = p
	callers := append([]*rankfile.Actor{d.mine, d.coordinator}, d.signers[:5]...)
	for _, c := range callers {
		if err := a.AddCaller(ctx, d.admin, p.ID, c.ID()); err != nil {
			return nil, err
		}
	}
	if sum.Made, err = pastCalls(ctx, a, e, p, d.signers[:5], setClock); err != nil {
		return nil, err
	}
	if _, err := a.ClaimCalls(ctx, d.mine, p.ID); err != nil {
		return nil, err
	}
	prog, err := a.Phonebanks.PhonebankProgress(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	sum.Calls = prog.Calls
	return sum, nil
}

// nextWeekday returns in how many days the next such weekday is (1 to 7).
func nextWeekday(now time.Time, day time.Weekday) int {
	n := (int(day) - int(now.Weekday()) + 7) % 7
	if n == 0 {
		n = 7
	}
	return n
}

// demoCallResults is the mix of what calls came to, drawn in turn: most
// calls go unanswered, as on any phonebank.
var demoCallResults = []rankfile.AttemptResult{rankfile.ResultNotHome, rankfile.ResultContact, rankfile.ResultNotHome,
	rankfile.ResultNotHome, rankfile.ResultContact, rankfile.ResultCallBack, rankfile.ResultNotHome, rankfile.ResultWrongNumber,
	rankfile.ResultNotHome, rankfile.ResultContact, rankfile.ResultRefused, rankfile.ResultNotHome, rankfile.ResultDoNotContact}

// pastCalls has the callers take a batch each evening of the past week
// and call through it.
func pastCalls(ctx context.Context, a *app.App, e *eventDemo, p *rankfile.Phonebank, callers []*rankfile.Actor, setClock func(time.Time)) (int, error) {
	defer setClock(time.Time{})
	var evenings []time.Time // read before the clock moves
	for day := -7; day <= -1; day++ {
		evenings = append(evenings, e.at(day, 18, 0))
	}
	made := 0
	for _, evening := range evenings {
		for i, c := range callers {
			at := evening.Add(time.Duration(10*i) * time.Minute)
			setClock(at)
			calls, err := a.ClaimCalls(ctx, c, p.ID)
			if err != nil {
				return made, err
			}
			for j, call := range calls {
				result := demoCallResults[(made+j)%len(demoCallResults)]
				a := demoCall(call, result, at.Add(time.Duration(j*4)*time.Minute), made+j)
				if _, err := e.a.RecordCalls(ctx, c, p.ID, []*rankfile.Attempt{a}); err != nil {
					return made, err
				}
			}
			made += len(calls)
		}
	}
	return made, nil
}

// demoCall is the record of the nth call of the demo.
func demoCall(call *rankfile.Call, result rankfile.AttemptResult, at time.Time, n int) *rankfile.Attempt {
	a := &rankfile.Attempt{ClientID: fmt.Sprintf("demo-renewal-%05d", n), CallID: call.ID, Result: result, At: at}
	switch result {
	case rankfile.ResultContact:
		a.Volunteer, a.Notes = n%3 == 0, "Will renew this week; wants to hear about the tenants' campaign."
	case rankfile.ResultCallBack:
		a.CallBackAt, a.Notes = at.Add(26*time.Hour), "At work; call tomorrow evening."
	}
	return a
}
