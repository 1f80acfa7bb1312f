package app

import (
	"context"
	"io"

	"github.com/rankfile/rankfile"
)

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

// ImportStart is what the form that maps a list's columns needs: the
// campaign, the sources imported before and their mappings.
type ImportStart struct {
	Campaign *rankfile.Campaign                `json:"campaign"`
	Sources  map[string]rankfile.TargetMapping `json:"sources"`
	// Geocoder says whether the chapter has a geocoder to locate doors.
	Geocoder bool `json:"geocoder"`
}

// StartImport returns what an import's form needs, for those who run the
// campaign.
func (a *App) StartImport(ctx context.Context, actor *rankfile.Actor, campaignID int64) (*ImportStart, error) {
	c, err := a.managedCampaign(ctx, actor, campaignID)
	if err != nil {
		return nil, err
	}
	sources, err := a.Campaigns.TargetSources(ctx, campaignID)
	return &ImportStart{Campaign: c, Sources: sources, Geocoder: a.Geocoder != nil}, err
}
