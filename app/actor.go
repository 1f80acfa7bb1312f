package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// The actor behind an operation: whose doing a change is recorded as, and
// how much of a member, or of a body's leaders, they see.

// as returns a context carrying the actor, so that what is changed under
// it is recorded as the actor's doing.
func as(ctx context.Context, actor *rankfile.Actor) context.Context {
	return rankfile.WithActor(ctx, actor)
}

// memberBodies returns the bodies a member is in today: their branch and
// the bodies where they hold a position. Visibility depends on them.
func (a *App) memberBodies(ctx context.Context, m *rankfile.Member) ([]int64, error) {
	positions, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{MemberID: m.ID, ActiveOn: a.Today()})
	if err != nil {
		return nil, err
	}
	var out []int64
	if b := m.Branch.ID(); b != 0 {
		out = append(out, b)
	}
	for _, p := range positions {
		out = append(out, p.BodyID)
	}
	return out, nil
}

// visible redacts a member for the actor and says how much they see:
// their organizer, if any, sees their contact.
func (a *App) visible(ctx context.Context, actor *rankfile.Actor, m *rankfile.Member) (*rankfile.Member, rankfile.Visibility, error) {
	bodies, err := a.memberBodies(ctx, m)
	if err != nil {
		return nil, rankfile.SeeNothing, err
	}
	organizer, err := a.organizerID(ctx, m.ID)
	if err != nil {
		return nil, rankfile.SeeNothing, err
	}
	v := actor.PersonVisibility(m, bodies, organizer)
	return rankfile.Redact(m, v, a.Today()), v, nil
}

// redactHolders leaves only the names of the people holding a body's
// seats: leaders are known to members by name, not by address.
func redactHolders(v *rankfile.BodyView, d rankfile.Date) {
	for i := range v.Seats {
		for j, m := range v.Seats[i].Holders {
			v.Seats[i].Holders[j] = rankfile.Redact(m, rankfile.SeeNothing, d)
		}
	}
	v.Members = nil
}

// clockActor is who the server's clock acts as: when it drafts a weekly
// email, or records that a proposal expired.
var clockActor = &rankfile.Actor{Label: "rankfile"}
