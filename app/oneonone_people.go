package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/rankfile/rankfile"
)

// An organizer's people, in the order to call them, and the chapter's
// settings for one-on-ones.

// PeopleList is an organizer's people, grouped in the order to call them:
// new, follow-ups due, not contacted in StaleDays, returning, the rest.
type PeopleList struct {
	Groups    []*PeopleGroup `json:"groups"`
	StaleDays int            `json:"stale_days"`
	Total     int            `json:"total"`
}

// PeopleGroup is one group of the list; empty groups are left out.
type PeopleGroup struct {
	Group  rankfile.PersonGroup `json:"group"`
	People []*rankfile.Person   `json:"people"`
}

// People returns the actor's people, each shown by name and contact.
// Seeing them is audited as a look at their contact details.
func (a *App) People(ctx context.Context, actor *rankfile.Actor) (*PeopleList, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	staleDays, err := a.StaleDays(ctx)
	if err != nil {
		return nil, err
	}
	people, err := a.OneOnOnes.People(ctx, actor.ID())
	if err != nil {
		return nil, err
	}
	if err := a.peopleChecklists(ctx, people); err != nil {
		return nil, err
	}
	today, byGroup := a.Today(), map[rankfile.PersonGroup][]*rankfile.Person{}
	for _, p := range people {
		v, wishes := actor.PersonVisibility(p.Member, nil, p.Assignment.OrganizerID), p.Member.ContactWishes()
		p.Member = rankfile.Redact(p.Member, min(v, rankfile.SeeContact), today)
		p.Member.Contact = wishes // the member's own choices (do not call) over the list's
		p.Group = rankfile.GroupPerson(p, today, staleDays)
		byGroup[p.Group] = append(byGroup[p.Group], p)
	}
	list := &PeopleList{StaleDays: staleDays, Total: len(people)}
	for _, g := range rankfile.PersonGroups {
		if len(byGroup[g]) > 0 {
			slices.SortStableFunc(byGroup[g], personOrder(g))
			list.Groups = append(list.Groups, &PeopleGroup{Group: g, People: byGroup[g]})
		}
	}
	if len(people) == 0 {
		return list, nil
	}
	return list, a.Audit.Record(as(ctx, actor), rankfile.AuditViewContact, 0, fmt.Sprintf("one-on-one people: %d", len(people)))
}

// personOrder orders a group: follow-ups by their date, the long
// uncontacted by their last contact, the others as they were assigned.
func personOrder(g rankfile.PersonGroup) func(p, q *rankfile.Person) int {
	switch g {
	case rankfile.PersonFollowUp:
		return func(p, q *rankfile.Person) int { return p.FollowUpOn.Compare(q.FollowUpOn) }
	case rankfile.PersonStale, rankfile.PersonRecent:
		return func(p, q *rankfile.Person) int { return p.LastContact.Compare(q.LastContact) }
	}
	return func(p, q *rankfile.Person) int { return cmp.Compare(p.Assignment.ID, q.Assignment.ID) }
}

// StaleDays returns the chapter's "not contacted in N days".
func (a *App) StaleDays(ctx context.Context) (int, error) {
	s, err := a.Settings.Setting(ctx, rankfile.SettingStaleDays)
	if err != nil {
		return 0, err
	}
	return rankfile.ParseStaleDays(s)
}

// AssessmentScale returns the chapter's names for the assessment's five
// levels, lowest first; nil when the chapter kept the default names,
// which the pages say in the reader's language.
func (a *App) AssessmentScale(ctx context.Context) ([]string, error) {
	s, err := a.Settings.Setting(ctx, rankfile.SettingAssessmentScale)
	if err != nil {
		return nil, err
	}
	return rankfile.ParseAssessmentScale(s)
}

// organizerOf returns the member's open assignment, nil when none.
func (a *App) organizerOf(ctx context.Context, memberID int64) (*rankfile.Assignment, error) {
	open, err := a.OneOnOnes.FindAssignments(ctx, rankfile.AssignmentFilter{MemberID: memberID, OpenOnly: true})
	if err != nil || len(open) == 0 {
		return nil, err
	}
	return open[0], nil
}

// organizerID is the id of the member's organizer, 0 for none.
func (a *App) organizerID(ctx context.Context, memberID int64) (int64, error) {
	asg, err := a.organizerOf(ctx, memberID)
	if asg == nil {
		return 0, err
	}
	return asg.OrganizerID, nil
}
