package demo

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Delegates is how many delegates the national demo's convention has.
const Delegates = 1200

// NationalSummary says what the national demo made above the chapter.
type NationalSummary struct {
	Chapters, Placed, AtLarge int
	Delegates, Ballots        int
	// Committee is the counted election of the National Political
	// Committee; Women and PeopleOfColor count those elected.
	Committee            *rankfile.Election
	Elected              []string
	Women, PeopleOfColor int
	// Grievance is the national election taking nominations, whose roll
	// will be every member in good standing.
	Grievance *rankfile.Election
	// Referendum is the national referendum, counted.
	Referendum *rankfile.Election
	// Steward is Metro DC's data steward.
	Steward *rankfile.Member
}

// National makes what the national demo has above the chapters, through
// the web app's operations: the convention's delegates, chosen among the
// members in good standing of every chapter (member@example.org among
// them); its election of the National Political Committee by Meek STV,
// at least eight women and five people of color, voted last week and
// counted; a national election taking nominations; the national
// referendum on the platform, counted; and Metro DC's data steward.
// setClock is Elections'.
func National(ctx context.Context, a *app.App, setClock func(time.Time)) (*NationalSummary, error) {
	rng := rand.New(rand.NewPCG(2027, 1))
	sum := &NationalSummary{}
	if err := countChapters(ctx, a, sum); err != nil {
		return nil, err
	}
	convention, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "2027-national-convention"})
	if err != nil {
		return nil, err
	}
	delegates, err := seatDelegates(ctx, a, convention, rng)
	if err != nil {
		return nil, err
	}
	sum.Delegates = len(delegates)
	admin, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: Accounts[0].Email})
	if err != nil {
		return nil, err
	}
	actor := &rankfile.Actor{Member: admin, Admin: true, Steward: true}
	if err := electCommittee(ctx, a, actor, convention, delegates, rng, setClock, sum); err != nil {
		return nil, err
	}
	if err := seatCommittee(ctx, a, sum); err != nil {
		return nil, err
	}
	if err := openGrievanceElection(ctx, a, actor, sum); err != nil {
		return nil, err
	}
	if sum.Referendum, err = Referendum(ctx, a, setClock); err != nil {
		return nil, err
	}
	return sum, nameChapterSteward(ctx, a, sum)
}

// countChapters counts the chapters and the members placed in them.
func countChapters(ctx context.Context, a *app.App, sum *NationalSummary) error {
	chapters, err := a.Chapters(ctx)
	if err != nil {
		return err
	}
	sum.Chapters = len(chapters)
	for _, c := range chapters {
		_, n, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{ChapterID: c.ID, Limit: 1, Brief: true})
		if err != nil {
			return err
		}
		sum.Placed += n
	}
	_, all, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Limit: 1, Brief: true})
	sum.AtLarge = all - sum.Placed
	return err
}

// seatDelegates makes Delegates members in good standing, drawn from every
// chapter, delegates to the convention from two months ago; the demo's
// member is one of them.
func seatDelegates(ctx context.Context, a *app.App, convention *rankfile.Body, rng *rand.Rand) ([]*rankfile.Member, error) {
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood, Brief: true})
	if err != nil {
		return nil, err
	}
	rng.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	mine := slices.IndexFunc(members, func(m *rankfile.Member) bool { return m.Email == Accounts[2].Email })
	if mine >= 0 {
		members[0], members[mine] = members[mine], members[0]
	}
	delegates := members[:min(Delegates, len(members))]
	start := a.Today().AddDays(-60)
	for _, m := range delegates {
		if err := a.Bodies.CreatePosition(ctx, &rankfile.Position{MemberID: m.ID, BodyID: convention.ID, StartOn: start}); err != nil {
			return nil, err
		}
	}
	return delegates, nil
}

// electCommittee holds the convention's election of the National
// Political Committee, voted last week by nineteen delegates in twenty.
// Men are ranked first more often, so that the reserved seats decide
// some of the count.
func electCommittee(ctx context.Context, a *app.App, actor *rankfile.Actor, convention *rankfile.Body,
	delegates []*rankfile.Member, rng *rand.Rand, setClock func(time.Time), sum *NationalSummary) error {
	var cands []*rankfile.Candidate
	for _, m := range delegates[1:] {
		if isAccount(m.Email) || len(cands) == 30 {
			continue
		}
		c := &rankfile.Candidate{MemberID: m.ID, Name: m.FullName(), Status: rankfile.CandidateAccepted,
			Statement: "I will work for a national organization every chapter and every member can shape."}
		if len(cands)%2 == 0 {
			c.Tags = append(c.Tags, "woman")
		}
		if len(cands)%3 == 0 {
			c.Tags = append(c.Tags, "poc")
		}
		cands = append(cands, c)
	}
	closeAt := a.Now().Add(-7 * 24 * time.Hour).Truncate(time.Hour)
	e := &rankfile.Election{
		Title: "National Political Committee 2027", BodyID: convention.ID, RecordPublic: true,
		Rules:  "The convention elects the sixteen members of the National Political Committee by Meek STV. At least eight of them must be women, and at least five people of color.",
		Cutoff: rankfile.DateOf(closeAt.Add(-10 * 24 * time.Hour)), AdminIDs: []int64{actor.Member.ID},
		NominationsOpen: closeAt.Add(-40 * 24 * time.Hour), NominationsClose: closeAt.Add(-20 * 24 * time.Hour),
		VotingOpen: closeAt.Add(-3 * 24 * time.Hour), VotingClose: closeAt,
		Contests: []*rankfile.Contest{{Title: "National Political Committee", Seats: 16, Method: rankfile.MethodMeek,
			Constraints: []string{"woman>=8", "poc>=5"}, Candidates: cands}},
	}
	if err := a.CreateElection(ctx, actor, e); err != nil {
		return err
	}
	setClock(e.VotingOpen.Add(time.Hour))
	err := castConventionBallots(ctx, a, e, delegates, rng, sum)
	setClock(time.Time{})
	if err != nil {
		return err
	}
	if sum.Committee, err = a.Election(ctx, e.ID); err != nil { // counts it
		return err
	}
	return readElected(ctx, a, actor, sum)
}

// castConventionBallots has nineteen delegates in twenty vote.
func castConventionBallots(ctx context.Context, a *app.App, e *rankfile.Election, delegates []*rankfile.Member, rng *rand.Rand, sum *NationalSummary) error {
	c := e.Contests[0]
	popularity := make([]float64, len(c.Candidates))
	for i, cand := range c.Candidates {
		popularity[i] = 1 + rng.Float64()*4
		if slices.Contains(cand.Tags, "woman") {
			popularity[i] *= 0.6
		}
	}
	for _, m := range delegates {
		if m.Email != Accounts[2].Email && rng.IntN(20) == 0 {
			continue
		}
		b := &rankfile.Ballot{Rankings: map[int64][]int64{c.ID: demoRanking(c, popularity, rng)}}
		if _, err := a.CastBallot(ctx, &rankfile.Actor{Member: m}, e.ID, b); err != nil {
			return err
		}
		sum.Ballots++
	}
	return nil
}

// readElected reads who the count elected, and how many of them carry
// each reserved tag.
func readElected(ctx context.Context, a *app.App, actor *rankfile.Actor, sum *NationalSummary) error {
	raw, err := a.Result(ctx, actor, sum.Committee.ID)
	if err != nil {
		return err
	}
	var result struct {
		Contests []struct {
			Count struct {
				Elected []string `json:"elected"`
			}
		}
	}
	if err := json.Unmarshal(raw, &result); err != nil || len(result.Contests) != 1 {
		return rankfile.Errorf(rankfile.EINTERNAL, "the committee's result cannot be read: %v", err)
	}
	tags := map[string][]string{}
	for _, c := range sum.Committee.Contests[0].Candidates {
		tags[c.Name] = c.Tags
	}
	for _, name := range result.Contests[0].Count.Elected {
		sum.Elected = append(sum.Elected, name)
		if slices.Contains(tags[name], "woman") {
			sum.Women++
		}
		if slices.Contains(tags[name], "poc") {
			sum.PeopleOfColor++
		}
	}
	return nil
}

// seatCommittee makes those elected the National Political Committee's
// members from the day after the count, the first two elected its
// co-chairs, as the committee chose at its first meeting.
func seatCommittee(ctx context.Context, a *app.App, sum *NationalSummary) error {
	npc, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "national-political-committee"})
	if err != nil {
		return err
	}
	seats, err := a.Bodies.FindSeats(ctx, npc.ID)
	if err != nil {
		return err
	}
	byName := map[string]int64{}
	for _, c := range sum.Committee.Contests[0].Candidates {
		byName[c.Name] = c.MemberID
	}
	start := rankfile.DateOf(sum.Committee.VotingClose).AddDays(1)
	for i, name := range sum.Elected {
		p := &rankfile.Position{MemberID: byName[name], BodyID: npc.ID, StartOn: start}
		if i < 2 && len(seats) > 0 {
			p.SeatID = seats[0].ID
		}
		if err := a.Bodies.CreatePosition(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// openGrievanceElection puts a national election to every member in good
// standing: its nominations are open, its roll is made at the cut-off.
func openGrievanceElection(ctx context.Context, a *app.App, actor *rankfile.Actor, sum *NationalSummary) error {
	national, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "national-organization"})
	if err != nil {
		return err
	}
	open := a.Now().Add(-2 * 24 * time.Hour).Truncate(time.Hour)
	e := &rankfile.Election{
		Title: "National grievance officers 2027", BodyID: national.ID, RecordPublic: true,
		Rules:  "Every member in good standing on the cut-off elects the three national grievance officers by single transferable vote (Scottish rules).",
		Cutoff: rankfile.DateOf(open.Add(10 * 24 * time.Hour)), AdminIDs: []int64{actor.Member.ID},
		NominationsOpen: open, NominationsClose: open.Add(12 * 24 * time.Hour),
		VotingOpen: open.Add(14 * 24 * time.Hour), VotingClose: open.Add(28 * 24 * time.Hour),
		Contests: []*rankfile.Contest{{Title: "Grievance officers", Seats: 3, Method: rankfile.MethodScottish}},
	}
	sum.Grievance = e
	return a.CreateElection(ctx, actor, e)
}

// nameChapterSteward makes Imani Washington Metro DC's data steward.
func nameChapterSteward(ctx context.Context, a *app.App, sum *NationalSummary) error {
	dc, err := a.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: "metro-dc"})
	if err != nil {
		return err
	}
	if sum.Steward, err = a.Members.FindMember(ctx, rankfile.MemberFilter{Email: ChapterStewardEmail}); err != nil {
		return err
	}
	return a.Auth.GrantChapterSteward(ctx, sum.Steward.ID, dc.ID)
}
