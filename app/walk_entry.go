package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// Paper walk sheets entered back: those who run a campaign type in what a
// canvasser ticked on a turf's sheet, for that canvasser.

// WalkEntry is what the entry page of a turf needs: its walk, and who may
// have walked it (its last canvasser and partner).
type WalkEntry struct {
	Walk       *Walk
	Canvassers []*rankfile.Member
}

// WalkEntry returns a turf's walk and canvassers, for those who run its
// campaign.
func (a *App) WalkEntry(ctx context.Context, actor *rankfile.Actor, turfID int64) (*WalkEntry, error) {
	if _, err := a.managedTurf(ctx, actor, turfID); err != nil {
		return nil, err
	}
	walk, err := a.Walk(ctx, actor, turfID)
	if err != nil {
		return nil, err
	}
	e := &WalkEntry{Walk: walk}
	for _, id := range []int64{walk.Turf.CanvasserID, walk.Turf.PartnerID} {
		if id == 0 {
			continue
		}
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
		if err != nil {
			return nil, err
		}
		e.Canvassers = append(e.Canvassers, m)
	}
	return e, nil
}

// RecordWalkEntry stores what was typed in from a turf's paper sheet as
// the attempts of the canvasser named, who must be the turf's last
// canvasser or partner (or, when it has none, the actor), for those who
// run its campaign: all of them, or none.
func (a *App) RecordWalkEntry(ctx context.Context, actor *rankfile.Actor, turfID, canvasserID int64, attempts []*rankfile.Attempt) (int, error) {
	e, err := a.WalkEntry(ctx, actor, turfID)
	if err != nil {
		return 0, err
	}
	if !e.walkedBy(canvasserID) {
		return 0, rankfile.FieldErrorf("canvasser", rankfile.EINVALID, "name the canvasser who walked the turf")
	}
	for _, at := range attempts {
		at.TurfID, at.ByMemberID = turfID, canvasserID
	}
	return a.RecordAttempts(ctx, actor, attempts)
}

// walkedBy reports whether the member may be named as who walked the
// turf: one of its canvassers, or anyone (0: the one typing) when it has
// none.
func (e *WalkEntry) walkedBy(memberID int64) bool {
	if len(e.Canvassers) == 0 {
		return memberID == 0
	}
	for _, m := range e.Canvassers {
		if m.ID == memberID {
			return true
		}
	}
	return false
}
