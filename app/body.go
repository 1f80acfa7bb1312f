package app

import (
	"context"
	"fmt"
	"slices"

	"github.com/rankfile/rankfile"
)

// BodyList returns every body by name, without counts, dissolved ones
// among them: for naming the bodies records name (a form's choices are
// ActiveBodyList's). Bodies are public.
func (a *App) BodyList(ctx context.Context) ([]*rankfile.Body, error) {
	return a.Bodies.FindBodies(ctx, rankfile.BodyFilter{})
}

// ActiveBodyList returns the bodies a form offers as choices, by name:
// those not dissolved (rankfile.ActiveBodies), and those of keep, which
// the record the form changes names already.
func (a *App) ActiveBodyList(ctx context.Context, keep ...int64) ([]*rankfile.Body, error) {
	all, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{})
	if err != nil {
		return nil, err
	}
	return rankfile.ActiveBodies(all, keep...), nil
}

// inBody reports whether a member is in a body today, by the one rule
// of rankfile.MembersOf: every member is in the chapter, a branch's
// members by their branch, any other body's by a position in it.
func (a *App) inBody(ctx context.Context, body *rankfile.Body, memberID int64) (bool, error) {
	return a.inScopes(ctx, []rankfile.MemberFilter{rankfile.MembersOf(body, a.Today())}, memberID)
}

// checkActiveBodies refuses a record that names a dissolved body among
// ids, but for the bodies of had, which the record named before: a
// record made or changed names active bodies, and one changed keeps the
// bodies it had. A body that does not exist is left to the store.
func (a *App) checkActiveBodies(ctx context.Context, had []int64, ids ...int64) error {
	for _, id := range ids {
		if id == 0 || slices.Contains(had, id) {
			continue
		}
		b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: id})
		if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
			continue
		} else if err != nil {
			return err
		}
		if err := b.CheckActive(); err != nil {
			return err
		}
	}
	return nil
}

// Directory returns the organization's bodies. Anyone may see them and
// their public contacts; member counts are for members.
func (a *App) Directory(ctx context.Context, actor *rankfile.Actor) (*rankfile.BodyTree, error) {
	tree, err := rankfile.LoadBodyTree(ctx, a.Bodies, a.Today())
	if err != nil || actor.SignedIn() {
		return tree, err
	}
	tree.Walk(func(n *rankfile.BodyNode, _ int) { n.Count = nil })
	return tree, nil
}

// BodyPage is a body as the actor may see it.
type BodyPage struct {
	Body     *rankfile.Body   `json:"body"`
	Parent   *rankfile.Body   `json:"parent"`
	Children []*rankfile.Body `json:"children"`
	// Seats are shown with their holders' names to members only.
	Seats []rankfile.SeatHolders `json:"seats"`
	Count *rankfile.MemberCount  `json:"count"`
	// Members, with their contact details, are for the body's leaders and
	// the data stewards, a page at a time.
	Members      []*rankfile.Member `json:"members"`
	MembersTotal int                `json:"members_total"`
	MembersPage  int                `json:"members_page"`
	// What the actor may do.
	IsMember   bool          `json:"is_member"`
	Pending    bool          `json:"pending"`
	CanJoin    bool          `json:"can_join"`
	CanLeave   bool          `json:"can_leave"`
	CanRequest bool          `json:"can_request"`
	Requests   []RequestView `json:"requests"`
	// FormedOn is the day the proposal that formed the body was adopted;
	// DissolvedOn the day it was dissolved (see Body.FormedBy).
	FormedOn    rankfile.Date `json:"formed_on,omitzero"`
	DissolvedOn rankfile.Date `json:"dissolved_on,omitzero"`

	// Past are the seats' former holders, newest first, by name.
	Past []PastHolder `json:"past_holders"`
	// CanAppoint holds the ids of the seats the actor appoints to.
	CanAppoint map[int64]bool `json:"can_appoint,omitempty"`
	// CanManageMembers says the actor adds and removes members; then
	// MemberPositions gives each listed member's position, to remove.
	CanManageMembers bool            `json:"can_manage_members"`
	MemberPositions  map[int64]int64 `json:"-"`
}

// RequestView is a pending join request with who asked.
type RequestView struct {
	Request *rankfile.JoinRequest `json:"request"`
	Member  *rankfile.Member      `json:"member"` // name and contact, for those who decide
}

// membersPerPage is how many members a body page lists at a time.
const membersPerPage = 50

// BodyPage gathers what the actor may see of the body with the slug;
// page numbers its members from 1.
func (a *App) BodyPage(ctx context.Context, actor *rankfile.Actor, slug string, page int) (*BodyPage, error) {
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		return nil, err
	}
	p := &BodyPage{Body: b, MembersPage: max(page, 1)}
	if b.FormedBy != 0 {
		p.FormedOn = rankfile.DateOf(b.CreatedAt.In(a.Zone))
	}
	if b.Dissolved() {
		p.DissolvedOn = rankfile.DateOf(b.DissolvedAt.In(a.Zone))
	}
	if err := a.bodyFamily(ctx, p); err != nil {
		return nil, err
	}
	if !actor.SignedIn() {
		return p, nil
	}
	steps := []func(context.Context, *rankfile.Actor, *BodyPage) error{a.bodyLeaders, a.bodyCount, a.bodyMembers, a.bodyRelation, a.bodyRequests, a.bodySeats}
	for _, step := range steps {
		if err := step(ctx, actor, p); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (a *App) bodyFamily(ctx context.Context, p *BodyPage) error {
	if p.Body.ParentID != 0 {
		parent, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: p.Body.ParentID})
		if err != nil {
			return err
		}
		p.Parent = parent
	}
	var err error
	p.Children, err = a.Bodies.FindBodies(ctx, rankfile.BodyFilter{ParentID: p.Body.ID})
	return err
}

func (a *App) bodyLeaders(ctx context.Context, actor *rankfile.Actor, p *BodyPage) error {
	if !actor.CanSeeLeaders() {
		return nil
	}
	view, err := rankfile.LoadBodyView(ctx, a.Bodies, a.Members, p.Body.ID, a.Today())
	if err != nil {
		return err
	}
	redactHolders(view, a.Today())
	p.Seats = view.Seats
	return nil
}

func (a *App) bodyCount(ctx context.Context, _ *rankfile.Actor, p *BodyPage) error {
	counts, err := a.Bodies.CountMembers(ctx, a.Today())
	if c, ok := counts[p.Body.ID]; ok {
		p.Count = &c
	}
	return err
}

// bodyMembers lists the body's members for its leaders and the stewards,
// and records in the audit log that they saw their contact details.
func (a *App) bodyMembers(ctx context.Context, actor *rankfile.Actor, p *BodyPage) error {
	if !actor.CanSeeMembersOf(p.Body) {
		return nil
	}
	f := rankfile.MemberFilter{BodyID: p.Body.ID, Offset: (p.MembersPage - 1) * membersPerPage, Limit: membersPerPage, Brief: true}
	if p.Body.Kind == rankfile.KindBranch {
		f.BodyID, f.BranchSlug = 0, p.Body.Slug
	}
	members, total, err := a.Members.FindMembers(ctx, f)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.ID != actor.ID() {
			m = rankfile.Redact(m, rankfile.SeeContact, a.Today())
		}
		p.Members = append(p.Members, m)
	}
	p.MembersTotal = total
	return a.Audit.Record(as(ctx, actor), rankfile.AuditViewContact, 0,
		fmt.Sprintf("members of %s, page %d (%d shown)", p.Body.Slug, p.MembersPage, len(members)))
}

// bodyRelation works out what the actor may do about the body.
func (a *App) bodyRelation(ctx context.Context, actor *rankfile.Actor, p *BodyPage) error {
	b, today := p.Body, a.Today()
	p.IsMember = actor.BelongsTo(b.ID)
	pending, err := a.Bodies.FindJoinRequests(ctx, rankfile.JoinRequestFilter{BodyID: b.ID, MemberID: actor.ID(), PendingOnly: true})
	if err != nil {
		return err
	}
	p.Pending = len(pending) > 0
	takesPart := actor.CanTakePart(today) && !p.IsMember && !b.Dissolved()
	p.CanJoin = takesPart && b.Joining == rankfile.JoinOpen
	p.CanRequest = takesPart && b.Joining == rankfile.JoinByRequest && !p.Pending
	p.CanLeave = p.IsMember && b.Joining != rankfile.JoinNone && !actor.LeadsBody(b.ID)
	return nil
}

func (a *App) bodyRequests(ctx context.Context, actor *rankfile.Actor, p *BodyPage) error {
	if !actor.CanDecideJoinRequests(p.Body) {
		return nil
	}
	reqs, err := a.Bodies.FindJoinRequests(ctx, rankfile.JoinRequestFilter{BodyID: p.Body.ID, PendingOnly: true})
	if err != nil {
		return err
	}
	for _, r := range reqs {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: r.MemberID})
		if err != nil {
			return err
		}
		p.Requests = append(p.Requests, RequestView{Request: r, Member: rankfile.Redact(m, rankfile.SeeContact, a.Today())})
	}
	return nil
}
