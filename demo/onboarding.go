package demo

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// OnboardingSummary says what the demo's onboarding paths hold.
type OnboardingSummary struct {
	// Steps is how many steps the clock did; Logged how many first
	// one-on-ones member@example.org logged with her new people.
	Steps, Logged int
	// Newcomer is a new member of this month's list, with the path, to
	// sign in as.
	Newcomer *rankfile.Member
}

// Onboarding walks this month's new members (and those back from lapsed)
// along their path as the server's clock does (App.Onboard): welcome
// emails and orientation invitations queued, organizers given by captain
// and by load. Then member@example.org and a few of the organizers the
// path gave people to log a first one-on-one with one of them each, whose
// checklist ticks it; the others' wait in their organizers' lists.
func Onboarding(ctx context.Context, a *app.App) (*OnboardingSummary, error) {
	n, err := a.Onboard(ctx)
	if err != nil {
		return nil, err
	}
	sum := &OnboardingSummary{Steps: n}
	_, mine, err := demoActors(ctx, a)
	if err != nil {
		return nil, err
	}
	people, err := a.People(ctx, mine)
	if err != nil {
		return nil, err
	}
	count := &OneOnOnesSummary{}
	for _, g := range people.Groups {
		for _, p := range g.People {
			if g.Group != rankfile.PersonNew || count.Conversations == 1 {
				continue
			}
			if err := logDemo(ctx, a, mine, p.Member.ID, demoNotes[2], count); err != nil {
				return nil, err
			}
			sum.Newcomer = p.Member
		}
	}
	if err := firstCalls(ctx, a, mine.ID(), count); err != nil {
		return nil, err
	}
	sum.Logged = count.Conversations
	return sum, nil
}

// demoFirstCalls is how many other organizers log a first one-on-one
// with one of the people the path gave them.
const demoFirstCalls = 3

// firstCalls has demoFirstCalls organizers (not member@example.org, whose
// id is mine) each call the first of the people the path gave them.
func firstCalls(ctx context.Context, a *app.App, mine int64, count *OneOnOnesSummary) error {
	open, err := a.OneOnOnes.FindAssignments(ctx, rankfile.AssignmentFilter{OpenOnly: true})
	if err != nil {
		return err
	}
	called := map[int64]bool{mine: true}
	for i := len(open) - 1; i >= 0 && len(called) <= demoFirstCalls; i-- { // oldest first
		asg := open[i]
		if asg.AssignedBy != "onboarding" || called[asg.OrganizerID] {
			continue
		}
		organizer, err := a.Auth.Actor(ctx, asg.OrganizerID)
		if err != nil {
			return err
		}
		if err := logDemo(ctx, a, organizer, asg.MemberID, demoNotes[2], count); err != nil {
			return err
		}
		called[asg.OrganizerID] = true
	}
	return nil
}
