package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// CreateCampaign starts a campaign of an active body, for its leaders,
// data stewards and admins.
func (a *App) CreateCampaign(ctx context.Context, actor *rankfile.Actor, c *rankfile.Campaign) error {
	if err := actor.Require(actor.CanManageCampaign(c.BodyID)); err != nil {
		return err
	}
	if err := a.checkActiveBodies(ctx, nil, c.BodyID); err != nil {
		return err
	}
	return a.Campaigns.CreateCampaign(ctx, c)
}

// FindCampaigns lists the campaigns, newest first, or the one with id,
// for members signed in.
func (a *App) FindCampaigns(ctx context.Context, actor *rankfile.Actor, id int64) ([]*rankfile.Campaign, error) {
	if err := actor.Require(actor.CanSeeCampaigns()); err != nil {
		return nil, err
	}
	return a.Campaigns.FindCampaigns(ctx, id)
}

// managedCampaign returns a campaign the actor runs.
func (a *App) managedCampaign(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Campaign, error) {
	found, err := a.FindCampaigns(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanManageCampaign(found[0].BodyID)); err != nil {
		return nil, err
	}
	return found[0], nil
}

// AddDoNotContact puts a phone, email or address on the chapter's
// do-not-contact list, for data stewards and admins.
func (a *App) AddDoNotContact(ctx context.Context, actor *rankfile.Actor, e *rankfile.DoNotContactEntry) error {
	if err := actor.Require(actor.CanKeepDoNotContact()); err != nil {
		return err
	}
	return a.Campaigns.AddDoNotContact(ctx, e)
}

// PurgeTargets deletes the targets campaigns no longer keep (see
// rankfile.CampaignService), on the clock.
func (a *App) PurgeTargets(ctx context.Context) (int, error) {
	return a.Campaigns.PurgeTargets(as(ctx, clockActor), a.Today())
}
