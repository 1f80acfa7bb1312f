package app

import (
	"context"

	"github.com/rankfile/rankfile"
)

// PhonebankChoices is what the form starting a phonebank offers: the
// bodies and campaigns the actor runs, the branches and ladder stages a
// roster list is chosen by, and the phonebank events to be its shift.
type PhonebankChoices struct {
	Bodies    []*rankfile.Body     `json:"bodies"`
	Campaigns []*rankfile.Campaign `json:"campaigns"`
	Branches  []*rankfile.Body     `json:"branches"`
	Stages    []string             `json:"stages"`
	Shifts    []*rankfile.Event    `json:"shifts"`
}

// PhonebankChoices returns the form's choices, for those who run some
// body's campaigns.
func (a *App) PhonebankChoices(ctx context.Context, actor *rankfile.Actor) (*PhonebankChoices, error) {
	all, err := a.ActiveBodyList(ctx)
	if err != nil {
		return nil, err
	}
	c := &PhonebankChoices{}
	for _, b := range all {
		if actor.CanRunPhonebank(b.ID) {
			c.Bodies = append(c.Bodies, b)
		}
		if b.Kind == rankfile.KindBranch {
			c.Branches = append(c.Branches, b)
		}
	}
	if err := actor.Require(len(c.Bodies) > 0); err != nil {
		return nil, err
	}
	if c.Campaigns, err = a.CampaignsRunBy(ctx, actor); err != nil {
		return nil, err
	}
	ladder, err := a.Ladders.Ladder(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range ladder {
		c.Stages = append(c.Stages, s.Key)
	}
	c.Shifts, err = a.Events.FindEvents(ctx, rankfile.EventFilter{Kinds: []rankfile.EventKind{rankfile.EventPhonebank},
		From: a.Now(), Scheduled: true, Limit: 50})
	return c, err
}

// CampaignsRunBy lists the open campaigns the actor runs, for the forms
// that hand their work out (a phonebank of targets, a canvass's turfs).
func (a *App) CampaignsRunBy(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.Campaign, error) {
	campaigns, err := a.Campaigns.FindCampaigns(ctx, 0)
	if err != nil {
		return nil, err
	}
	var out []*rankfile.Campaign
	for _, c := range campaigns {
		if c.ClosedAt.IsZero() && actor.CanManageCampaign(c.BodyID) {
			out = append(out, c)
		}
	}
	return out, nil
}
