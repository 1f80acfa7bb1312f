package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// PhonebankView is a phonebank as its page shows it to the actor: its
// progress to all members, its callers to those who run it, and to a
// caller the calls she holds.
type PhonebankView struct {
	Phonebank *rankfile.Phonebank         `json:"phonebank"`
	Progress  *rankfile.PhonebankProgress `json:"progress"`
	Runs      bool                        `json:"runs"`  // the actor runs it
	Calls     bool                        `json:"calls"` // the actor is one of its callers
	Callers   []*Caller                   `json:"callers,omitempty"`
	Held      []*rankfile.Call            `json:"held,omitempty"`
	Campaign  *rankfile.Campaign          `json:"campaign,omitempty"`
	// CampaignScript is the campaign's script, which callers of its
	// phonebank read when the phonebank has no script of its own.
	CampaignScript *rankfile.CampaignScript `json:"campaign_script,omitempty"`
}

// Caller is one of a phonebank's callers, by name.
type Caller struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// Phonebank returns a phonebank's page for the actor. The numbers of the
// calls a caller holds are shown to her, and written to the log of views.
func (a *App) Phonebank(ctx context.Context, actor *rankfile.Actor, id int64) (*PhonebankView, error) {
	p, err := a.phonebank(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	v := &PhonebankView{Phonebank: p, Runs: actor.CanRunPhonebank(p.BodyID)}
	if v.Progress, err = a.Phonebanks.PhonebankProgress(ctx, id); err != nil {
		return nil, err
	}
	callers, err := a.Phonebanks.Callers(ctx, id)
	if err != nil {
		return nil, err
	}
	v.Calls = actor.CanCall(callers)
	if err := a.phonebankCallers(ctx, v, callers); err != nil {
		return nil, err
	}
	if err := a.phonebankCampaign(ctx, v); err != nil {
		return nil, err
	}
	if v.Campaign != nil && p.Script == "" && (v.Calls || v.Runs) {
		if v.CampaignScript, err = a.Campaigns.CampaignScript(ctx, v.Campaign.ID); err != nil {
			return nil, err
		}
	}
	if v.Calls {
		if v.Held, err = a.Phonebanks.HeldCalls(ctx, id, actor.ID()); err != nil {
			return nil, err
		}
		return v, a.logCallsShown(ctx, actor, p, v.Held)
	}
	return v, nil
}

// phonebankCallers fills in the callers' names for those who run it.
func (a *App) phonebankCallers(ctx context.Context, v *PhonebankView, ids []int64) error {
	if !v.Runs {
		return nil
	}
	for _, id := range ids {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
		if err != nil {
			return err
		}
		v.Callers = append(v.Callers, &Caller{ID: m.ID, Name: m.FullName()})
	}
	return nil
}

// phonebankCampaign fills in a targets phonebank's campaign.
func (a *App) phonebankCampaign(ctx context.Context, v *PhonebankView) error {
	if v.Phonebank.CampaignID == 0 {
		return nil
	}
	found, err := a.Campaigns.FindCampaigns(ctx, v.Phonebank.CampaignID)
	if err != nil {
		return err
	}
	v.Campaign = found[0]
	return nil
}

// logCallsShown writes the numbers a caller was shown to the log of views.
func (a *App) logCallsShown(ctx context.Context, actor *rankfile.Actor, p *rankfile.Phonebank, calls []*rankfile.Call) error {
	if len(calls) == 0 {
		return nil
	}
	ids := make([]int64, len(calls))
	for i, c := range calls {
		ids[i] = c.ID
	}
	return a.Audit.Record(as(ctx, actor), rankfile.AuditViewContact, 0,
		fmt.Sprintf("phonebank %d: numbers of calls %v", p.ID, ids))
}

// ClaimCalls hands the actor, a caller of the phonebank, her batch of
// calls: the ones she holds, topped up to the batch size (see
// rankfile.PhonebankService). The store's log names the calls handed.
func (a *App) ClaimCalls(ctx context.Context, actor *rankfile.Actor, id int64) ([]*rankfile.Call, error) {
	if err := a.requireCaller(ctx, actor, id); err != nil {
		return nil, err
	}
	return a.Phonebanks.ClaimCalls(as(ctx, actor), id, actor.ID())
}

// requireCaller refuses whoever is not one of a phonebank's callers.
func (a *App) requireCaller(ctx context.Context, actor *rankfile.Actor, id int64) error {
	if _, err := a.phonebank(ctx, actor, id); err != nil {
		return err
	}
	callers, err := a.Phonebanks.Callers(ctx, id)
	if err != nil {
		return err
	}
	return actor.Require(actor.CanCall(callers))
}

// RecordCalls stores calls the actor made from a phonebank's list, each
// once however often sent: every call is on a line she was handed last
// (so that a phone sending again after the line moved on is not refused),
// and nothing is stored if one is not.
func (a *App) RecordCalls(ctx context.Context, actor *rankfile.Actor, id int64, calls []*rankfile.Attempt) (repeats int, err error) {
	if err := a.requireCaller(ctx, actor, id); err != nil {
		return 0, err
	}
	for _, at := range calls {
		line, err := a.Phonebanks.FindCall(ctx, at.CallID)
		switch {
		case rankfile.ErrorCode(err) == rankfile.ENOTFOUND || (err == nil && line.PhonebankID != id):
			return 0, rankfile.FieldErrorf("call_id", rankfile.EINVALID, "call %d is not on this phonebank's list", at.CallID)
		case err != nil:
			return 0, err
		case line.ClaimedBy != actor.ID():
			return 0, rankfile.Errorf(rankfile.EFORBIDDEN, "call %d was handed to another caller", at.CallID)
		}
		at.Channel, at.ByMemberID, at.TurfID = rankfile.ChannelPhone, actor.ID(), 0
	}
	return a.Attempts.RecordAttempts(as(ctx, actor), calls)
}
