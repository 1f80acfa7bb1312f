package app

import (
	"context"
	"slices"

	"github.com/rankfile/rankfile"
)

// PastHolder is someone who held a seat of a body and no longer does: a
// term that ended, or a removal. Members see them by name.
type PastHolder struct {
	Seat    string        `json:"seat"`
	Name    string        `json:"name"`
	StartOn rankfile.Date `json:"start_on"`
	EndOn   rankfile.Date `json:"end_on"`
}

// pastHoldersShown bounds the former holders a body's page lists.
const pastHoldersShown = 20

// bodySeats adds the seats' past holders and what the actor may do
// about the seats and members.
func (a *App) bodySeats(ctx context.Context, actor *rankfile.Actor, p *BodyPage) error {
	p.CanManageMembers = actor.CanManageMembers(p.Body)
	for _, h := range p.Seats {
		if actor.CanAppoint(h.Seat) {
			if p.CanAppoint == nil {
				p.CanAppoint = map[int64]bool{}
			}
			p.CanAppoint[h.Seat.ID] = true
		}
	}
	if err := a.bodyPast(ctx, actor, p); err != nil {
		return err
	}
	return a.bodyMemberPositions(ctx, p)
}

// bodyPast lists the seats' former holders, newest first.
func (a *App) bodyPast(ctx context.Context, actor *rankfile.Actor, p *BodyPage) error {
	if !actor.CanSeeLeaders() || len(p.Seats) == 0 {
		return nil
	}
	past, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: p.Body.ID, EndedBefore: a.Today()})
	if err != nil {
		return err
	}
	slices.Reverse(past) // newest first
	titles := map[int64]string{}
	for _, h := range p.Seats {
		titles[h.Seat.ID] = h.Seat.Title
	}
	for _, pos := range past {
		if pos.SeatID == 0 || len(p.Past) == pastHoldersShown {
			continue
		}
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: pos.MemberID})
		if err != nil {
			return err
		}
		p.Past = append(p.Past, PastHolder{Seat: titles[pos.SeatID], Name: m.FullName(), StartOn: pos.StartOn, EndOn: pos.EndOn})
	}
	return nil
}

// bodyMemberPositions finds, for a co-chair, the position of each member
// listed, so that each can be removed.
func (a *App) bodyMemberPositions(ctx context.Context, p *BodyPage) error {
	if !p.CanManageMembers || len(p.Members) == 0 {
		return nil
	}
	held, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: p.Body.ID, ActiveOn: a.Today()})
	if err != nil {
		return err
	}
	p.MemberPositions = map[int64]int64{}
	for _, pos := range held {
		if pos.SeatID == 0 {
			p.MemberPositions[pos.MemberID] = pos.ID
		}
	}
	return nil
}
