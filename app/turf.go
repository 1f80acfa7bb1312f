package app

import (
	"context"
	"fmt"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// TurfCut is what cutting turfs made, and the doors it could not place.
type TurfCut struct {
	Turfs []*rankfile.Turf `json:"turfs"`
	// Unplaced counts the doors in no open turf that have no coordinates
	// yet: they wait for a geocoder, or for a turf drawn by hand.
	Unplaced int `json:"unplaced"`
}

// CutTurfs cuts the campaign's doors that are in no open turf into turfs
// of the size asked (geo.CutTurfs), numbered after the campaign's turfs,
// for those who run the campaign.
func (a *App) CutTurfs(ctx context.Context, actor *rankfile.Actor, campaignID int64, size geo.TurfSize) (*TurfCut, error) {
	if _, err := a.managedCampaign(ctx, actor, campaignID); err != nil {
		return nil, err
	}
	uncut, err := a.Turfs.UncutDoors(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	cut := &TurfCut{}
	var doors []geo.Door
	for _, h := range uncut {
		if h.Point == nil {
			cut.Unplaced++
			continue
		}
		doors = append(doors, geoDoor(h))
	}
	turfs, err := geo.CutTurfs(doors, size)
	if err != nil {
		return nil, err
	}
	had, err := a.Turfs.Turfs(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	var made []rankfile.NewTurf
	for i, t := range turfs {
		made = append(made, rankfile.NewTurf{Name: fmt.Sprintf("Turf %d", len(had)+i+1), HouseholdIDs: t.Doors})
	}
	if cut.Turfs, err = a.Turfs.CreateTurfs(ctx, campaignID, made); err != nil {
		return nil, err
	}
	return cut, nil
}

// managedTurf returns a turf of a campaign the actor runs.
func (a *App) managedTurf(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Turf, error) {
	if err := actor.Require(actor.CanSeeCampaigns()); err != nil {
		return nil, err // before looking: who is signed out learns nothing of which turfs exist
	}
	t, err := a.Turfs.FindTurf(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := a.managedCampaign(ctx, actor, t.CampaignID); err != nil {
		return nil, err
	}
	return t, nil
}

// CheckOutTurf gives an open turf to a canvasser (and a partner) for a
// time of at most MaxCheckout, for those who run the campaign.
func (a *App) CheckOutTurf(ctx context.Context, actor *rankfile.Actor, turfID, canvasserID, partnerID int64, until time.Time) error {
	if _, err := a.managedTurf(ctx, actor, turfID); err != nil {
		return err
	}
	now := a.Now()
	if !until.After(now) || until.Sub(now) > rankfile.MaxCheckout {
		return rankfile.FieldErrorf("until", rankfile.EINVALID, "check a turf out for up to three days from now")
	}
	if canvasserID == 0 || canvasserID == partnerID {
		return rankfile.FieldErrorf("canvasser", rankfile.EINVALID, "name the canvasser, and a partner who is someone else")
	}
	return a.Turfs.CheckOutTurf(ctx, turfID, canvasserID, partnerID, until)
}

// ReturnTurf takes a turf back before its time, for those who run the
// campaign.
func (a *App) ReturnTurf(ctx context.Context, actor *rankfile.Actor, turfID int64) error {
	if _, err := a.managedTurf(ctx, actor, turfID); err != nil {
		return err
	}
	return a.Turfs.ReturnTurf(ctx, turfID)
}

// CloseTurf closes a turf, freeing its doors, for those who run the
// campaign.
func (a *App) CloseTurf(ctx context.Context, actor *rankfile.Actor, turfID int64) error {
	if _, err := a.managedTurf(ctx, actor, turfID); err != nil {
		return err
	}
	return a.Turfs.CloseTurf(ctx, turfID)
}

// TurfDoors lists a turf's doors in walking order for those who run the
// campaign and for the canvasser and partner who hold it now.
func (a *App) TurfDoors(ctx context.Context, actor *rankfile.Actor, turfID int64) (*rankfile.Turf, []*rankfile.TurfDoor, error) {
	t, err := a.Turfs.FindTurf(ctx, turfID)
	if err != nil {
		return nil, nil, err
	}
	if !actor.HoldsTurf(t, a.Now()) {
		if _, err := a.managedCampaign(ctx, actor, t.CampaignID); err != nil {
			return nil, nil, err
		}
	}
	doors, err := a.Turfs.TurfDoors(ctx, turfID)
	return t, doors, err
}

// LocateReport says what asking the geocoder came to.
type LocateReport struct {
	Located int `json:"located"`
	Missed  int `json:"missed"`  // addresses the geocoder does not know: a turf drawn by hand takes them
	Waiting int `json:"waiting"` // doors still to ask about, for the next call
	Asked   int `json:"asked"`
}

// MaxLocateBatch is how many doors one call asks the geocoder about: at a
// public server's one a second, a few minutes.
const MaxLocateBatch = 200

// LocateDoors asks the chapter's geocoder where up to MaxLocateBatch of
// the campaign's doors without coordinates are, for those who run it. A
// door the geocoder does not know is not asked about again; a geocoder
// that fails stops the batch, keeping what it found.
func (a *App) LocateDoors(ctx context.Context, actor *rankfile.Actor, campaignID int64) (*LocateReport, error) {
	if _, err := a.managedCampaign(ctx, actor, campaignID); err != nil {
		return nil, err
	}
	if a.Geocoder == nil {
		return nil, rankfile.Errorf(rankfile.ECONFLICT, "no geocoder is set: start the server with --geocoder-url")
	}
	doors, err := a.Campaigns.UnlocatedHouseholds(ctx, campaignID, MaxLocateBatch+1)
	if err != nil {
		return nil, err
	}
	r := &LocateReport{Waiting: max(0, len(doors)-MaxLocateBatch)}
	for _, h := range doors[:min(len(doors), MaxLocateBatch)] {
		if err := a.locateDoor(ctx, h, r); err != nil {
			return r, err
		}
	}
	return r, nil
}

// locateDoor asks about one door and stores the answer.
func (a *App) locateDoor(ctx context.Context, h *rankfile.Household, r *LocateReport) error {
	r.Asked++
	p, err := a.Geocoder.Locate(ctx, h.Address.GeocoderLine())
	switch {
	case rankfile.ErrorCode(err) == rankfile.ENOTFOUND:
		r.Missed++
		return a.Campaigns.LocateHousehold(ctx, h.ID, nil)
	case err != nil:
		return err
	}
	r.Located++
	return a.Campaigns.LocateHousehold(ctx, h.ID, p)
}
