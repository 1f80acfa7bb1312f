package app

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// CampaignSummary is a campaign's page: what it is, who runs it, and
// where its field work stands.
type CampaignSummary struct {
	Campaign *rankfile.Campaign         `json:"campaign"`
	Body     *rankfile.Body             `json:"body"`
	Counts   *rankfile.CampaignCounts   `json:"counts"`
	Turfs    map[rankfile.TurfState]int `json:"-"`
	// TurfStates counts the turfs in each state, for the API.
	TurfStates TurfStates `json:"turfs"`
	// Runs says whether the actor runs the campaign: imports, cuts turfs
	// and sees its targets.
	Runs bool `json:"runs"`
}

// CampaignSummary returns a campaign's summary for members signed in:
// counts only, no one's name or door.
func (a *App) CampaignSummary(ctx context.Context, actor *rankfile.Actor, id int64) (*CampaignSummary, error) {
	found, err := a.FindCampaigns(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	c := found[0]
	s := &CampaignSummary{Campaign: c, Runs: actor.CanManageCampaign(c.BodyID), Turfs: map[rankfile.TurfState]int{}}
	if s.Body, err = a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: c.BodyID}); err != nil {
		return nil, err
	}
	if s.Counts, err = a.Campaigns.CampaignCounts(ctx, id); err != nil {
		return nil, err
	}
	turfs, err := a.Turfs.Turfs(ctx, id)
	for _, t := range turfs {
		s.Turfs[t.State(a.Now())]++
	}
	s.TurfStates = TurfStates{Free: s.Turfs[rankfile.TurfFree], Out: s.Turfs[rankfile.TurfOut], Back: s.Turfs[rankfile.TurfBack], Closed: s.Turfs[rankfile.TurfClosed]}
	return s, err
}

// TurfStates counts a campaign's turfs by state.
type TurfStates struct {
	Free   int `json:"free"`
	Out    int `json:"out"`
	Back   int `json:"back"`
	Closed int `json:"closed"`
}

// CampaignBodies lists the active bodies the actor may start a campaign
// of, by name.
func (a *App) CampaignBodies(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.Body, error) {
	if err := actor.Require(actor.CanStartCampaigns()); err != nil {
		return nil, err
	}
	all, err := a.ActiveBodyList(ctx)
	if err != nil {
		return nil, err
	}
	var out []*rankfile.Body
	for _, b := range all {
		if actor.CanManageCampaign(b.ID) {
			out = append(out, b)
		}
	}
	return out, nil
}

// CampaignChange is a change to a campaign: its name, kind, description
// and retention, and whether it is closed. Its body does not change.
type CampaignChange struct {
	Name            *string                `json:"name"`
	Kind            *rankfile.CampaignKind `json:"kind"`
	Description     *string                `json:"description"`
	RetentionMonths *int                   `json:"retention_months"`
	Closed          *bool                  `json:"closed"`
}

// UpdateCampaign changes a campaign, for those who run it.
func (a *App) UpdateCampaign(ctx context.Context, actor *rankfile.Actor, id int64, ch CampaignChange) (*rankfile.Campaign, error) {
	c, err := a.managedCampaign(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	setChanged(&c.Name, ch.Name)
	setChanged(&c.Kind, ch.Kind)
	setChanged(&c.Description, ch.Description)
	setChanged(&c.RetentionMonths, ch.RetentionMonths)
	if ch.Closed != nil && *ch.Closed != c.Closed() {
		c.ClosedAt = time.Time{} // reopened
		if *ch.Closed {
			c.ClosedAt = a.Now()
		}
	}
	return c, a.Campaigns.UpdateCampaign(ctx, c)
}

// setChanged copies a changed value over the one kept.
func setChanged[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
