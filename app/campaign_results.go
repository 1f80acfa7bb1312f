package app

import (
	"context"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// CampaignResults is what a campaign's knocks and calls came to: in all,
// by day, by turf (with how much of each turf was knocked) and by
// canvasser or caller, and where its phonebanks stand.
type CampaignResults struct {
	Campaign    *rankfile.Campaign       `json:"campaign"`
	Total       *rankfile.FieldResults   `json:"total"`
	ByDay       []*rankfile.FieldResults `json:"by_day"`
	ByTurf      []*TurfResults           `json:"by_turf"`
	ByCanvasser []*CanvasserResults      `json:"by_canvasser"`
	Phonebanks  []*PhonebankResults      `json:"phonebanks"`
}

// TurfResults is one turf's results; Completion is the share of its doors
// knocked at least once (0 to 1).
type TurfResults struct {
	Turf       *rankfile.Turf         `json:"turf"`
	Results    *rankfile.FieldResults `json:"results"`
	Completion float64                `json:"completion"`
	// Outline is the area the turf's located doors cover (geo.Hull), for
	// the map of turfs by completion.
	Outline []rankfile.Point `json:"outline,omitempty"`
}

// CanvasserResults is one canvasser's or caller's results.
type CanvasserResults struct {
	MemberID int64                  `json:"member_id"`
	Name     string                 `json:"name"`
	Results  *rankfile.FieldResults `json:"results"`
}

// PhonebankResults is where one of the campaign's phonebanks stands.
type PhonebankResults struct {
	Phonebank *rankfile.Phonebank         `json:"phonebank"`
	Progress  *rankfile.PhonebankProgress `json:"progress"`
}

// CampaignResults counts a campaign's results, for those who run it.
func (a *App) CampaignResults(ctx context.Context, actor *rankfile.Actor, id int64) (*CampaignResults, error) {
	c, err := a.managedCampaign(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	r := &CampaignResults{Campaign: c, Total: &rankfile.FieldResults{}}
	total, err := a.Attempts.FieldResults(ctx, id, "")
	if err != nil {
		return nil, err
	}
	if len(total) == 1 {
		r.Total = total[0]
	}
	if r.ByDay, err = a.Attempts.FieldResults(ctx, id, rankfile.ResultsByDay); err != nil {
		return nil, err
	}
	for _, fill := range []func(context.Context, *CampaignResults) error{a.turfResults, a.canvasserResults, a.phonebankResults} {
		if err := fill(ctx, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// turfResults fills in every turf of the campaign, knocked or not.
func (a *App) turfResults(ctx context.Context, r *CampaignResults) error {
	counted, err := a.Attempts.FieldResults(ctx, r.Campaign.ID, rankfile.ResultsByTurf)
	if err != nil {
		return err
	}
	byTurf := map[string]*rankfile.FieldResults{}
	for _, f := range counted {
		byTurf[f.Key] = f
	}
	points, err := a.Turfs.TurfPoints(ctx, r.Campaign.ID)
	if err != nil {
		return err
	}
	turfs, err := a.Turfs.Turfs(ctx, r.Campaign.ID)
	for _, t := range turfs {
		key := strconv.FormatInt(t.ID, 10)
		f := byTurf[key]
		if f == nil {
			f = &rankfile.FieldResults{Key: key}
		}
		tr := &TurfResults{Turf: t, Results: f, Outline: geo.Hull(points[t.ID])}
		if t.Doors > 0 {
			tr.Completion = min(1, float64(f.Doors)/float64(t.Doors))
		}
		r.ByTurf = append(r.ByTurf, tr)
	}
	return err
}

// canvasserResults fills in each canvasser's and caller's results by name.
func (a *App) canvasserResults(ctx context.Context, r *CampaignResults) error {
	counted, err := a.Attempts.FieldResults(ctx, r.Campaign.ID, rankfile.ResultsByCanvasser)
	if err != nil {
		return err
	}
	for _, f := range counted {
		id, _ := strconv.ParseInt(f.Key, 10, 64)
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id, Brief: true})
		if err != nil {
			return err
		}
		r.ByCanvasser = append(r.ByCanvasser, &CanvasserResults{MemberID: id, Name: m.FullName(), Results: f})
	}
	return nil
}

// phonebankResults fills in the campaign's phonebanks.
func (a *App) phonebankResults(ctx context.Context, r *CampaignResults) error {
	all, err := a.Phonebanks.FindPhonebanks(ctx, 0)
	if err != nil {
		return err
	}
	for _, p := range all {
		if p.CampaignID != r.Campaign.ID {
			continue
		}
		prog, err := a.Phonebanks.PhonebankProgress(ctx, p.ID)
		if err != nil {
			return err
		}
		r.Phonebanks = append(r.Phonebanks, &PhonebankResults{Phonebank: p, Progress: prog})
	}
	return nil
}
