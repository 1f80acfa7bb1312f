package demo

import (
	"context"
	"sort"

	"github.com/rankfile/rankfile"
)

// fillSeats fills every seat of every demo body with members in good
// standing (branch seats from the branch's own members) and gives
// committees, working groups and caucuses their rank-and-file members.
func (p *placer) fillSeats(ctx context.Context) error {
	accounts, err := p.reserveAccounts(ctx)
	if err != nil {
		return err
	}
	if err := p.hold(ctx, accounts["coordinator@example.org"], p.org.bodies["central"], rankfile.SeatCoCoordinator); err != nil {
		return err
	}
	if err := p.hold(ctx, accounts["steward@example.org"], p.org.bodies["tech"], ""); err != nil {
		return err
	}
	slugs := make([]string, 0, len(p.org.bodies))
	for slug := range p.org.bodies {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	for _, slug := range slugs {
		if err := p.fillBody(ctx, p.org.bodies[slug]); err != nil {
			return err
		}
	}
	return nil
}

// reserveAccounts keeps the demo accounts out of random picks.
func (p *placer) reserveAccounts(ctx context.Context) (map[string]*rankfile.Member, error) {
	p.taken = map[int64]bool{}
	out := map[string]*rankfile.Member{}
	for _, a := range Accounts {
		m, err := p.s.Members.FindMember(ctx, rankfile.MemberFilter{Email: a.Email})
		if err != nil {
			return nil, err
		}
		p.taken[m.ID] = true
		out[a.Email] = m
	}
	return out, nil
}

func (p *placer) fillBody(ctx context.Context, b *rankfile.Body) error {
	pool, err := p.pool(ctx, b)
	if err != nil {
		return err
	}
	seats, err := p.s.Bodies.FindSeats(ctx, b.ID)
	if err != nil {
		return err
	}
	for _, seat := range seats {
		held, err := p.s.Bodies.FindPositions(ctx, rankfile.PositionFilter{SeatID: seat.ID})
		if err != nil {
			return err
		}
		for i := len(held); i < seat.Count; i++ {
			if err := p.fillPlace(ctx, pool, b, seat, i == seat.Count-1); err != nil {
				return err
			}
		}
	}
	return p.addMembers(ctx, b, pool)
}

// Two places the demo leaves for the pages to show: a captain of Echo
// Park / Silver Lake that Central's co-coordinator appoints (Captain), and
// a co-chair of Mutual Aid whose term ended last month.
const (
	CaptainBody   = "echo-park-silver-lake"
	EndedTermBody = "mutual-aid"
)

// fillPlace fills one place of a seat; the last place of the two seats
// above is left vacant, Mutual Aid's with a former co-chair.
func (p *placer) fillPlace(ctx context.Context, pool []*rankfile.Member, b *rankfile.Body, seat *rankfile.Seat, last bool) error {
	switch {
	case last && b.Slug == CaptainBody:
		return nil
	case last && b.Slug == EndedTermBody:
		start := p.today.AddDays(-30 - 365)
		pos := &rankfile.Position{MemberID: p.draw(pool, true).ID, BodyID: b.ID, SeatID: seat.ID, StartOn: start}
		p.count++
		return p.s.Bodies.CreatePosition(ctx, pos)
	}
	return p.hold(ctx, p.draw(pool, true), b, seat.Title)
}

// addMembers gives committees, working groups and caucuses 8 to 40 members.
func (p *placer) addMembers(ctx context.Context, b *rankfile.Body, pool []*rankfile.Member) error {
	switch b.Kind {
	case rankfile.KindCommittee, rankfile.KindWorkingGroup, rankfile.KindCaucus:
	default:
		return nil
	}
	in := map[int64]bool{}
	for n := 8 + p.rng.IntN(33); n > 0; n-- {
		m := p.draw(pool, false)
		if in[m.ID] {
			continue
		}
		in[m.ID] = true
		if err := p.hold(ctx, m, b, ""); err != nil {
			return err
		}
	}
	return nil
}

// pool returns the members a body draws its people from: a branch's own
// members for branches and their neighborhood groups, else the chapter's.
func (p *placer) pool(ctx context.Context, b *rankfile.Body) ([]*rankfile.Member, error) {
	filter := rankfile.MemberFilter{Standing: rankfile.StandingGood, ChapterID: p.org.bodies[chapterSlug].ID}
	switch b.Kind {
	case rankfile.KindBranch:
		filter.BranchSlug = b.Slug
	case rankfile.KindNeighborhoodGroup:
		for _, parent := range p.org.bodies {
			if parent.ID == b.ParentID {
				filter.BranchSlug = parent.Slug
			}
		}
	}
	members, _, err := p.s.Members.FindMembers(ctx, filter)
	return members, err
}

// draw picks a member from the pool; seats go to people without one.
func (p *placer) draw(pool []*rankfile.Member, seat bool) *rankfile.Member {
	for {
		m := pool[p.rng.IntN(len(pool))]
		if !seat {
			return m
		}
		if !p.taken[m.ID] {
			p.taken[m.ID] = true
			return m
		}
	}
}

// hold records a position: the seat with the title, or plain membership.
func (p *placer) hold(ctx context.Context, m *rankfile.Member, b *rankfile.Body, title string) error {
	pos := &rankfile.Position{MemberID: m.ID, BodyID: b.ID, StartOn: p.start.AddDays(p.rng.IntN(120))}
	if title != "" {
		seats, err := p.s.Bodies.FindSeats(ctx, b.ID)
		if err != nil {
			return err
		}
		for _, s := range seats {
			if s.Title == title {
				pos.SeatID = s.ID
			}
		}
	}
	if err := p.s.Bodies.CreatePosition(ctx, pos); err != nil {
		return err
	}
	p.count++
	return nil
}
