package app

import (
	"context"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// Bodies formed and dissolved by decisions: a draft says which, checked
// against the bodies as they are; adopting it (rankfile.DecisionStep, on
// every path) forms or dissolves it in the adoption's transaction.

// checkBodies checks what a draft does to the bodies against the bodies
// there are: the body it forms needs a name no active body has and an
// active body to be part of; the body it dissolves must be an active
// committee or working group.
func (a *App) checkBodies(ctx context.Context, p *rankfile.Proposal) error {
	if p.Forms == nil && p.Dissolves == 0 {
		return nil
	}
	if err := p.Validate(); err != nil {
		return err
	}
	all, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{})
	if err != nil {
		return err
	}
	if p.Dissolves != 0 {
		i := slices.IndexFunc(all, func(b *rankfile.Body) bool { return b.ID == p.Dissolves })
		if i < 0 {
			return rankfile.Errorf(rankfile.EINVALID, "the body to dissolve does not exist")
		}
		return all[i].CheckDissolvable()
	}
	return checkFormation(p.Forms, all)
}

// checkFormation checks the body a proposal forms against all bodies.
func checkFormation(f *rankfile.BodyFormation, all []*rankfile.Body) error {
	parent := slices.IndexFunc(all, func(b *rankfile.Body) bool { return b.ID == f.ParentID })
	if parent < 0 {
		return rankfile.Errorf(rankfile.EINVALID, "the body it is to be part of does not exist")
	}
	if err := all[parent].CheckActive(); err != nil {
		return err
	}
	for _, b := range all {
		if !b.Dissolved() && strings.EqualFold(b.Name, f.Name) {
			return rankfile.Errorf(rankfile.ECONFLICT, "there is a body named %q already", f.Name)
		}
	}
	return nil
}

// proposalBodies puts on a proposal's page the bodies it names: the one
// the body it forms is to be part of, the one its adoption formed, the
// one it dissolves.
func (a *App) proposalBodies(ctx context.Context, page *ProposalPage) error {
	p := page.Proposal
	var err error
	if p.Forms != nil {
		if page.FormsUnder, err = a.optionalBody(ctx, rankfile.BodyFilter{ID: p.Forms.ParentID}); err != nil {
			return err
		}
	}
	if p.Dissolves != 0 {
		if page.Dissolves, err = a.optionalBody(ctx, rankfile.BodyFilter{ID: p.Dissolves}); err != nil {
			return err
		}
	}
	if p.Forms != nil && p.Status == rankfile.ProposalAdopted {
		page.Formed, err = a.optionalBody(ctx, rankfile.BodyFilter{FormedBy: p.ID})
	}
	return err
}

// optionalBody returns the body the filter finds, or nil when none does.
func (a *App) optionalBody(ctx context.Context, f rankfile.BodyFilter) (*rankfile.Body, error) {
	b, err := a.Bodies.FindBody(ctx, f)
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return nil, nil
	}
	return b, err
}

// BodyChoices are the bodies a draft may name: those a body it forms may
// be part of (every active body) and those it may dissolve (the active
// committees and working groups), by name.
type BodyChoices struct {
	Parents     []*rankfile.Body
	Dissolvable []*rankfile.Body
}

// ProposalBodyChoices returns the bodies a draft may name.
func (a *App) ProposalBodyChoices(ctx context.Context) (*BodyChoices, error) {
	all, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{})
	if err != nil {
		return nil, err
	}
	c := &BodyChoices{}
	for _, b := range rankfile.ActiveBodies(all) {
		c.Parents = append(c.Parents, b)
		if b.CheckDissolvable() == nil {
			c.Dissolvable = append(c.Dissolvable, b)
		}
	}
	return c, nil
}
