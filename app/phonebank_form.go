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
	if err := a.phonebankCampaigns(ctx, actor, c); err != nil {
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

// phonebankCampaigns fills in the open campaigns the actor runs.
func (a *App) phonebankCampaigns(ctx context.Context, actor *rankfile.Actor, c *PhonebankChoices) error {
	campaigns, err := a.Campaigns.FindCampaigns(ctx, 0)
	if err != nil {
		return err
	}
	for _, camp := range campaigns {
		if camp.ClosedAt.IsZero() && actor.CanManageCampaign(camp.BodyID) {
			c.Campaigns = append(c.Campaigns, camp)
		}
	}
	return nil
}
