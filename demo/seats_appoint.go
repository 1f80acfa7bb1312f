package demo

import (
	"context"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Captain has Central's co-coordinator, coordinator@example.org, appoint
// a captain of Echo Park / Silver Lake through the same service the
// body's page uses: the first member of Central in good standing, by
// name, who holds no seat. It returns who was appointed.
func Captain(ctx context.Context, a *app.App) (*rankfile.Member, error) {
	coordinator, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: Accounts[1].Email})
	if err != nil {
		return nil, err
	}
	actor, err := a.Auth.Actor(ctx, coordinator.ID)
	if err != nil {
		return nil, err
	}
	group, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: CaptainBody})
	if err != nil {
		return nil, err
	}
	seats, err := a.Bodies.FindSeats(ctx, group.ID)
	if err != nil || len(seats) == 0 {
		return nil, rankfile.Errorf(rankfile.EINTERNAL, "demo: %s has no captains' seat (%v)", CaptainBody, err)
	}
	m, err := freeMember(ctx, a, "central")
	if err != nil {
		return nil, err
	}
	_, err = a.Appoint(ctx, actor, group.Slug, seats[0].ID, m.ID)
	return m, err
}

// freeMember finds the first member of the branch in good standing who
// holds no position and is not a demo account.
func freeMember(ctx context.Context, a *app.App, branch string) (*rankfile.Member, error) {
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{BranchSlug: branch, Standing: rankfile.StandingGood, Limit: 200})
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		held, err := a.Bodies.FindPositions(ctx, rankfile.PositionFilter{MemberID: m.ID})
		if err != nil {
			return nil, err
		}
		if len(held) == 0 && !isAccount(m.Email) {
			return m, nil
		}
	}
	return nil, rankfile.Errorf(rankfile.EINTERNAL, "demo: no free member in %s", branch)
}
