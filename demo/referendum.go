package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// referendumBallots is how many members cast a ballot in the demo's
// referendum: enough for a result worth reading, few enough to start fast.
const referendumBallots = 2000

// Referendum puts the 2027 political platform to every member in good
// standing of the national organization by referendum, closed a week ago
// and counted: about 2,000 of them voted on the secret ballot, most for it,
// some against and a few leaving the question blank. setClock sets the
// time the app and its store see, so that the ballots are cast while
// voting was open; the zero time goes back to the real clock. It returns
// the counted election, or nil when there is no national organization.
func Referendum(ctx context.Context, a *app.App, setClock func(time.Time)) (*rankfile.Election, error) {
	national, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "national-organization"})
	if rankfile.ErrorCode(err) == rankfile.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	admin, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: Accounts[0].Email})
	if err != nil {
		return nil, err
	}
	e := platformReferendum(national, admin, a.Now())
	if err := a.CreateElection(ctx, &rankfile.Actor{Member: admin, Admin: true}, e); err != nil {
		return nil, err
	}
	setClock(e.VotingOpen.Add(24 * time.Hour))
	err = castReferendum(ctx, a, e, national)
	setClock(time.Time{})
	if err != nil {
		return nil, err
	}
	return a.Election(ctx, e.ID) // counts it: voting has closed
}

// platformReferendum is the referendum: one question, Yes or No, carried
// by a simple majority of the votes for an option.
func platformReferendum(national *rankfile.Body, admin *rankfile.Member, now time.Time) *rankfile.Election {
	closeAt := now.Add(-7 * 24 * time.Hour).Truncate(time.Hour)
	return &rankfile.Election{
		Title: "2027 political platform referendum", BodyID: national.ID, RecordPublic: true,
		Rules: "Every member in good standing on the cut-off may vote. The platform is adopted when Yes has more " +
			"than half of the votes cast for Yes or No; a ballot left blank counts toward turnout only.",
		Cutoff: rankfile.DateOf(closeAt.Add(-21 * 24 * time.Hour)), AdminIDs: []int64{admin.ID},
		NominationsOpen: closeAt.Add(-35 * 24 * time.Hour), NominationsClose: closeAt.Add(-21 * 24 * time.Hour),
		VotingOpen: closeAt.Add(-14 * 24 * time.Hour), VotingClose: closeAt,
		Contests: []*rankfile.Contest{{Title: "Shall the organization adopt the 2027 political platform?",
			Seats: 1, Method: rankfile.MethodQuestion, Candidates: rankfile.QuestionOptions([]string{"Yes", "No"})}},
	}
}

// castReferendum has up to referendumBallots members on the roll vote:
// about six in ten Yes, a third No, the rest blank.
func castReferendum(ctx context.Context, a *app.App, e *rankfile.Election, national *rankfile.Body) error {
	rng := rand.New(rand.NewPCG(2027, 5))
	members, _, err := a.Members.FindMembers(ctx, rankfile.ElectorateFilter(national, e.Cutoff))
	if err != nil {
		return err
	}
	q := e.Contests[0]
	yes, no := q.Candidates[0].ID, q.Candidates[1].ID
	for _, i := range rng.Perm(len(members))[:min(len(members), referendumBallots)] {
		b := &rankfile.Ballot{Rankings: map[int64][]int64{}}
		switch r := rng.Float64(); {
		case r < 0.61:
			b.Rankings[q.ID] = []int64{yes}
		case r < 0.95:
			b.Rankings[q.ID] = []int64{no}
		}
		if _, err := a.CastBallot(ctx, &rankfile.Actor{Member: members[i]}, e.ID, b); err != nil {
			return err
		}
	}
	return nil
}
