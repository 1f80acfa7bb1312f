package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// RecordAttempts stores knocks and calls, each once however often sent.
// Every attempt names its turf: the canvasser and partner the turf was
// last checked out to record its doors (a phone that was offline syncs
// after the turf's time is up), and those who run the campaign enter
// paper walk sheets for the canvasser who walked them (ByMemberID).
// Attempts at a door not in the turf are refused, and nothing is stored.
func (a *App) RecordAttempts(ctx context.Context, actor *rankfile.Actor, attempts []*rankfile.Attempt) (repeats int, err error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return 0, err
	}
	checked := map[int64]*turfDoors{}
	for _, at := range attempts {
		td, ok := checked[at.TurfID]
		if !ok {
			if td, err = a.attemptTurf(ctx, actor, at.TurfID); err != nil {
				return 0, err
			}
			checked[at.TurfID] = td
		}
		if err := td.claim(actor, at); err != nil {
			return 0, err
		}
	}
	return a.Attempts.RecordAttempts(ctx, attempts)
}

// turfDoors is a turf an actor records attempts in, with its doors.
type turfDoors struct {
	turf  *rankfile.Turf
	doors []int64
	runs  bool // the actor runs the campaign
}

// attemptTurf returns a turf the actor may record attempts in.
func (a *App) attemptTurf(ctx context.Context, actor *rankfile.Actor, turfID int64) (*turfDoors, error) {
	if turfID == 0 {
		return nil, rankfile.FieldErrorf("turf_id", rankfile.EINVALID, "an attempt names its turf")
	}
	t, err := a.Turfs.FindTurf(ctx, turfID)
	if err != nil {
		return nil, err
	}
	td := &turfDoors{turf: t}
	if !actor.WalkedTurf(t) {
		if _, err := a.managedCampaign(ctx, actor, t.CampaignID); err != nil {
			return nil, err
		}
		td.runs = true
	}
	doors, err := a.Turfs.TurfDoors(ctx, turfID)
	for _, d := range doors {
		td.doors = append(td.doors, d.Household.ID)
	}
	return td, err
}

// claim checks an attempt against its turf and fills in what the server
// knows: the campaign, and who made it (the actor, unless a campaign's
// runner enters it for a canvasser).
func (td *turfDoors) claim(actor *rankfile.Actor, at *rankfile.Attempt) error {
	if !slices.Contains(td.doors, at.HouseholdID) {
		return rankfile.FieldErrorf("household_id", rankfile.EINVALID, "door %d is not in turf %q", at.HouseholdID, td.turf.Name)
	}
	at.CampaignID = td.turf.CampaignID
	if !td.runs || at.ByMemberID == 0 {
		at.ByMemberID = actor.Member.ID
	}
	return nil
}
