package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/rankfile/rankfile"
)

// Neighborhood groups by geography: their boundaries, loaded by the data
// stewards; the list of a group's members, for its captains and its
// branch's leaders; and the group a member chooses instead of the one
// she lives in.

// LoadNeighborhoods replaces neighborhood-group boundaries, for the data
// stewards, and places every member again.
func (a *App) LoadNeighborhoods(ctx context.Context, actor *rankfile.Actor, js []rankfile.Jurisdiction) (*rankfile.NeighborhoodReport, error) {
	if err := actor.Require(actor.CanImport()); err != nil {
		return nil, err
	}
	return a.Neighborhoods.LoadNeighborhoods(as(ctx, actor), js, actor.Name())
}

// NeighborhoodPage is a neighborhood group's list of members.
type NeighborhoodPage struct {
	Group   *rankfile.Body
	Branch  *rankfile.Body // nil when the group has no branch
	Members []Neighbor
}

// Neighbor is a member of a group as its list shows her: her name, and
// her email and phones only when the viewer may see her contact details.
type Neighbor struct {
	Member  *rankfile.Member
	Contact bool
}

// Neighborhood lists the members of the neighborhood group with the slug,
// for those CanSeeNeighborhood lets, and records in the audit log that
// they saw them. ENOTFOUND for a slug that is not a neighborhood group.
func (a *App) Neighborhood(ctx context.Context, actor *rankfile.Actor, slug string) (*NeighborhoodPage, error) {
	g, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug, Kind: rankfile.KindNeighborhoodGroup})
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanSeeNeighborhood(g)); err != nil {
		return nil, err
	}
	p := &NeighborhoodPage{Group: g}
	if g.ParentID != 0 {
		if p.Branch, err = a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: g.ParentID}); err != nil {
			return nil, err
		}
	}
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{NeighborhoodID: g.ID, Brief: true})
	if err != nil {
		return nil, err
	}
	contacts := a.neighbors(actor, g, members, p)
	return p, a.Audit.Record(as(ctx, actor), rankfile.AuditViewContact, 0,
		fmt.Sprintf("members of neighborhood group %s (%d shown, %d with contact details)", g.Slug, len(members), contacts))
}

// neighbors redacts each member for the actor, counting the group among
// the bodies she is in, and never shows more than contact details: the
// list is for reaching neighbors, not for reading their records.
func (a *App) neighbors(actor *rankfile.Actor, g *rankfile.Body, members []*rankfile.Member, p *NeighborhoodPage) int {
	contacts := 0
	for _, m := range members {
		v := min(actor.MemberVisibility(m, []int64{m.Branch.ID(), g.ID}), rankfile.SeeContact)
		if v >= rankfile.SeeContact {
			contacts++
		}
		p.Members = append(p.Members, Neighbor{Member: rankfile.Redact(m, v, a.Today()), Contact: v >= rankfile.SeeContact})
	}
	return contacts
}

// MyNeighborhood returns the actor's neighborhood group and the groups of
// her branch she may choose from.
func (a *App) MyNeighborhood(ctx context.Context, actor *rankfile.Actor) (*rankfile.NeighborhoodPlace, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	return a.Neighborhoods.FindNeighborhoodPlace(ctx, actor.ID())
}

// ChooseNeighborhood puts the actor in a neighborhood group of her branch
// of her choice, "" for the one she lives in. EINVALID for a group of
// another branch.
func (a *App) ChooseNeighborhood(ctx context.Context, actor *rankfile.Actor, slug string) error {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return err
	}
	return a.Neighborhoods.ChooseNeighborhood(as(ctx, actor), actor.ID(), slug, actor.Name())
}

// homeNeighborhood adds the member's group to her home page, and the
// groups whose members she may list: of her branch and of any branch or
// group she leads.
func (a *App) homeNeighborhood(ctx context.Context, actor *rankfile.Actor, h *Home) error {
	var err error
	if h.Neighborhood, err = a.Neighborhoods.FindNeighborhoodPlace(ctx, actor.ID()); err != nil {
		return err
	}
	seen := map[int64]bool{}
	candidates := slices.Clone(h.Neighborhood.Choices)
	for _, b := range actor.Leads {
		switch b.Kind {
		case rankfile.KindNeighborhoodGroup:
			candidates = append(candidates, b)
		case rankfile.KindBranch:
			groups, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{ParentID: b.ID, Kind: rankfile.KindNeighborhoodGroup})
			if err != nil {
				return err
			}
			candidates = append(candidates, groups...)
		}
	}
	for _, g := range candidates {
		if !seen[g.ID] && !g.Dissolved() && actor.CanSeeNeighborhood(g) {
			seen[g.ID] = true
			h.NeighborhoodLists = append(h.NeighborhoodLists, g)
		}
	}
	return nil
}
