package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// audience is whom a weekly email reaches: the members, and how many of
// them in each branch (0 for outside every branch).
type audience struct {
	members  []int64
	byBranch map[int64]int
}

// weeklyAudience decides whom a weekly email reaches today: every member
// the rule lets it reach (Member.GetsWeekly) whose copy says something
// (WeeklyEmail.WorthSending).
func (a *App) weeklyAudience(ctx context.Context, c *weeklyContent) (*audience, error) {
	today := a.Today()
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, AsOf: today, Brief: true})
	if err != nil {
		return nil, err
	}
	optOuts, err := a.Weekly.WeeklyOptOuts(ctx)
	if err != nil {
		return nil, err
	}
	inHosts, err := a.hostMembers(ctx, c)
	if err != nil {
		return nil, err
	}
	aud := &audience{byBranch: map[int64]int{}}
	off := false
	for _, m := range members {
		if optOuts[m.ID] {
			m.Preferences.WeeklyEmail = &off // brief members carry no preferences
		}
		branch := m.Branch.ID()
		belongs := func(body int64) bool { return body == branch || inHosts[body][m.ID] }
		if m.GetsWeekly(today) && c.weekly.WorthSending(len(c.copyFor(branch, belongs))) {
			aud.members = append(aud.members, m.ID)
			aud.byBranch[branch]++
		}
	}
	return aud, nil
}

// hostMembers returns, for each host of the email's events for a body's
// members, who holds a position in it today: they belong to it. (Members
// belong to their branch by where they live, which the caller knows.)
func (a *App) hostMembers(ctx context.Context, c *weeklyContent) (map[int64]map[int64]bool, error) {
	out := map[int64]map[int64]bool{}
	for _, it := range c.items {
		if it.Excluded || it.Event.Audience != rankfile.AudienceBody {
			continue
		}
		for _, body := range it.Event.Hosts() {
			if out[body] != nil {
				continue
			}
			positions, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: body, ActiveOn: a.Today()})
			if err != nil {
				return nil, err
			}
			out[body] = map[int64]bool{}
			for _, p := range positions {
				out[body][p.MemberID] = true
			}
		}
	}
	return out, nil
}

// memberBelongs says which bodies a member belongs to today, for their
// copy: their branch, and the bodies they hold a position in.
func (a *App) memberBelongs(ctx context.Context, m *rankfile.Member) (func(int64) bool, error) {
	bodies, err := a.memberBodies(ctx, m)
	if err != nil {
		return nil, err
	}
	return func(id int64) bool { return slices.Contains(bodies, id) }, nil
}
