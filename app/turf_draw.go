package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// MaxOutlineCorners bounds a drawn outline: more than a hand taps.
const MaxOutlineCorners = 500

// DrawTurf makes a turf by hand, for those who run the campaign: the doors
// in no open turf inside an outline drawn on the map, and those picked
// from a list (doors the geocoder could not place are picked so), walked
// in the order a cut turf is. name "" names it after the campaign's turfs.
func (a *App) DrawTurf(ctx context.Context, actor *rankfile.Actor, campaignID int64, name string, outline []rankfile.Point, picked []int64) (*rankfile.Turf, error) {
	if _, err := a.managedCampaign(ctx, actor, campaignID); err != nil {
		return nil, err
	}
	if len(outline) > MaxOutlineCorners {
		return nil, rankfile.FieldErrorf("outline", rankfile.EINVALID, "the outline must be at most %d corners, each [latitude, longitude]", MaxOutlineCorners)
	}
	for _, p := range outline {
		if err := p.Validate(); err != nil {
			return nil, rankfile.FieldErrorf("outline", rankfile.EINVALID, "%s", rankfile.ErrorMessage(err))
		}
	}
	uncut, err := a.Turfs.UncutDoors(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	chosen, err := chooseDoors(uncut, outline, picked)
	if err != nil {
		return nil, err
	}
	order, err := walkOrder(chosen)
	if err != nil {
		return nil, err
	}
	if name = strings.TrimSpace(name); name == "" {
		had, err := a.Turfs.Turfs(ctx, campaignID)
		if err != nil {
			return nil, err
		}
		name = fmt.Sprintf("Turf %d", len(had)+1)
	}
	made, err := a.Turfs.CreateTurfs(ctx, campaignID, []rankfile.NewTurf{{Name: name, HouseholdIDs: order}})
	if err != nil {
		return nil, err
	}
	return made[0], nil
}

// chooseDoors returns the uncut doors inside the outline or picked; a
// picked door that is in an open turf already, or not the campaign's, is
// refused by number.
func chooseDoors(uncut []*rankfile.Household, outline []rankfile.Point, picked []int64) ([]*rankfile.Household, error) {
	byID := make(map[int64]*rankfile.Household, len(uncut))
	var located []geo.Door
	for _, h := range uncut {
		byID[h.ID] = h
		if h.Point != nil {
			located = append(located, geoDoor(h))
		}
	}
	ids := geo.DoorsIn(located, outline)
	for _, id := range picked {
		if byID[id] == nil {
			return nil, rankfile.FieldErrorf("doors", rankfile.EINVALID, "door %d is in an open turf already, or not the campaign's", id)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil, rankfile.FieldErrorf("doors", rankfile.EINVALID, "no door in no open turf is inside the outline or picked")
	}
	out := make([]*rankfile.Household, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// geoDoor is a located household as geo cuts and walks it.
func geoDoor(h *rankfile.Household) geo.Door {
	return geo.Door{ID: h.ID, Street: h.Address.Street, Number: h.Address.HouseNumber(), Unit: h.Address.Unit, Point: *h.Point}
}

// walkOrder orders a turf's doors: the located ones as geo walks them,
// then those without coordinates by street, number and unit, for the
// canvasser to find on the way.
func walkOrder(doors []*rankfile.Household) ([]int64, error) {
	var located []geo.Door
	var unplaced []*rankfile.Household
	for _, h := range doors {
		if h.Point != nil {
			located = append(located, geoDoor(h))
		} else {
			unplaced = append(unplaced, h)
		}
	}
	walk, err := geo.WalkTurf(located)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(unplaced, func(x, y *rankfile.Household) int {
		return cmp.Or(cmp.Compare(x.Address.Street, y.Address.Street), cmp.Compare(x.Address.HouseNumber(), y.Address.HouseNumber()),
			cmp.Compare(x.Address.Unit, y.Address.Unit))
	})
	order := walk.Doors
	for _, h := range unplaced {
		order = append(order, h.ID)
	}
	return order, nil
}

// AdjustTurf takes doors out of a turf and adds doors in no open turf to
// it, walking the whole turf again, for those who run the campaign; not
// while it is out with a canvasser, whose phone holds its doors.
func (a *App) AdjustTurf(ctx context.Context, actor *rankfile.Actor, turfID int64, add, remove []int64) error {
	t, err := a.managedTurf(ctx, actor, turfID)
	if err != nil {
		return err
	}
	if t.CheckedOut(a.Now()) {
		return rankfile.Errorf(rankfile.ECONFLICT, "the turf is out with a canvasser: take it back before changing its doors")
	}
	doors, err := a.Turfs.TurfDoors(ctx, turfID)
	if err != nil {
		return err
	}
	var kept []*rankfile.Household
	for _, d := range doors {
		if !slices.Contains(remove, d.Household.ID) {
			kept = append(kept, &d.Household)
		}
	}
	if len(add) > 0 {
		uncut, err := a.Turfs.UncutDoors(ctx, t.CampaignID)
		if err != nil {
			return err
		}
		added, err := chooseDoors(uncut, nil, add)
		if err != nil {
			return err
		}
		kept = append(kept, added...)
	}
	if len(kept) == 0 {
		return rankfile.FieldErrorf("doors", rankfile.EINVALID, "a turf keeps at least one door: close it instead")
	}
	order, err := walkOrder(kept)
	if err != nil {
		return err
	}
	return a.Turfs.EditTurfDoors(as(ctx, actor), turfID, remove, order)
}

// UncutDoors lists a campaign's doors in no open turf, for those who run
// it to draw turfs of.
func (a *App) UncutDoors(ctx context.Context, actor *rankfile.Actor, campaignID int64) (*rankfile.Campaign, []*rankfile.Household, error) {
	c, err := a.managedCampaign(ctx, actor, campaignID)
	if err != nil {
		return nil, nil, err
	}
	doors, err := a.Turfs.UncutDoors(ctx, campaignID)
	return c, doors, err
}
