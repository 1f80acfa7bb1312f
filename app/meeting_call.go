package app

import (
	"context"
	"strings"

	"github.com/rankfile/rankfile"
)

// What the pages that call a meeting and build its agenda need: the
// bodies the reader may call meetings of, members of the body found by
// the names typed for a session's chair and secretary, and the body's
// qualified proposals.

// CallableBodies lists the bodies the actor may call meetings of: every
// active body for admins, the active bodies they lead for others.
func (a *App) CallableBodies(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.Body, error) {
	if err := actor.Require(actor.CanCallMeetings()); err != nil {
		return nil, err
	}
	if !actor.Admin {
		return rankfile.ActiveBodies(actor.Leads), nil
	}
	return a.ActiveBodyList(ctx)
}

// FindCallableBody returns a body the actor may call a meeting of.
func (a *App) FindCallableBody(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Body, error) {
	if err := actor.Require(actor.CanCallMeeting(id)); err != nil {
		return nil, err
	}
	return a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: id})
}

// ResolveMember finds the one member of the body a leader calling its
// meeting named in a field of the form, by the beginning of their names
// ("Ana", "Ana Ruiz"); a name matching nobody ("unknown") or several
// ("ambiguous") is refused, saying so, as an error about the field
// (rankfile.FieldError).
func (a *App) ResolveMember(ctx context.Context, actor *rankfile.Actor, body *rankfile.Body, field, typed string) (*rankfile.Member, error) {
	if err := actor.Require(actor.CanCallMeeting(body.ID)); err != nil {
		return nil, err
	}
	scopes := []rankfile.MemberFilter{rankfile.MembersOf(body, a.Today())}
	found, matched, err := a.searchNames(ctx, actor, scopes, typed, "a meeting's chair or secretary")
	if err != nil {
		return nil, rankfile.InField(field, "", err)
	}
	var exact []*rankfile.Member
	for _, m := range found {
		if strings.EqualFold(m.FirstName+" "+m.LastName, strings.Join(strings.Fields(typed), " ")) {
			exact = append(exact, m)
		}
	}
	switch {
	case len(exact) == 1:
		return exact[0], nil
	case len(found) == 1:
		return found[0], nil
	case len(found) == 0:
		return nil, rankfile.InField(field, "unknown", rankfile.Errorf(rankfile.EINVALID, "no member of %s is called %q", body.Name, typed))
	}
	return nil, rankfile.InField(field, "ambiguous",
		rankfile.Errorf(rankfile.EINVALID, "%d members of %s are called %q: type the whole name", matched, body.Name, typed))
}

// MemberName returns a member's name as forms show it, for the leaders of
// a body the member chairs or keeps the record of a meeting of.
func (a *App) MemberName(ctx context.Context, id int64) (string, error) {
	if id == 0 {
		return "", nil
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
	if err != nil {
		return "", err
	}
	return m.FirstName + " " + m.LastName, nil
}

// AgendaProposals lists the body's qualified proposals that the meeting's
// leaders may put on its agenda.
func (a *App) AgendaProposals(ctx context.Context, actor *rankfile.Actor, meetingID int64) ([]*rankfile.Proposal, error) {
	m, err := a.managedMeeting(ctx, actor, meetingID)
	if err != nil {
		return nil, err
	}
	return a.Proposals.FindProposals(ctx, rankfile.ProposalFilter{BodyID: m.BodyID, Status: rankfile.ProposalQualified, NoCounts: true})
}
