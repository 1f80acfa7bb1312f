package app

import (
	"context"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// weeklyContent is what a weekly email is made of: the email, its events
// as they stand on the calendar now (as a member without a seat sees
// them), each with its branch, and every body by id.
type weeklyContent struct {
	weekly *rankfile.WeeklyEmail
	items  []*rankfile.WeeklyItem
	bodies map[int64]*rankfile.Body
	// added are the week's events put on the calendar since the draft.
	added []*rankfile.Event
}

// loadWeekly gathers a weekly email's content. Its events that were
// cancelled or moved out of the week since it was drafted drop out here,
// for the page and for every copy still to be composed.
func (a *App) loadWeekly(ctx context.Context, id int64) (*weeklyContent, error) {
	found, err := a.Weekly.FindWeeklies(ctx, rankfile.WeeklyFilter{ID: id})
	if err != nil {
		return nil, err
	} else if len(found) == 0 {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such weekly email")
	}
	c := &weeklyContent{weekly: found[0]}
	if c.bodies, err = a.bodiesByID(ctx); err != nil {
		return nil, err
	}
	events, err := a.weekEvents(ctx, c.weekly.WeekOf)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		if !slices.Contains(c.weekly.EventIDs, e.ID) {
			c.added = append(c.added, e)
			continue
		}
		c.items = append(c.items, &rankfile.WeeklyItem{Event: e.ForViewer(false, false),
			BranchID: rankfile.BranchOf(e.BodyID, c.bodies), Excluded: c.weekly.IsExcluded(e.ID)})
	}
	return c, nil
}

// bodiesByID returns every body by its id.
func (a *App) bodiesByID(ctx context.Context) (map[int64]*rankfile.Body, error) {
	all, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{})
	out := make(map[int64]*rankfile.Body, len(all))
	for _, b := range all {
		out[b.ID] = b
	}
	return out, err
}

// copyFor returns the events in the copy of a member of branch branchID
// who belongs to the bodies belongs says.
func (c *weeklyContent) copyFor(branchID int64, belongs func(int64) bool) []*rankfile.Event {
	var out []*rankfile.Event
	for _, it := range c.items {
		if it.Reaches(branchID, belongs) {
			out = append(out, it.Event)
		}
	}
	return out
}

// WeeklyView is a weekly email as the communications team sees it: its
// events, what a member of each branch gets, and whom it reaches.
type WeeklyView struct {
	Weekly *rankfile.WeeklyEmail  `json:"weekly"`
	Items  []*rankfile.WeeklyItem `json:"events"`
	// Bodies are every body by id, for naming branches and hosts.
	Bodies map[int64]*rankfile.Body `json:"-"`
	// Previews are the copies of the members of each branch, and last of
	// those outside every branch.
	Previews []*WeeklyPreview `json:"previews"`
	// ForHosts are the events for a body's members whose hosts are not
	// branches: they go to the members of the hosts, wherever they live,
	// besides their branch's copy.
	ForHosts []*rankfile.Event `json:"for_hosts"`
	// Added are events put on the calendar for the week since the draft:
	// drafting again takes them in.
	Added []*rankfile.Event `json:"added"`
	// Recipients counts the members it reaches now (a draft), or the
	// members it was sent to.
	Recipients int `json:"recipients"`
	// Unsendable is why a draft cannot be sent as it stands (see
	// weeklyForEveryChapter), for the page to say so in place of sending;
	// nil when it can.
	Unsendable error `json:"-"`
}

// WeeklyPreview is the copy the members of one branch get.
type WeeklyPreview struct {
	// Branch is nil for the members outside every branch.
	Branch *rankfile.Body    `json:"branch"`
	Events []*rankfile.Event `json:"events"`
	// Recipients counts the branch's members it reaches now; 0 once sent.
	Recipients int `json:"recipients"`
}

// WeeklyEmail returns a weekly email with what each branch gets.
func (a *App) WeeklyEmail(ctx context.Context, actor *rankfile.Actor, id int64) (*WeeklyView, error) {
	if err := actor.Require(actor.CanEditWeekly()); err != nil {
		return nil, err
	}
	c, err := a.loadWeekly(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &WeeklyView{Weekly: c.weekly, Items: c.items, Bodies: c.bodies, Added: c.added, Recipients: c.weekly.Recipients}
	aud := &audience{byBranch: map[int64]int{}}
	if !c.weekly.Sent() {
		if aud, err = a.weeklyAudience(ctx, c); err != nil {
			return nil, err
		}
		v.Recipients = len(aud.members)
		unsendable := a.weeklyForEveryChapter(ctx, c)
		if rankfile.ErrorCode(unsendable) == rankfile.EINTERNAL {
			return nil, unsendable
		}
		v.Unsendable = unsendable
	}
	v.Previews = c.previews(aud)
	v.ForHosts = c.forHosts()
	return v, nil
}

// previews makes each branch's copy, as a member of the branch who is in
// no other body gets it.
func (c *weeklyContent) previews(aud *audience) []*WeeklyPreview {
	var out []*WeeklyPreview
	for _, b := range c.bodies {
		if b.Kind == rankfile.KindBranch {
			out = append(out, &WeeklyPreview{Branch: b, Recipients: aud.byBranch[b.ID],
				Events: c.copyFor(b.ID, func(id int64) bool { return id == b.ID })})
		}
	}
	slices.SortFunc(out, func(x, y *WeeklyPreview) int { return strings.Compare(x.Branch.Name, y.Branch.Name) })
	return append(out, &WeeklyPreview{Recipients: aud.byBranch[0], Events: c.copyFor(0, func(int64) bool { return false })})
}

// forHosts lists the events for a body's members that reach members of
// bodies other than branches, whom the branches' copies do not show.
func (c *weeklyContent) forHosts() []*rankfile.Event {
	notBranch := func(id int64) bool { b := c.bodies[id]; return b == nil || b.Kind != rankfile.KindBranch }
	var out []*rankfile.Event
	for _, it := range c.items {
		if !it.Excluded && it.Event.Audience == rankfile.AudienceBody && slices.ContainsFunc(it.Event.Hosts(), notBranch) {
			out = append(out, it.Event)
		}
	}
	return out
}
