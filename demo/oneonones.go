package demo

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// OneOnOnesSummary says what the demo's one-on-ones hold.
type OneOnOnesSummary struct {
	Organizers, People, Conversations int
}

// demoOrganizers is how many organizers of Central, besides
// member@example.org, the demo gives people to, and how many each.
const (
	demoOrganizers = 2
	demoPeopleEach = 4
)

// demoNote is a conversation of the demo: held daysAgo, with a follow-up
// followUpIn days after it (-1 for none).
type demoNote struct {
	daysAgo, followUpIn int
	method              rankfile.ContactMethod
	notes, nextStep     string
	tags                []string
	assessment          int
}

// demoNotes are what the demo's organizers wrote.
var demoNotes = []demoNote{
	{45, -1, rankfile.MethodCall, "Joined after the bus fare hearing. Works nights at a hospital; weekends are best.", "Invite to the transit working group",
		[]string{"transit", "healthcare"}, 2},
	{7, 7, rankfile.MethodInPerson, "Met at the canvass. Wants to help with tenant outreach in her building and speaks Spanish and Tagalog.",
		"Call back about the tenant meeting", []string{"tenants", "spanish", "tagalog"}, 3},
	{3, -1, rankfile.MethodText, "Texted about the general meeting; coming with a coworker.", "", []string{"labor"}, 3},
}

// OneOnOnes gives Central's members to organizers as its co-coordinator
// would, through the same app functions the pages use: member@example.org
// gets five people (two new from onboarding, one whose follow-up is due
// today, one not called in 45 days, one returning) and two other members
// a few each, with some conversations logged.
func OneOnOnes(ctx context.Context, a *app.App) (*OneOnOnesSummary, error) {
	coordinator, mine, err := demoActors(ctx, a)
	if err != nil {
		return nil, err
	}
	q, err := a.Queue(ctx, coordinator, "central", 200)
	if err != nil {
		return nil, err
	}
	var good []*rankfile.Member // organizers must be in good standing
	for _, m := range q.Members {
		if !isAccount(m.Email) && m.StandingOn(a.Today()).IsGood() {
			good = append(good, m)
		}
	}
	need := 5 + demoOrganizers*(1+demoPeopleEach)
	if len(good) < need {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the demo's Central branch has %d members in good standing; it needs %d", len(good), need)
	}
	sum := &OneOnOnesSummary{Organizers: 1 + demoOrganizers}
	people, rest := good[:5], good[5:]
	if err := mineToCall(ctx, a, coordinator, mine, people, sum); err != nil {
		return nil, err
	}
	for i := 0; i < demoOrganizers; i++ {
		organizer, theirs := rest[0], rest[1:1+demoPeopleEach]
		rest = rest[1+demoPeopleEach:]
		if err := othersToCall(ctx, a, coordinator, organizer, theirs, sum); err != nil {
			return nil, err
		}
	}
	return sum, nil
}

// demoActors returns Central's co-coordinator and member@example.org as
// they sign in, seats and all.
func demoActors(ctx context.Context, a *app.App) (coordinator, mine *rankfile.Actor, err error) {
	actors := []**rankfile.Actor{&coordinator, &mine}
	for i, email := range []string{Accounts[1].Email, Accounts[2].Email} {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: email})
		if err != nil {
			return nil, nil, err
		}
		if *actors[i], err = a.Auth.Actor(ctx, m.ID); err != nil {
			return nil, nil, err
		}
	}
	return coordinator, mine, nil
}

// mineToCall gives member@example.org their five people and logs their
// conversations with three of them.
func mineToCall(ctx context.Context, a *app.App, coordinator, mine *rankfile.Actor, people []*rankfile.Member, sum *OneOnOnesSummary) error {
	reasons := []rankfile.AssignReason{rankfile.AssignNew, rankfile.AssignNew, rankfile.AssignManual, rankfile.AssignManual, rankfile.AssignReturning}
	for i, p := range people {
		var err error
		if reasons[i] == rankfile.AssignNew {
			_, err = a.AssignByPath(ctx, "onboarding", p.ID, mine.ID(), reasons[i])
		} else {
			_, err = a.Assign(ctx, coordinator, p.ID, mine.ID(), reasons[i])
		}
		if err != nil {
			return err
		}
		sum.People++
	}
	// The third has a follow-up due today; the fourth was called 45 days ago.
	if err := logDemo(ctx, a, mine, people[2].ID, demoNotes[1], sum); err != nil {
		return err
	}
	return logDemo(ctx, a, mine, people[3].ID, demoNotes[0], sum)
}

// othersToCall gives an organizer their people and logs a conversation
// with each but the last.
func othersToCall(ctx context.Context, a *app.App, coordinator *rankfile.Actor, organizer *rankfile.Member, people []*rankfile.Member, sum *OneOnOnesSummary) error {
	actor, err := a.Auth.Actor(ctx, organizer.ID)
	if err != nil {
		return err
	}
	for i, p := range people {
		if _, err := a.Assign(ctx, coordinator, p.ID, organizer.ID, rankfile.AssignManual); err != nil {
			return err
		}
		sum.People++
		if i < len(people)-1 {
			if err := logDemo(ctx, a, actor, p.ID, demoNotes[i%len(demoNotes)], sum); err != nil {
				return err
			}
		}
	}
	return nil
}

// logDemo logs one of demoNotes as the author's.
func logDemo(ctx context.Context, a *app.App, author *rankfile.Actor, memberID int64, n demoNote, sum *OneOnOnesSummary) error {
	today := a.Today()
	c := &rankfile.Conversation{MemberID: memberID, On: today.AddDays(-n.daysAgo), Method: n.method, Notes: n.notes,
		NextStep: n.nextStep, Tags: n.tags, Assessment: n.assessment, Availability: "weekday evenings"}
	if n.followUpIn >= 0 {
		c.FollowUpOn = c.On.AddDays(n.followUpIn)
	}
	if err := a.LogConversation(ctx, author, c); err != nil {
		return err
	}
	sum.Conversations++
	return nil
}
