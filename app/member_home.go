package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Home is a member's own page: where they belong, their standing, and
// what they might do next.
type Home struct {
	Member   *rankfile.Member
	Today    rankfile.Date
	Standing rankfile.Standing
	// Branch is the member's branch with its leaders, nil when unassigned.
	Branch *rankfile.BodyView
	// Neighborhood is the member's own neighborhood group and her choices.
	Neighborhood *rankfile.NeighborhoodPlace
	// NeighborhoodLists are the groups whose members she may list: as a
	// captain, or as a leader of their branch.
	NeighborhoodLists []*rankfile.Body
	// Bodies are the bodies the member is in, apart from their branch.
	Bodies []*rankfile.Body
	Leads  []*rankfile.Body
	// Now is what is open to the member now, most urgent first.
	Now  []Now
	Next []Next
	// Path is where the member stands on the chapter's ladder.
	Path *Path
	// Onboarding is her path as a new member and its checklist; nil when
	// no import started one.
	Onboarding *Onboarding
	// RenewURL is where members renew their dues, "" when not set.
	RenewURL string
}

// Next is something the member might do, named by a message of the
// catalogs with its arguments, and where to do it.
type Next struct {
	Message string
	Args    []any
	Link    string
}

// Home gathers the signed-in member's home page.
func (a *App) Home(ctx context.Context, actor *rankfile.Actor) (*Home, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	m, today := actor.Member, a.Today()
	h := &Home{Member: m, Today: today, Standing: m.StandingOn(today), Leads: actor.Leads, RenewURL: a.RenewURL}
	if err := a.homeBranch(ctx, h); err != nil {
		return nil, err
	}
	if err := a.homeBodies(ctx, actor, h); err != nil {
		return nil, err
	}
	if err := a.homeNeighborhood(ctx, actor, h); err != nil {
		return nil, err
	}
	var err error
	if h.Now, err = a.now(ctx, actor, h); err != nil {
		return nil, err
	}
	if h.Path, err = a.pathOf(ctx, m.ID); err != nil {
		return nil, err
	}
	if err := a.homeOnboarding(ctx, actor, h); err != nil {
		return nil, err
	}
	h.Next, err = a.next(ctx, actor, h)
	return h, err
}

func (a *App) homeBranch(ctx context.Context, h *Home) error {
	id := h.Member.Branch.ID()
	if id == 0 {
		return nil
	}
	view, err := rankfile.LoadBodyView(ctx, a.Bodies, a.Members, id, h.Today)
	if err != nil {
		return err
	}
	redactHolders(view, h.Today)
	h.Branch = view
	return nil
}

func (a *App) homeBodies(ctx context.Context, actor *rankfile.Actor, h *Home) error {
	for _, id := range actor.Belongs {
		if id == h.Member.Branch.ID() {
			continue
		}
		b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: id})
		if err != nil {
			return err
		}
		h.Bodies = append(h.Bodies, b)
	}
	return nil
}

// next suggests what the member might do, most pressing first.
func (a *App) next(ctx context.Context, actor *rankfile.Actor, h *Home) ([]Next, error) {
	var out []Next
	if h.Branch == nil {
		out = append(out, Next{Message: "home.next.nobranch", Link: "/profile"})
	}
	for _, b := range h.Leads {
		reqs, err := a.Bodies.FindJoinRequests(ctx, rankfile.JoinRequestFilter{BodyID: b.ID, PendingOnly: true})
		if err != nil {
			return nil, err
		}
		if len(reqs) > 0 {
			out = append(out, Next{Message: "home.next.requests", Args: []any{"Count", len(reqs), "Body", b.Name}, Link: "/bodies/" + b.Slug})
		}
	}
	if len(h.Bodies) == 0 && h.Standing != rankfile.StandingLapsed {
		out = append(out, Next{Message: "home.next.join", Link: "/bodies"})
	}
	return out, nil
}
