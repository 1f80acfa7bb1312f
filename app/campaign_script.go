package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// CampaignScript returns a campaign's script and survey to those who run
// the campaign and to the canvassers who hold one of its turfs now.
func (a *App) CampaignScript(ctx context.Context, actor *rankfile.Actor, campaignID int64) (*rankfile.CampaignScript, error) {
	if err := a.readsScript(ctx, actor, campaignID); err != nil {
		return nil, err
	}
	return a.Campaigns.CampaignScript(ctx, campaignID)
}

// readsScript checks that the actor runs the campaign or holds one of its
// turfs.
func (a *App) readsScript(ctx context.Context, actor *rankfile.Actor, campaignID int64) error {
	_, err := a.managedCampaign(ctx, actor, campaignID)
	if rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
		return err
	}
	turfs, terr := a.Turfs.Turfs(ctx, campaignID)
	if terr != nil {
		return terr
	}
	for _, t := range turfs {
		if actor.HoldsTurf(t, a.Now()) {
			return nil
		}
	}
	return err
}

// SetCampaignScript writes a campaign's script and survey, for those who
// run the campaign.
func (a *App) SetCampaignScript(ctx context.Context, actor *rankfile.Actor, s *rankfile.CampaignScript) error {
	if _, err := a.managedCampaign(ctx, actor, s.CampaignID); err != nil {
		return err
	}
	return a.Campaigns.SetCampaignScript(as(ctx, actor), s)
}

// CanEditCampaignScript reports, as an error, whether the actor may write
// the campaign's script: ENOTFOUND without the campaign, EFORBIDDEN for
// those who do not run it.
func (a *App) CanEditCampaignScript(ctx context.Context, actor *rankfile.Actor, campaignID int64) error {
	_, err := a.managedCampaign(ctx, actor, campaignID)
	return err
}
