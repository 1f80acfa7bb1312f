package app

import (
	"context"
	"fmt"

	"github.com/rankfile/rankfile"
)

// Seats as the bylaws give them: the holders of an appointing seat
// appoint to the seat and remove its holders (a branch's co-coordinators
// for its neighborhood captains); a committee's or working group's
// co-chairs add and remove its members. Every change is audited by the
// store, as the actor's doing.

// AppointPage is the form that appoints a member to a seat, or adds one to
// a body (Seat nil): who holds it now and whom a search by name found.
type AppointPage struct {
	Body    *rankfile.Body     `json:"body"`
	Seat    *rankfile.Seat     `json:"seat,omitempty"`
	Holders []*rankfile.Member `json:"holders"`
	Query   string             `json:"query"`
	Found   []*rankfile.Member `json:"found"`
	// Matched is how many the search matched, of whom Found shows the
	// first few.
	Matched int   `json:"-"`
	Full    bool  `json:"full"`
	Err     error `json:"-"`
}

// seatOf finds a seat of the body with the slug: ENOTFOUND for a seat of
// another body.
func (a *App) seatOf(ctx context.Context, slug string, seatID int64) (*rankfile.Body, *rankfile.Seat, error) {
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		return nil, nil, err
	}
	seats, err := a.Bodies.FindSeats(ctx, b.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range seats {
		if s.ID == seatID {
			return b, s, nil
		}
	}
	return nil, nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such seat")
}

// SeatAppointPage gathers the appointment form of a seat for one who may
// appoint to it, with the members whose names begin with query.
func (a *App) SeatAppointPage(ctx context.Context, actor *rankfile.Actor, slug string, seatID int64, query string) (*AppointPage, error) {
	b, seat, err := a.seatOf(ctx, slug, seatID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanAppoint(seat)); err != nil {
		return nil, err
	}
	p := &AppointPage{Body: b, Seat: seat, Query: query}
	view, err := rankfile.LoadBodyView(ctx, a.Bodies, a.Members, b.ID, a.Today())
	if err != nil {
		return nil, err
	}
	for _, h := range view.Seats {
		if h.Seat.ID == seat.ID {
			for _, m := range h.Holders {
				p.Holders = append(p.Holders, rankfile.Redact(m, rankfile.SeeNothing, a.Today()))
			}
		}
	}
	p.Full = len(p.Holders) >= seat.Count
	return p, a.findCandidates(ctx, actor, p, a.seatScopes(ctx, actor, b))
}

// MemberAddPage gathers the form that adds a member to a committee or
// working group, for its co-chairs.
func (a *App) MemberAddPage(ctx context.Context, actor *rankfile.Actor, slug, query string) (*AppointPage, error) {
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanManageMembers(b)); err != nil {
		return nil, err
	}
	p := &AppointPage{Body: b, Query: query}
	scope, err := a.chapterScope(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	return p, a.findCandidates(ctx, actor, p, []rankfile.MemberFilter{scope})
}

// findCandidates searches by name when there is a query; a mistake in it
// (too short, an address) is the page's to show, not an error page.
func (a *App) findCandidates(ctx context.Context, actor *rankfile.Actor, p *AppointPage, scopes []rankfile.MemberFilter) error {
	if p.Query == "" {
		return nil
	}
	found, matched, err := a.searchNames(ctx, actor, scopes, p.Query, "appointing to "+p.Body.Slug)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		p.Err = err
		return nil
	} else if err != nil {
		return err
	}
	for _, m := range found {
		p.Found = append(p.Found, rankfile.Redact(m, rankfile.SeeNothing, a.Today()))
	}
	p.Matched = matched
	return nil
}

// seatScopes are the members one may appoint to a seat of body b: those
// of the branch it is in (a neighborhood group's captains come from its
// branch) and those of the body; admins may appoint any member of its
// chapter (of any chapter, to a national body).
func (a *App) seatScopes(ctx context.Context, actor *rankfile.Actor, b *rankfile.Body) []rankfile.MemberFilter {
	if actor.Admin {
		scope, err := a.chapterScope(ctx, b.ID)
		if err != nil {
			return []rankfile.MemberFilter{{BodyID: b.ID}}
		}
		return []rankfile.MemberFilter{scope}
	}
	scopes := []rankfile.MemberFilter{{BodyID: b.ID}}
	all, err := a.Bodies.FindBodies(ctx, rankfile.BodyFilter{})
	if err != nil {
		return scopes
	}
	byID := map[int64]*rankfile.Body{}
	for _, x := range all {
		byID[x.ID] = x
	}
	if branch := rankfile.BranchOf(b.ID, byID); branch != 0 {
		scopes = append(scopes, rankfile.MemberFilter{BranchSlug: byID[branch].Slug})
	}
	return scopes
}

// Appoint puts a member who has not lapsed in a seat from today, for one
// who may appoint to it, and returns the position, its term's end set.
// ENOTFOUND for a member outside those they may appoint, EINVALID for a
// lapsed one, ECONFLICT when the seat is full or they hold it already.
func (a *App) Appoint(ctx context.Context, actor *rankfile.Actor, slug string, seatID, memberID int64) (*rankfile.Position, error) {
	b, seat, err := a.seatOf(ctx, slug, seatID)
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanAppoint(seat)); err != nil {
		return nil, err
	}
	if err := a.appointable(ctx, a.seatScopes(ctx, actor, b), memberID); err != nil {
		return nil, err
	}
	p := &rankfile.Position{MemberID: memberID, BodyID: b.ID, SeatID: seat.ID, StartOn: a.Today()}
	return p, a.Bodies.CreatePosition(as(ctx, actor), p)
}

// AddMember makes a member a member of a committee or working group from
// today, for its co-chairs, and returns the position.
func (a *App) AddMember(ctx context.Context, actor *rankfile.Actor, slug string, memberID int64) (*rankfile.Position, error) {
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		return nil, err
	}
	if err := actor.Require(actor.CanManageMembers(b)); err != nil {
		return nil, err
	}
	scope, err := a.chapterScope(ctx, b.ID)
	if err != nil {
		return nil, err
	}
	if err := a.appointable(ctx, []rankfile.MemberFilter{scope}, memberID); err != nil {
		return nil, err
	}
	p := &rankfile.Position{MemberID: memberID, BodyID: b.ID, StartOn: a.Today()}
	return p, a.Bodies.CreatePosition(as(ctx, actor), p)
}

// appointable checks that the member is among the scopes and has not
// lapsed.
func (a *App) appointable(ctx context.Context, scopes []rankfile.MemberFilter, memberID int64) error {
	ok, err := a.inScopes(ctx, scopes, memberID)
	if err != nil {
		return err
	} else if !ok {
		return rankfile.Errorf(rankfile.ENOTFOUND, "no such member among those you may add")
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: memberID})
	if err != nil {
		return err
	}
	if m.StandingOn(a.Today()) == rankfile.StandingLapsed {
		return rankfile.Errorf(rankfile.EINVALID, "%s's membership has lapsed", m.FullName())
	}
	return nil
}

// RemovalPage is the confirmation asked before taking someone out of a
// seat or a body.
type RemovalPage struct {
	Body     *rankfile.Body     `json:"body"`
	Seat     *rankfile.Seat     `json:"seat,omitempty"`
	Member   *rankfile.Member   `json:"member"`
	Position *rankfile.Position `json:"position"`
}

// Removal gathers what removing a position would do, for one who may:
// the appointers of its seat, or the co-chairs of its body for a plain
// membership. ENOTFOUND for a position of another body or one not held.
func (a *App) Removal(ctx context.Context, actor *rankfile.Actor, slug string, positionID int64) (*RemovalPage, error) {
	if err := actor.Require(actor.SignedIn()); err != nil {
		return nil, err
	}
	b, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	if err != nil {
		return nil, err
	}
	ps, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{ID: positionID, BodyID: b.ID})
	if err != nil {
		return nil, err
	} else if len(ps) == 0 || (!ps[0].EndOn.IsZero() && ps[0].EndOn.Before(a.Today())) {
		return nil, rankfile.Errorf(rankfile.ENOTFOUND, "no such position held now")
	}
	p := &RemovalPage{Body: b, Position: ps[0]}
	if err := a.mayRemove(ctx, actor, p); err != nil {
		return nil, err
	}
	m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: p.Position.MemberID})
	if err != nil {
		return nil, err
	}
	p.Member = rankfile.Redact(m, rankfile.SeeNothing, a.Today())
	return p, nil
}

// mayRemove checks the actor may end the page's position, finding its seat.
func (a *App) mayRemove(ctx context.Context, actor *rankfile.Actor, p *RemovalPage) error {
	if p.Position.SeatID == 0 {
		return actor.Require(actor.CanManageMembers(p.Body))
	}
	_, seat, err := a.seatOf(ctx, p.Body.Slug, p.Position.SeatID)
	if err != nil {
		return err
	}
	p.Seat = seat
	return actor.Require(actor.CanAppoint(seat))
}

// Remove takes a member out of a seat or body from today, once its
// confirmation was asked, for one who may.
func (a *App) Remove(ctx context.Context, actor *rankfile.Actor, slug string, positionID int64) error {
	p, err := a.Removal(ctx, actor, slug, positionID)
	if err != nil {
		return err
	}
	return a.Bodies.RemovePosition(as(ctx, actor), p.Position.ID)
}

// QueueTermNotices queues, once a term, the notices to a body's leaders
// that a term in one of its seats ends within rankfile.TermNoticeDays.
// The server's clock runs it with the election clock.
func (a *App) QueueTermNotices(ctx context.Context) (int, error) {
	n, err := a.Bodies.QueueTermNotices(as(ctx, clockActor), a.Today().AddDays(rankfile.TermNoticeDays))
	if err != nil {
		return n, fmt.Errorf("queueing notices of terms ending: %w", err)
	}
	return n, nil
}
