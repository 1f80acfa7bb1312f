package app

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
)

// SetCanvassCampaign makes a canvass event hand out turfs of a campaign at
// its check-in (0 unlinks it), for those who manage the event and run the
// campaign.
func (a *App) SetCanvassCampaign(ctx context.Context, actor *rankfile.Actor, eventID, campaignID int64) error {
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanManageEvent(e)); err != nil {
		return err
	}
	if e.Kind != rankfile.EventCanvass {
		return rankfile.FieldErrorf("campaign", rankfile.EINVALID, "only a canvass hands out turfs")
	}
	if campaignID != 0 {
		if _, err := a.managedCampaign(ctx, actor, campaignID); err != nil {
			return err
		}
	}
	return a.Shifts.SetCanvassCampaign(as(ctx, actor), eventID, campaignID)
}

// checkedIn hands a member checked in at a canvass or a phonebank the
// shift's work. The check-in is stored already, and stands whatever
// comes of the handing: a volunteer at the door is not turned away
// because every turf is out, and the log says why she got none.
func (a *App) checkedIn(ctx context.Context, eventID int64, reg *rankfile.Registration, err error) (*rankfile.Registration, error) {
	if err != nil || reg == nil || reg.MemberID == 0 {
		return reg, err
	}
	if herr := a.handShift(ctx, eventID, reg.MemberID); herr != nil {
		a.Logger.Warn("handing out a shift's work", "event", eventID, "member", reg.MemberID, "err", herr)
	}
	return reg, nil
}

// handShift hands a member checked in at an event its shift's work: a
// free turf of a canvass's campaign, a phonebank's first calls.
func (a *App) handShift(ctx context.Context, eventID, memberID int64) error {
	e, err := a.eventByID(ctx, eventID)
	if err != nil {
		return err
	}
	switch e.Kind {
	case rankfile.EventCanvass:
		return a.handTurf(ctx, e, memberID)
	case rankfile.EventPhonebank:
		return a.handCalls(ctx, e, memberID)
	}
	return nil
}

// handTurf checks a free turf of the canvass's campaign out to the member
// until an hour after the canvass ends, unless she holds one already.
func (a *App) handTurf(ctx context.Context, e *rankfile.Event, memberID int64) error {
	campaignID, err := a.Shifts.CanvassCampaign(ctx, e.ID)
	if err != nil || campaignID == 0 {
		return err
	}
	turfs, err := a.Turfs.Turfs(ctx, campaignID)
	if err != nil {
		return err
	}
	now := a.Now()
	var free *rankfile.Turf
	for _, t := range turfs {
		if t.CheckedOut(now) && (t.CanvasserID == memberID || t.PartnerID == memberID) {
			return nil
		}
		if free == nil && t.Open && !t.CheckedOut(now) {
			free = t
		}
	}
	if free == nil {
		return rankfile.Errorf(rankfile.ECONFLICT, "every open turf of the campaign is out")
	}
	until := e.EndsAt.Add(time.Hour)
	if latest := now.Add(rankfile.MaxCheckout); until.After(latest) {
		until = latest
	}
	return a.Turfs.CheckOutTurf(ctx, free.ID, memberID, 0, until)
}

// handCalls makes the member a caller of the phonebanks whose shift the
// event is, and hands her a first batch of each open one.
func (a *App) handCalls(ctx context.Context, e *rankfile.Event, memberID int64) error {
	phonebanks, err := a.Shifts.EventPhonebanks(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, p := range phonebanks {
		if !p.ClosedAt.IsZero() {
			continue
		}
		if err := a.Phonebanks.AddCaller(ctx, p.ID, memberID); err != nil {
			return err
		}
		if _, err := a.Phonebanks.ClaimCalls(ctx, p.ID, memberID); err != nil {
			return err
		}
	}
	return nil
}

// ShiftWork returns what the actor holds from a canvass or a phonebank
// event (the turf she walks, the phonebanks she calls for) and the
// canvass's campaign; nil for other events.
func (a *App) ShiftWork(ctx context.Context, actor *rankfile.Actor, e *rankfile.Event) (*rankfile.ShiftWork, error) {
	if !actor.SignedIn() || (e.Kind != rankfile.EventCanvass && e.Kind != rankfile.EventPhonebank) {
		return nil, nil
	}
	w := &rankfile.ShiftWork{}
	if e.Kind == rankfile.EventPhonebank {
		return w, a.shiftCalls(ctx, actor, e, w)
	}
	campaignID, err := a.Shifts.CanvassCampaign(ctx, e.ID)
	if err != nil || campaignID == 0 {
		return w, err
	}
	found, err := a.Campaigns.FindCampaigns(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	w.Campaign = found[0]
	turfs, err := a.Turfs.Turfs(ctx, campaignID)
	for _, t := range turfs {
		if actor.HoldsTurf(t, a.Now()) {
			w.Turf = t
		}
	}
	return w, err
}

// shiftCalls fills in the event's phonebanks the actor calls for.
func (a *App) shiftCalls(ctx context.Context, actor *rankfile.Actor, e *rankfile.Event, w *rankfile.ShiftWork) error {
	phonebanks, err := a.Shifts.EventPhonebanks(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, p := range phonebanks {
		callers, err := a.Phonebanks.Callers(ctx, p.ID)
		if err != nil {
			return err
		}
		if actor.CanCall(callers) {
			w.Phonebanks = append(w.Phonebanks, p)
		}
	}
	return nil
}
