package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// A new member's checklist, ticked from what rankfile records of her:
// the one computation behind her home, the organizer's list of people
// and the JSON API.

// Onboarding is a member's own view of her path: the steps of her latest
// path (none when no import started one) and her checklist.
type Onboarding struct {
	Steps     []*rankfile.PathStep `json:"steps"`
	Checklist *rankfile.Checklist  `json:"checklist"`
}

// MyOnboarding returns the signed-in member's path and checklist.
func (a *App) MyOnboarding(ctx context.Context, actor *rankfile.Actor) (*Onboarding, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	steps, err := a.Onboarding.MemberPath(ctx, actor.ID())
	if err != nil {
		return nil, err
	}
	lists, err := a.Checklists(ctx, []int64{actor.ID()})
	if err != nil {
		return nil, err
	}
	return &Onboarding{Steps: steps, Checklist: lists[actor.ID()]}, nil
}

// Checklists returns the checklist of each member given. Callers check
// that the actor may see them.
func (a *App) Checklists(ctx context.Context, memberIDs []int64) (map[int64]*rankfile.Checklist, error) {
	firsts, err := a.Onboarding.ChecklistFirsts(ctx, memberIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*rankfile.Checklist, len(memberIDs))
	for _, id := range memberIDs {
		out[id] = rankfile.NewChecklist(firsts[id])
	}
	return out, nil
}

// homeOnboarding sets the home's checklist when the member has a path;
// most members have none, which costs the home one indexed read.
func (a *App) homeOnboarding(ctx context.Context, actor *rankfile.Actor, h *Home) error {
	steps, err := a.Onboarding.MemberPath(ctx, actor.ID())
	if err != nil || len(steps) == 0 {
		return err
	}
	lists, err := a.Checklists(ctx, []int64{actor.ID()})
	if err != nil {
		return err
	}
	h.Onboarding = &Onboarding{Steps: steps, Checklist: lists[actor.ID()]}
	return nil
}

// peopleChecklists sets each person's checklist.
func (a *App) peopleChecklists(ctx context.Context, people []*rankfile.Person) error {
	ids := make([]int64, len(people))
	for i, p := range people {
		ids[i] = p.Assignment.MemberID
	}
	lists, err := a.Checklists(ctx, ids)
	if err != nil {
		return err
	}
	for _, p := range people {
		p.Checklist = lists[p.Assignment.MemberID]
	}
	return nil
}
