package app

import (
	"context"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// An event's leads: the members who run it (a canvass's), named by those
// who manage it and shown to members on its page. Naming one checks the
// course the event's kind requires (course_requirement.go).

// SetEventLeads names the members who run an event, in place of those
// named before: those who manage it.
func (a *App) SetEventLeads(ctx context.Context, actor *rankfile.Actor, eventID int64, memberIDs []int64) ([]*rankfile.EventLead, error) {
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanManageEvent(e)); err != nil {
		return nil, err
	}
	if err := a.Events.SetEventLeads(as(ctx, actor), eventID, memberIDs); err != nil {
		return nil, err
	}
	return a.Events.EventLeads(ctx, eventID)
}

// AddEventLead adds a member named by national id or email address to an
// event's leads.
func (a *App) AddEventLead(ctx context.Context, actor *rankfile.Actor, eventID int64, ref string) error {
	ids, err := a.leadIDs(ctx, actor, eventID)
	if err != nil {
		return err
	}
	m, err := a.memberByRef(ctx, strings.TrimSpace(ref))
	if err != nil {
		return err
	}
	_, err = a.SetEventLeads(ctx, actor, eventID, append(ids, m.ID))
	return err
}

// RemoveEventLead takes a member off an event's leads.
func (a *App) RemoveEventLead(ctx context.Context, actor *rankfile.Actor, eventID, memberID int64) error {
	ids, err := a.leadIDs(ctx, actor, eventID)
	if err != nil {
		return err
	}
	_, err = a.SetEventLeads(ctx, actor, eventID, slices.DeleteFunc(ids, func(id int64) bool { return id == memberID }))
	return err
}

// leadIDs returns the ids of an event's leads for one who manages it.
func (a *App) leadIDs(ctx context.Context, actor *rankfile.Actor, eventID int64) ([]int64, error) {
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanManageEvent(e)); err != nil {
		return nil, err
	}
	leads, err := a.Events.EventLeads(ctx, eventID)
	ids := make([]int64, len(leads))
	for i, l := range leads {
		ids[i] = l.MemberID
	}
	return ids, err
}
