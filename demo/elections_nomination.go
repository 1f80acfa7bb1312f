package demo

import (
	"context"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The demo's third election takes nominations now, so that a visitor
// sees that stage of an election: member@example.org stands, with a
// statement she can change and a photo she can upload on the election's
// page, and two other members stand, one of them seconded by her.

// secretaryElection is the election taking nominations: the chapter's
// secretary by instant runoff, each candidate needing two seconders.
func secretaryElection(chapter *rankfile.Body, admin *rankfile.Member, now time.Time) *rankfile.Election {
	opened := now.Add(-3 * 24 * time.Hour).Truncate(time.Hour)
	return &rankfile.Election{
		Title: "Chapter secretary 2027", BodyID: chapter.ID, RecordPublic: true, Seconders: 2,
		Rules:  "The secretary is elected by instant runoff. A candidate needs two members to second their nomination.",
		Cutoff: rankfile.DateOf(opened.Add(20 * 24 * time.Hour)), AdminIDs: []int64{admin.ID},
		NominationsOpen: opened, NominationsClose: opened.Add(14 * 24 * time.Hour),
		VotingOpen: opened.Add(21 * 24 * time.Hour), VotingClose: opened.Add(28 * 24 * time.Hour),
		Contests: []*rankfile.Contest{{Title: "Secretary", Seats: 1, Method: rankfile.MethodIRV}},
	}
}

// nominateForSecretary has member@example.org and two members of the
// pool nominate themselves and write their statements, through the same
// operations as the election's page, and member@example.org second the
// first of the others.
func nominateForSecretary(ctx context.Context, a *app.App, e *rankfile.Election, pool []*rankfile.Candidate) error {
	member, err := a.Members.FindMember(ctx, rankfile.MemberFilter{Email: Accounts[2].Email})
	if err != nil {
		return err
	}
	standing := []*rankfile.Actor{{Member: member}}
	for _, c := range pool {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: c.MemberID})
		if err != nil {
			return err
		}
		standing = append(standing, &rankfile.Actor{Member: m})
	}
	for i, actor := range standing {
		if err := standForSecretary(ctx, a, actor, e, secretaryStatements[i%len(secretaryStatements)]); err != nil {
			return err
		}
	}
	e, err = a.Election(ctx, e.ID)
	if err != nil {
		return err
	}
	return a.Second(ctx, standing[0], e.ID, e.Contests[0].Candidates[1].ID)
}

// standForSecretary nominates the actor themselves and saves their
// statement.
func standForSecretary(ctx context.Context, a *app.App, actor *rankfile.Actor, e *rankfile.Election, statement string) error {
	if err := a.Nominate(ctx, actor, e.ID, e.Contests[0].ID, "", ""); err != nil {
		return err
	}
	e, err := a.Election(ctx, e.ID)
	if err != nil {
		return err
	}
	cands := e.Contests[0].Candidates
	return a.SetStatement(ctx, actor, e.ID, cands[len(cands)-1].ID, statement, []string{"renter"})
}

// secretaryStatements are the candidates' statements, in markdown.
var secretaryStatements = []string{
	"I have taken the minutes of the **Central branch** for two years. As secretary I will publish the steering committee's minutes within a week of each meeting.",
	"Every member should be able to find what was decided and why. I will keep the chapter's records in order and open to members.",
	"I organize with my **tenant union** and I know how much a clear record matters when the landlord disputes it.",
}
