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
