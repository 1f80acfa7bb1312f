package demo

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// maxDemoVoters bounds the ballots cast in the demo's closed election, so
// that a demo of 100,000 people still starts in seconds.
const maxDemoVoters = 1200

// Elections makes the demo's three elections through the web app's own
// operations, as the chapter's admin and its members would: the election
// of convention delegates, voted two weeks ago, counted and its record
// public; the steering committee's, open for voting now, in which
// member@example.org may vote; and the secretary's, taking nominations,
// in which she stands. setClock sets the time the app and its
// store see, so that the first election's ballots are cast while it was
// open; the zero time goes back to the real clock. It returns the number
// of ballots cast in the closed election.
func Elections(ctx context.Context, a *app.App, setClock func(time.Time)) (int, error) {
	rng := rand.New(rand.NewPCG(2026, 11))
	chapter, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: chapterSlug})
	if err != nil {
		return 0, err
	}
	admin, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: Accounts[0].Email})
	if err != nil {
		return 0, err
	}
	actor := &rankfile.Actor{Member: admin, Admin: true}
	now := a.Now()
	pool, err := candidatePool(ctx, a, chapter, rng)
	if err != nil {
		return 0, err
	}
	past := delegatesElection(chapter, admin, now, pool[:9])
	if err := a.CreateElection(ctx, actor, past); err != nil {
		return 0, err
	}
	setClock(past.VotingOpen.Add(24 * time.Hour))
	cast, err := castDemoBallots(ctx, a, past, chapter, rng)
	setClock(time.Time{})
	if err != nil {
		return 0, err
	}
	if _, err := a.Election(ctx, past.ID); err != nil { // counts it
		return 0, err
	}
	steering := steeringElection(chapter, admin, now, pool[9:])
	if err := a.CreateElection(ctx, actor, steering); err != nil {
		return 0, err
	}
	if _, err = a.Election(ctx, steering.ID); err != nil { // freezes its roll: the cut-off has passed
		return 0, err
	}
	secretary := secretaryElection(chapter, admin, now)
	if err := a.CreateElection(ctx, actor, secretary); err != nil {
		return 0, err
	}
	return cast, nominateForSecretary(ctx, a, secretary, pool[18:20])
}

// candidatePool picks members in good standing to stand, leaving out the
// demo accounts, and declares tags for some of them.
func candidatePool(ctx context.Context, a *app.App, chapter *rankfile.Body, rng *rand.Rand) ([]*rankfile.Candidate, error) {
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, ChapterID: chapter.ID, Brief: true, Limit: 400})
	if err != nil {
		return nil, err
	}
	var out []*rankfile.Candidate
	for _, i := range rng.Perm(len(members)) {
		m := members[i]
		if isAccount(m.Email) || len(out) == 20 {
			continue
		}
		c := &rankfile.Candidate{MemberID: m.ID, Name: m.FullName(), Status: rankfile.CandidateAccepted,
			Statement: "I will work to build a chapter that every member can take part in."}
		if len(out)%3 != 1 {
			c.Tags = append(c.Tags, "woman")
		}
		if len(out)%4 == 0 {
			c.Tags = append(c.Tags, "poc")
		}
		out = append(out, c)
	}
	return out, nil
}

// delegatesElection is the closed election: four convention delegates by
// Meek STV, at least two of them women and one a person of color.
func delegatesElection(chapter *rankfile.Body, admin *rankfile.Member, now time.Time, cands []*rankfile.Candidate) *rankfile.Election {
	closeAt := now.Add(-14 * 24 * time.Hour).Truncate(time.Hour)
	return &rankfile.Election{
		Title: "Convention delegates 2026", BodyID: chapter.ID, RecordPublic: true,
		Rules:  "The four delegates are elected by Meek STV. At least two of them must be women, and at least one a person of color.",
		Cutoff: rankfile.DateOf(closeAt.Add(-10 * 24 * time.Hour)), AdminIDs: []int64{admin.ID},
		NominationsOpen: closeAt.Add(-28 * 24 * time.Hour), NominationsClose: closeAt.Add(-14 * 24 * time.Hour),
		VotingOpen: closeAt.Add(-7 * 24 * time.Hour), VotingClose: closeAt,
		Contests: []*rankfile.Contest{{Title: "Convention delegates", Seats: 4, Method: rankfile.MethodMeek,
			Constraints: []string{"woman>=2", "poc>=1"}, Candidates: cands}},
	}
}

// steeringElection is the open election: a co-chair by instant runoff
// and five at-large members by Scottish STV.
func steeringElection(chapter *rankfile.Body, admin *rankfile.Member, now time.Time, cands []*rankfile.Candidate) *rankfile.Election {
	open := now.Add(-24 * time.Hour).Truncate(time.Hour)
	return &rankfile.Election{
		Title: "Steering committee 2026", BodyID: chapter.ID, RecordPublic: true,
		Rules:  "The co-chair is elected by instant runoff; the five at-large members by single transferable vote (Scottish rules).",
		Cutoff: rankfile.DateOf(open.Add(-7 * 24 * time.Hour)), AdminIDs: []int64{admin.ID},
		NominationsOpen: open.Add(-21 * 24 * time.Hour), NominationsClose: open.Add(-7 * 24 * time.Hour),
		VotingOpen: open, VotingClose: open.Add(14 * 24 * time.Hour),
		Contests: []*rankfile.Contest{
			{Title: "Co-chair", Seats: 1, Method: rankfile.MethodIRV, Candidates: cands[:3]},
			{Title: "At-large members", Seats: 5, Method: rankfile.MethodScottish, Candidates: cands[3:11]},
		},
	}
}

// castDemoBallots has members on the roll vote, each ranking some of the
// candidates, the more popular ones more often first.
func castDemoBallots(ctx context.Context, a *app.App, e *rankfile.Election, chapter *rankfile.Body, rng *rand.Rand) (int, error) {
	members, _, err := a.Members.FindMembers(ctx, rankfile.ElectorateFilter(chapter, e.Cutoff))
	if err != nil {
		return 0, err
	}
	c := e.Contests[0]
	popularity := make([]float64, len(c.Candidates))
	for i := range popularity {
		popularity[i] = 1 + rng.Float64()*4
	}
	voters := min(len(members)*45/100, maxDemoVoters)
	for _, i := range rng.Perm(len(members))[:voters] {
		b := &rankfile.Ballot{Rankings: map[int64][]int64{c.ID: demoRanking(c, popularity, rng)}}
		if _, err := a.CastBallot(ctx, &rankfile.Actor{Member: members[i]}, e.ID, b); err != nil {
			return 0, err
		}
	}
	return voters, nil
}

// demoRanking ranks one to all of the candidates, drawing each next choice
// by popularity.
func demoRanking(c *rankfile.Contest, popularity []float64, rng *rand.Rand) []int64 {
	left := make([]int, len(c.Candidates))
	for i := range left {
		left[i] = i
	}
	var out []int64
	for n := 1 + rng.IntN(len(left)); n > 0; n-- {
		total := 0.0
		for _, i := range left {
			total += popularity[i]
		}
		pick := rng.Float64() * total
		k := 0
		for ; k < len(left)-1 && pick >= popularity[left[k]]; k++ {
			pick -= popularity[left[k]]
		}
		out = append(out, c.Candidates[left[k]].ID)
		left = append(left[:k], left[k+1:]...)
	}
	return out
}
