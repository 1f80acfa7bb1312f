package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// One-on-ones: a branch's leaders (and the data stewards) give each member
// of the branch to an organizer; a member nobody is given to waits in the
// branch's queue. The onboarding path assigns new members through
// AssignByPath.

// Assign gives the member to the organizer for the reason, as a leader of
// the member's branch or a data steward. The organizer is a member in
// good standing of the same branch. A member already assigned is
// reassigned, the earlier assignment kept as history.
func (a *App) Assign(ctx context.Context, actor *rankfile.Actor, memberID, organizerID int64, reason rankfile.AssignReason) (*rankfile.Assignment, error) {
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanAssignOrganizers(m.Branch.ID())); err != nil {
		return nil, err
	}
	return a.assign(as(ctx, actor), m, organizerID, reason)
}

// AssignByPath is Assign for a path of rankfile itself rather than a
// person, such as onboarding: path names it in the assignment and the
// audit log ("onboarding"). The caller has decided the assignment is
// owed; the organizer's rule (good standing, same branch) still holds.
func (a *App) AssignByPath(ctx context.Context, path string, memberID, organizerID int64, reason rankfile.AssignReason) (*rankfile.Assignment, error) {
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return nil, err
	}
	return a.assign(as(ctx, &rankfile.Actor{Label: path}), m, organizerID, reason)
}

// assign checks the organizer and stores and audits the assignment, under
// the actor ctx carries.
func (a *App) assign(ctx context.Context, m *rankfile.Member, organizerID int64, reason rankfile.AssignReason) (*rankfile.Assignment, error) {
	o, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: organizerID})
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return nil, rankfile.Errorf(rankfile.EINVALID, "no member has the organizer's number %d", organizerID)
	} else if err != nil {
		return nil, err
	}
	switch {
	case o.ID == m.ID:
		return nil, rankfile.Errorf(rankfile.EINVALID, "a member is not their own organizer")
	case !rankfile.CanOrganize(o, m.Branch.ID(), a.Today()):
		return nil, rankfile.Errorf(rankfile.EINVALID, "%s is not a member in good standing of %s's branch", o.FullName(), m.FullName())
	}
	asg := &rankfile.Assignment{MemberID: m.ID, OrganizerID: o.ID, Reason: reason}
	if err := a.OneOnOnes.Assign(ctx, asg); err != nil {
		return nil, err
	}
	return asg, a.Audit.Record(ctx, rankfile.AuditAssignOrganizer, m.ID, fmt.Sprintf("to organizer %d (%s)", o.ID, reason))
}

// Unassign sends a member back to their branch's queue, as a leader of
// their branch or a data steward.
func (a *App) Unassign(ctx context.Context, actor *rankfile.Actor, memberID int64) error {
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return err
	}
	if err := actor.Require(actor.CanAssignOrganizers(m.Branch.ID())); err != nil {
		return err
	}
	ctx = as(ctx, actor)
	if err := a.OneOnOnes.EndAssignment(ctx, m.ID, rankfile.EndByLeader); err != nil {
		return err
	}
	return a.Audit.Record(ctx, rankfile.AuditEndAssignment, m.ID, rankfile.EndByLeader)
}

// BranchQueue is a branch's members with no open assignment (up to limit,
// newest first) and how many they are, for its leaders and the stewards.
type BranchQueue struct {
	Branch  *rankfile.Body     `json:"branch"`
	Members []*rankfile.Member `json:"members"`
	Total   int                `json:"total"`
	// Organizers are those a leader most likely gives members to, by
	// name: the branch's leaders and the members organizing in it now.
	Organizers []*rankfile.Member `json:"organizers"`
}

// Queue returns the branch's queue. Its members are shown by name and
// contact, as a branch's leaders see its members.
func (a *App) Queue(ctx context.Context, actor *rankfile.Actor, branchSlug string, limit int) (*BranchQueue, error) {
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: branchSlug})
	if err != nil {
		return nil, err
	} else if b.Kind != rankfile.KindBranch {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such branch")
	}
	if err := actor.Require(actor.CanAssignOrganizers(b.ID)); err != nil {
		return nil, err
	}
	members, total, err := a.OneOnOnes.BranchQueue(ctx, b.ID, limit)
	if err != nil {
		return nil, err
	}
	for i, m := range members {
		members[i] = rankfile.Redact(m, rankfile.SeeContact, a.Today())
	}
	q := &BranchQueue{Branch: b, Members: members, Total: total}
	if q.Organizers, err = a.branchOrganizers(ctx, b.ID); err != nil {
		return nil, err
	}
	return q, a.Audit.Record(as(ctx, actor), rankfile.AuditViewContact, 0,
		fmt.Sprintf("one-on-one queue of %s: %d of %d shown", b.Slug, len(members), total))
}

// branchOrganizers returns the branch's leaders and the members with
// people in it, by name, in name order.
func (a *App) branchOrganizers(ctx context.Context, branchID int64) ([]*rankfile.Member, error) {
	ids := map[int64]bool{}
	positions, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: branchID, ActiveOn: a.Today()})
	if err != nil {
		return nil, err
	}
	for _, p := range positions {
		ids[p.MemberID] = true
	}
	organizers, err := a.OneOnOnes.OpenOrganizers(ctx)
	if err != nil {
		return nil, err
	}
	for id, branches := range organizers {
		ids[id] = ids[id] || slices.Contains(branches, branchID)
	}
	out := []*rankfile.Member{}
	for id, in := range ids {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
		if err != nil {
			return nil, err
		}
		if in && rankfile.CanOrganize(m, branchID, a.Today()) {
			out = append(out, rankfile.Redact(m, rankfile.SeeNothing, a.Today()))
		}
	}
	slices.SortFunc(out, func(x, y *rankfile.Member) int { return strings.Compare(x.FullName(), y.FullName()) })
	return out, nil
}

// ReturnToQueues ends the assignments of organizers no longer in good
// standing, of members no longer in their organizer's branch, and those
// the onboarding path gave captains who left their seat, so that those
// members wait in their branch's queue again; it returns how many it
// ended. The server's clock runs it.
func (a *App) ReturnToQueues(ctx context.Context) (int, error) {
	organizers, err := a.OneOnOnes.OpenOrganizers(ctx)
	if err != nil {
		return 0, err
	}
	ctx, ended := as(ctx, clockActor), 0
	for id, branches := range organizers {
		n, err := a.turnOver(ctx, id, branches)
		if err != nil {
			return ended, err
		}
		ended += n
	}
	n, err := a.returnFromSeats(ctx)
	return ended + n, err
}

// turnOver ends what the organizer may no longer keep of their people,
// who are in the branches given.
func (a *App) turnOver(ctx context.Context, organizerID int64, branches []int64) (int, error) {
	o, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: organizerID})
	if err != nil {
		return 0, err
	}
	if !o.StandingOn(a.Today()).IsGood() {
		return a.OneOnOnes.EndAssignmentsOf(ctx, o.ID, nil, rankfile.EndLapsed)
	}
	var elsewhere []int64
	for _, b := range branches {
		if !rankfile.CanOrganize(o, b, a.Today()) {
			elsewhere = append(elsewhere, b)
		}
	}
	if len(elsewhere) == 0 {
		return 0, nil
	}
	return a.OneOnOnes.EndAssignmentsOf(ctx, o.ID, elsewhere, rankfile.EndLeftBranch)
}
