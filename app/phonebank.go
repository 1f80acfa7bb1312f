package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// CreatePhonebank starts a phonebank and makes its list: from a campaign's
// targets, for those who run the campaign, or from the roster by the
// phonebank's filter, for those who run the body's campaigns.
func (a *App) CreatePhonebank(ctx context.Context, actor *rankfile.Actor, p *rankfile.Phonebank) error {
	if err := a.checkPhonebank(ctx, actor, p); err != nil {
		return err
	}
	calls, err := a.callList(ctx, p)
	if err != nil {
		return err
	}
	return a.Phonebanks.CreatePhonebank(as(ctx, actor), p, calls)
}

// checkPhonebank checks a new phonebank against who starts it: its body
// (a campaign's, for a phonebank of targets), its shift and its stage.
func (a *App) checkPhonebank(ctx context.Context, actor *rankfile.Actor, p *rankfile.Phonebank) error {
	if p.Source == rankfile.PhonebankTargets && p.CampaignID != 0 {
		c, err := a.managedCampaign(ctx, actor, p.CampaignID)
		if err != nil {
			return err
		}
		p.BodyID = c.BodyID
	}
	if err := actor.Require(actor.CanRunPhonebank(p.BodyID)); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := a.checkActiveBodies(ctx, nil, p.BodyID); err != nil {
		return err
	}
	if err := a.checkPhonebankShift(ctx, actor, p.EventID); err != nil {
		return err
	}
	return a.checkStage(ctx, p.Filter.Stage)
}

// checkPhonebankShift refuses a shift that is not a phonebank event.
func (a *App) checkPhonebankShift(ctx context.Context, actor *rankfile.Actor, eventID int64) error {
	if eventID == 0 {
		return nil
	}
	e, err := a.findEvent(ctx, actor, eventID)
	if err != nil {
		return err
	}
	if e.Kind != rankfile.EventPhonebank {
		return rankfile.FieldErrorf("event", rankfile.EINVALID, "%q is not a phonebank event", e.Title)
	}
	return nil
}

// checkStage refuses a stage the chapter's ladder does not have.
func (a *App) checkStage(ctx context.Context, stage string) error {
	if stage == "" {
		return nil
	}
	ladder, err := a.Ladders.Ladder(ctx)
	if err != nil {
		return err
	}
	if ladder.Rank(stage) == 0 {
		return rankfile.FieldErrorf("stage", rankfile.EINVALID, "the ladder has no stage %q", stage)
	}
	return nil
}

// callList makes a phonebank's list as things stand today.
func (a *App) callList(ctx context.Context, p *rankfile.Phonebank) ([]*rankfile.Call, error) {
	calledMembers, calledTargets := map[int64]bool{}, map[int64]bool{}
	if days := p.Filter.NotCalledDays; days > 0 {
		var err error
		if calledMembers, calledTargets, err = a.Phonebanks.CalledSince(ctx, a.Now().AddDate(0, 0, -days)); err != nil {
			return nil, err
		}
	}
	if p.Source == rankfile.PhonebankTargets {
		return a.targetCalls(ctx, p.CampaignID, calledTargets)
	}
	return a.memberCalls(ctx, p.BodyID, p.Filter, calledMembers)
}

// targetCalls lists a campaign's targets with a phone who did not ask to
// be left alone and were not called lately.
func (a *App) targetCalls(ctx context.Context, campaignID int64, called map[int64]bool) ([]*rankfile.Call, error) {
	targets, err := a.Campaigns.Targets(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	var calls []*rankfile.Call
	for _, t := range targets {
		if t.Phone == "" || t.DoNotContact || called[t.ID] {
			continue
		}
		calls = append(calls, &rankfile.Call{TargetID: t.ID, Name: t.Name(), Phone: t.Phone})
	}
	return calls, nil
}

// memberCalls lists the members of the chapter of the phonebank's body
// (bodyID) a filter chooses who have a phone, did not ask not to be
// called and were not called lately.
func (a *App) memberCalls(ctx context.Context, bodyID int64, f rankfile.CallFilter, called map[int64]bool) ([]*rankfile.Call, error) {
	today := a.Today()
	mf, err := a.chapterScope(ctx, bodyID)
	if err != nil {
		return nil, err
	}
	mf.Standing, mf.BranchSlug, mf.AsOf = f.Standing, f.BranchSlug, today
	// Whole members, not brief ones: the list needs their expiry and their
	// wishes about calls.
	members, _, err := a.Members.FindMembers(ctx, mf)
	if err != nil {
		return nil, err
	}
	stages, err := a.stagesFor(ctx, f.Stage, today)
	if err != nil {
		return nil, err
	}
	var calls []*rankfile.Call
	for _, m := range members {
		phone, err := rankfile.NormalizePhone(m.Phone())
		if err != nil || m.ContactWishes().DoNotCall || called[m.ID] || !lapsedWithin(m, f.LapsedWithinDays, today) ||
			(f.Stage != "" && stages[m.ID] != f.Stage) {
			continue
		}
		calls = append(calls, &rankfile.Call{MemberID: m.ID, Name: m.FullName(), Phone: phone})
	}
	return calls, nil
}

// stagesFor returns members' stages when a filter asks for a stage.
func (a *App) stagesFor(ctx context.Context, stage string, today rankfile.Date) (map[int64]string, error) {
	if stage == "" {
		return nil, nil
	}
	return a.Benchmarks.MemberStages(ctx, today)
}

// lapsedWithin reports whether a member's membership ran out in the last
// days days; true when days is 0 (no filter).
func lapsedWithin(m *rankfile.Member, days int, today rankfile.Date) bool {
	if days == 0 {
		return true
	}
	return !m.Xdate.IsZero() && !m.Xdate.After(today) && !m.Xdate.Before(today.AddDays(-days))
}

// TopUpPhonebank adds to a phonebank's list whoever its filter chooses
// now and the list lacks (members who lapsed since, targets imported
// since), for those who run it.
func (a *App) TopUpPhonebank(ctx context.Context, actor *rankfile.Actor, id int64) (int, error) {
	p, err := a.runPhonebank(ctx, actor, id)
	if err != nil {
		return 0, err
	}
	calls, err := a.callList(ctx, p)
	if err != nil {
		return 0, err
	}
	return a.Phonebanks.AddCalls(as(ctx, actor), id, calls)
}

// ClosePhonebank closes a phonebank, for those who run it.
func (a *App) ClosePhonebank(ctx context.Context, actor *rankfile.Actor, id int64) error {
	if _, err := a.runPhonebank(ctx, actor, id); err != nil {
		return err
	}
	return a.Phonebanks.ClosePhonebank(as(ctx, actor), id, a.Now())
}

// AddCaller puts a member on a phonebank's callers, for those who run it.
func (a *App) AddCaller(ctx context.Context, actor *rankfile.Actor, id, memberID int64) error {
	if _, err := a.runPhonebank(ctx, actor, id); err != nil {
		return err
	}
	if _, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID}); err != nil {
		return err
	}
	return a.Phonebanks.AddCaller(as(ctx, actor), id, memberID)
}

// runPhonebank returns a phonebank the actor runs.
func (a *App) runPhonebank(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Phonebank, error) {
	p, err := a.phonebank(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return p, actor.Require(actor.CanRunPhonebank(p.BodyID))
}

// phonebank returns a phonebank, for members signed in (its name and
// progress; its numbers are for its callers).
func (a *App) phonebank(ctx context.Context, actor *rankfile.Actor, id int64) (*rankfile.Phonebank, error) {
	found, err := a.FindPhonebanks(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return found[0], nil
}

// FindPhonebanks lists the phonebanks, newest first, or the one with id,
// for members signed in.
func (a *App) FindPhonebanks(ctx context.Context, actor *rankfile.Actor, id int64) ([]*rankfile.Phonebank, error) {
	if err := actor.Require(actor.CanSeeCampaigns()); err != nil {
		return nil, err
	}
	return a.Phonebanks.FindPhonebanks(ctx, id)
}

// CallerSearch finds members by the beginning of their names, for those
// who run a phonebank to add one as a caller; a search by name, limited
// and logged like a host's at the door (see searchNames).
func (a *App) CallerSearch(ctx context.Context, actor *rankfile.Actor, id int64, query string) ([]*rankfile.Member, int, error) {
	p, err := a.runPhonebank(ctx, actor, id)
	if err != nil {
		return nil, 0, err
	}
	scope, err := a.chapterScope(ctx, p.BodyID)
	if err != nil {
		return nil, 0, err
	}
	return a.searchNames(ctx, actor, []rankfile.MemberFilter{scope}, query, fmt.Sprintf("caller for phonebank %d", id))
}
