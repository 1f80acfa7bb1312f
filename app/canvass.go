package app

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// A canvasser's side of the field program: the turfs out with them, and
// what the phone keeps of one to walk it offline.

// CanvassTurf is a turf on a canvasser's list.
type CanvassTurf struct {
	Turf     *rankfile.Turf     `json:"turf"`
	Campaign *rankfile.Campaign `json:"campaign"`
	// Held is set while the turf is out with the canvasser; after, its
	// page is gone but the phone may still send the answers it kept.
	Held bool `json:"held"`
}

// CanvassGrace is how long after a turf's time is up it stays on its
// canvasser's list, for a phone that was offline to send what it kept.
const CanvassGrace = 7 * 24 * time.Hour

// CanvassTurfs lists the turfs out with the actor (as canvasser or
// partner) and those whose time ended in the last CanvassGrace.
func (a *App) CanvassTurfs(ctx context.Context, actor *rankfile.Actor) ([]*CanvassTurf, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	now := a.Now()
	turfs, err := a.Turfs.CanvasserTurfs(ctx, actor.Member.ID, now.Add(-CanvassGrace))
	if err != nil {
		return nil, err
	}
	out := []*CanvassTurf{}
	for _, t := range turfs {
		found, err := a.Campaigns.FindCampaigns(ctx, t.CampaignID)
		if err != nil {
			return nil, err
		}
		out = append(out, &CanvassTurf{Turf: t, Campaign: found[0], Held: actor.HoldsTurf(t, now)})
	}
	return out, nil
}

// Walk is what a canvasser's phone keeps of a turf to walk it: the doors
// in walking order with who lives there (names alone: no phone or email
// goes out on the doors), and the campaign's script.
type Walk struct {
	Turf     *rankfile.Turf           `json:"turf"`
	Campaign *rankfile.Campaign       `json:"campaign"`
	Script   *rankfile.CampaignScript `json:"script"`
	Doors    []*WalkDoor              `json:"doors"`
}

// WalkDoor is one door of a walk.
type WalkDoor struct {
	Position  int                `json:"position"`
	Household rankfile.Household `json:"household"`
	People    []WalkPerson       `json:"people"`
}

// WalkPerson is someone living at a door, as the canvasser sees them.
type WalkPerson struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// DoNotContact marks someone who asked not to be contacted: the
	// canvasser does not knock for them.
	DoNotContact bool `json:"do_not_contact,omitempty"`
}

// Walk returns a turf to walk, for the canvasser and partner who hold it
// and those who run its campaign (TurfDoors).
func (a *App) Walk(ctx context.Context, actor *rankfile.Actor, turfID int64) (*Walk, error) {
	t, doors, err := a.TurfDoors(ctx, actor, turfID)
	if err != nil {
		return nil, err
	}
	w := &Walk{Turf: t, Doors: []*WalkDoor{}}
	found, err := a.Campaigns.FindCampaigns(ctx, t.CampaignID)
	if err != nil {
		return nil, err
	}
	w.Campaign = found[0]
	if w.Script, err = a.Campaigns.CampaignScript(ctx, t.CampaignID); err != nil {
		return nil, err
	}
	people, err := a.Turfs.TurfTargets(ctx, turfID)
	if err != nil {
		return nil, err
	}
	byDoor := map[int64][]WalkPerson{}
	for _, p := range people {
		byDoor[p.HouseholdID] = append(byDoor[p.HouseholdID], WalkPerson{ID: p.ID, Name: p.Name(), DoNotContact: p.DoNotContact})
	}
	for _, d := range doors {
		w.Doors = append(w.Doors, &WalkDoor{Position: d.Position, Household: d.Household, People: nonNilPeople(byDoor[d.Household.ID])})
	}
	return w, nil
}

func nonNilPeople(p []WalkPerson) []WalkPerson {
	if p == nil {
		return []WalkPerson{}
	}
	return p
}
