package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/rankfile/rankfile"
)

// TargetPageSize is how many targets a page of a campaign's list shows.
const TargetPageSize = 50

// TargetList is a page of a campaign's targets with their doors. It
// carries no phone or email: a list is for finding a person, and their
// own page shows (and audits) how to reach them.
type TargetList struct {
	Campaign *rankfile.Campaign            `json:"campaign"`
	Targets  []*ListedTarget               `json:"targets"`
	Total    int                           `json:"total"`
	Doors    map[int64]*rankfile.Household `json:"-"`
}

// ListedTarget is a target as the list shows them: name and door.
type ListedTarget struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Address      string `json:"address"`
	MemberID     int64  `json:"member_id,omitempty"`
	DoNotContact bool   `json:"do_not_contact"`
}

// Targets lists a page of a campaign's targets matching a search by name
// or street, for those who run it.
func (a *App) Targets(ctx context.Context, actor *rankfile.Actor, f rankfile.TargetFilter) (*TargetList, error) {
	c, err := a.managedCampaign(ctx, actor, f.CampaignID)
	if err != nil {
		return nil, err
	}
	f.Limit = TargetPageSize
	found, total, err := a.Campaigns.FindTargets(ctx, f)
	if err != nil {
		return nil, err
	}
	l := &TargetList{Campaign: c, Total: total, Targets: []*ListedTarget{}}
	for _, t := range found {
		lt := &ListedTarget{ID: t.ID, Name: t.Name(), MemberID: t.MemberID, DoNotContact: t.DoNotContact}
		if t.HouseholdID != 0 {
			h, err := a.Campaigns.FindHousehold(ctx, t.HouseholdID)
			if err != nil {
				return nil, err
			}
			lt.Address = h.Address.Line()
		}
		l.Targets = append(l.Targets, lt)
	}
	return l, nil
}

// TargetRecord is everything a campaign keeps on a target: who they are
// and how to reach them, their household and who else lives there, the
// knocks and calls at their door, and the member they became.
type TargetRecord struct {
	Campaign   *rankfile.Campaign  `json:"campaign"`
	Target     *rankfile.Target    `json:"target"`
	Household  *rankfile.Household `json:"household,omitempty"`
	Housemates []*ListedTarget     `json:"housemates"`
	Attempts   []*rankfile.Attempt `json:"attempts"`
	// Member is the name of the member the target became, "" if none.
	Member string `json:"member,omitempty"`
}

// Target returns a target's record for those who run the campaign; the
// look at their phone and email is audited as a view of contact details.
func (a *App) Target(ctx context.Context, actor *rankfile.Actor, id int64) (*TargetRecord, error) {
	r, err := a.targetRecord(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return r, a.Audit.Record(as(ctx, actor), rankfile.AuditViewContact, r.Target.MemberID,
		fmt.Sprintf("target %d of campaign %d", id, r.Campaign.ID))
}

// TargetData returns everything kept on a target, for the data stewards
// and admins answering the person's request for their data; audited.
func (a *App) TargetData(ctx context.Context, actor *rankfile.Actor, id int64) (*TargetRecord, error) {
	if err := actor.Require(actor.CanExportTarget()); err != nil {
		return nil, err
	}
	r, err := a.targetRecord(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return r, a.Audit.Record(as(ctx, actor), rankfile.AuditExportTarget, r.Target.MemberID,
		fmt.Sprintf("target %d of campaign %d", id, r.Campaign.ID))
}

// targetRecord gathers a target's record, for those who run the campaign.
func (a *App) targetRecord(ctx context.Context, actor *rankfile.Actor, id int64) (*TargetRecord, error) {
	if err := actor.Require(actor.CanSeeCampaigns()); err != nil {
		return nil, err // before looking: who is signed out learns nothing of which targets exist
	}
	t, err := a.Campaigns.FindTarget(ctx, id)
	if err != nil {
		return nil, err
	}
	r := &TargetRecord{Target: t, Housemates: []*ListedTarget{}, Attempts: []*rankfile.Attempt{}}
	if r.Campaign, err = a.managedCampaign(ctx, actor, t.CampaignID); err != nil {
		return nil, err
	}
	if t.MemberID != 0 {
		if r.Member, err = a.memberName(ctx, t.MemberID); err != nil {
			return nil, err
		}
	}
	if t.HouseholdID == 0 {
		return r, nil
	}
	return r, a.targetHousehold(ctx, r)
}

// targetHousehold adds the target's door, housemates and attempts.
func (a *App) targetHousehold(ctx context.Context, r *TargetRecord) error {
	var err error
	if r.Household, err = a.Campaigns.FindHousehold(ctx, r.Target.HouseholdID); err != nil {
		return err
	}
	mates, _, err := a.Campaigns.FindTargets(ctx, rankfile.TargetFilter{CampaignID: r.Campaign.ID, HouseholdID: r.Household.ID})
	if err != nil {
		return err
	}
	for _, m := range mates {
		if m.ID != r.Target.ID {
			r.Housemates = append(r.Housemates, &ListedTarget{ID: m.ID, Name: m.Name(), MemberID: m.MemberID, DoNotContact: m.DoNotContact})
		}
	}
	attempts, err := a.Attempts.HouseholdAttempts(ctx, r.Household.ID)
	if attempts != nil {
		r.Attempts = attempts
	}
	return err
}

// memberName returns a member's name and nothing else of them.
func (a *App) memberName(ctx context.Context, id int64) (string, error) {
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return fmt.Sprintf("#%d", id), nil
	}
	if err != nil {
		return "", err
	}
	return m.FullName(), nil
}

// LinkTarget links a target to the member they became, named by national
// id or email ("" unlinks), for those who run the campaign.
func (a *App) LinkTarget(ctx context.Context, actor *rankfile.Actor, targetID int64, memberRef string) error {
	if err := actor.Require(actor.CanSeeCampaigns()); err != nil {
		return err
	}
	t, err := a.Campaigns.FindTarget(ctx, targetID)
	if err != nil {
		return err
	}
	if _, err := a.managedCampaign(ctx, actor, t.CampaignID); err != nil {
		return err
	}
	var memberID int64
	if ref := strings.TrimSpace(memberRef); ref != "" {
		m, err := a.memberByRef(ctx, ref)
		if err != nil {
			return inputError("member", err)
		}
		memberID = m.ID
	}
	return a.Campaigns.LinkTarget(ctx, targetID, memberID)
}

// DoNotContactList returns the chapter's do-not-contact list, for the
// data stewards and admins who keep it.
func (a *App) DoNotContactList(ctx context.Context, actor *rankfile.Actor) ([]*rankfile.DoNotContactEntry, error) {
	if err := actor.Require(actor.CanKeepDoNotContact()); err != nil {
		return nil, err
	}
	list, err := a.Campaigns.DoNotContactList(ctx)
	if list == nil {
		list = []*rankfile.DoNotContactEntry{}
	}
	return list, err
}
