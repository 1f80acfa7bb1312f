package app

import (
	"context"
	"io"

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

// ImportTargets reads a CSV list through the mapping (the source's kept
// one when m is nil) and adds it to the campaign. A list with bad lines
// is not imported: they are returned, each with its line, and nothing is
// stored.
func (a *App) ImportTargets(ctx context.Context, actor *rankfile.Actor, campaignID int64, source string, m rankfile.TargetMapping, list io.Reader) (*rankfile.TargetImport, []rankfile.RowError, error) {
	if _, err := a.managedCampaign(ctx, actor, campaignID); err != nil {
		return nil, nil, err
	}
	if m == nil {
		sources, err := a.Campaigns.TargetSources(ctx, campaignID)
		if err != nil {
			return nil, nil, err
		}
		if m = sources[source]; m == nil {
			return nil, nil, rankfile.FieldErrorf("mapping", rankfile.EINVALID, "%q has not been imported before: map its columns", source)
		}
	}
	rows, bad, err := rankfile.ReadTargetRows(list, m)
	if err != nil || bad != nil {
		return nil, bad, err
	}
	done, err := a.Campaigns.ImportTargets(ctx, campaignID, source, m, rows)
	return done, nil, err
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
