package app

import (
	"context"
	"slices"
	"strings"

	"github.com/rankfile/rankfile"
)

// A data steward's view of a member's record, and the changes the command
// line makes to it, from a page: the standing override, roles, and the
// record's history and positions. The store audits each change.

// MemberRecord is what a member's page shows to one who may see all of
// it (the member, a steward): their history and positions, and what the
// actor may change.
type MemberRecord struct {
	History   []*rankfile.MemberChange `json:"history"`
	Positions []PositionView           `json:"positions"`
	Roles     []RoleChoice             `json:"roles"`
	// Meetings and Events are what the member was checked into, latest
	// first.
	Meetings []*rankfile.AttendedMeeting `json:"meetings_attended"`
	Events   []*rankfile.AttendedEvent   `json:"events_attended"`
	// CanOverride says the actor sets and clears the standing override.
	CanOverride bool `json:"can_override"`
	// CanPlace says the actor records the member's chosen branch and
	// point; Branches are the choices.
	CanPlace bool             `json:"can_place"`
	Branches []*rankfile.Body `json:"-"`
	// ChapterSteward says which chapter the member stewards, in an
	// installation of several chapters.
	ChapterSteward ChapterStewardChoice `json:"chapter_steward"`
}

// PositionView is a position with the names of its body and seat.
type PositionView struct {
	Position *rankfile.Position `json:"position"`
	Body     *rankfile.Body     `json:"body"`
	Seat     string             `json:"seat"`
	Current  bool               `json:"current"`
}

// RoleChoice is one of the installation's roles: whether the member has
// it and whether the actor may give it or take it away.
type RoleChoice struct {
	Role      string `json:"role"`
	Has       bool   `json:"has"`
	CanChange bool   `json:"can_change"`
}

// MemberRecordOf gathers a member's history, positions, attendance and
// roles for the member themselves or a data steward of theirs (a chapter's
// for its members); nil for anyone else,
// who sees no more of the member than their page already shows.
func (a *App) MemberRecordOf(ctx context.Context, actor *rankfile.Actor, id int64) (*MemberRecord, error) {
	if !actor.SignedIn() {
		return nil, nil
	}
	m, err := a.wholeRecordOf(ctx, actor, id)
	if err != nil || m == nil {
		return nil, err
	}
	r := &MemberRecord{CanOverride: actor.CanOverrideStanding() && actor.ID() != id, CanPlace: actor.CanPlaceMember(id)}
	if r.CanPlace {
		if r.Branches, err = a.BranchesOf(ctx, m.ChapterID); err != nil {
			return nil, err
		}
	}
	if r.History, err = a.Members.MemberHistory(ctx, id); err != nil {
		return nil, err
	}
	slices.Reverse(r.History) // newest first
	if r.Positions, err = a.positionViews(ctx, id); err != nil {
		return nil, err
	}
	if r.Meetings, err = a.Meetings.MemberAttendance(ctx, id); err != nil {
		return nil, err
	}
	if r.Events, err = a.Events.MemberEvents(ctx, id); err != nil {
		return nil, err
	}
	grants, err := a.Auth.RoleGrants(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, role := range rankfile.Roles {
		has := slices.ContainsFunc(grants, func(g rankfile.RoleGrant) bool { return g.Role == role })
		r.Roles = append(r.Roles, RoleChoice{Role: role, Has: has, CanChange: actor.CanGrantRole(role, id)})
	}
	r.ChapterSteward, err = a.chapterStewardChoice(ctx, actor, id, grants)
	return r, err
}

// positionViews lists a member's positions, newest first, with names.
func (a *App) positionViews(ctx context.Context, id int64) ([]PositionView, error) {
	ps, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{MemberID: id})
	if err != nil {
		return nil, err
	}
	var out []PositionView
	for i := len(ps) - 1; i >= 0; i-- {
		p := ps[i]
		b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{ID: p.BodyID})
		if err != nil {
			return nil, err
		}
		v := PositionView{Position: p, Body: b, Current: p.ActiveOn(a.Today())}
		if p.SeatID != 0 {
			if _, seat, err := a.seatOf(ctx, b.Slug, p.SeatID); err == nil {
				v.Seat = seat.Title
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// OverrideForm is a standing override as typed on the member's page.
type OverrideForm struct {
	Standing string
	Reason   string
	Until    string
}

// SetOverride records the chapter's override of a member's standing, for
// a data steward, in their name. EINVALID for a bad standing, a missing
// reason or an end date that is not a date or has passed.
func (a *App) SetOverride(ctx context.Context, actor *rankfile.Actor, memberID int64, f OverrideForm) error {
	if err := actor.Require(actor.CanOverrideStanding() && actor.ID() != memberID); err != nil {
		return err
	}
	st, err := rankfile.ParseStanding(f.Standing)
	if err != nil {
		return err
	}
	o := &rankfile.StandingOverride{MemberID: memberID, Standing: st, Reason: strings.TrimSpace(f.Reason), Author: actor.Name()}
	if strings.TrimSpace(f.Until) != "" {
		if o.Until, err = rankfile.ParseDate(f.Until); err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "the end date %q is not a date", f.Until)
		}
	}
	return a.Members.SetStandingOverride(as(ctx, actor), o)
}

// ClearOverride withdraws a member's standing override, for a data steward.
func (a *App) ClearOverride(ctx context.Context, actor *rankfile.Actor, memberID int64) error {
	if err := actor.Require(actor.CanOverrideStanding() && actor.ID() != memberID); err != nil {
		return err
	}
	return a.Members.RevokeStandingOverride(as(ctx, actor), memberID, actor.Name())
}

// ChangeRole gives a member a role or takes it away, for one who may
// (permission.go: CanGrantRole).
func (a *App) ChangeRole(ctx context.Context, actor *rankfile.Actor, memberID int64, role string, grant bool) error {
	if err := actor.Require(actor.CanGrantRole(role, memberID)); err != nil {
		if actor.SignedIn() && !slices.Contains(rankfile.Roles, role) {
			return rankfile.Errorf(rankfile.EINVALID, "unknown role %q", role)
		}
		return err
	}
	if _, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID}); err != nil {
		return err
	}
	if grant {
		return a.Auth.GrantRole(as(ctx, actor), memberID, role)
	}
	return a.Auth.RevokeRole(as(ctx, actor), memberID, role)
}

// ChooseBranchFor records the branch a member chose, as they told a data
// steward; "" puts them back in the branch they live in. ENOTFOUND for an
// unknown branch.
func (a *App) ChooseBranchFor(ctx context.Context, actor *rankfile.Actor, memberID int64, slug string) error {
	if err := actor.Require(actor.CanPlaceMember(memberID)); err != nil {
		return err
	}
	return a.Members.ChooseBranch(as(ctx, actor), memberID, slug, actor.Name())
}

// SetPointFor records where a member lives, written "lat,lon", as they
// told a data steward, and places them in the branch it lies in; blank
// forgets it. EINVALID for anything else than a point on Earth, told only
// to those who may place the member.
func (a *App) SetPointFor(ctx context.Context, actor *rankfile.Actor, memberID int64, written string) error {
	if err := actor.Require(actor.CanPlaceMember(memberID)); err != nil {
		return err
	}
	var p *rankfile.Point
	if strings.TrimSpace(written) != "" {
		var err error
		if p, err = rankfile.ParsePoint(written); err != nil {
			return err
		}
	}
	return a.Members.SetPoint(as(ctx, actor), memberID, p, actor.Name())
}
