package app_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestNominations goes through nominations with two seconders needed:
// nominating oneself and another, accepting and declining, seconding,
// and what is refused; then the ballot holds only the candidates who
// accepted and were seconded enough, and candidacies are fixed once
// voting opens.
func TestNominations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := &rankfile.Election{Title: "Branch coordinators", BodyID: w.chapter.ID, Seconders: 2,
			Cutoff: rankfile.MustParseDate("2026-11-01"), Seed: "7",
			NominationsOpen: w.now.Add(time.Hour), NominationsClose: w.now.Add(48 * time.Hour),
			VotingOpen: w.now.Add(72 * time.Hour), VotingClose: w.now.Add(96 * time.Hour),
			Contests: []*rankfile.Contest{{Title: "Co-coordinators", Seats: 2, Method: rankfile.MethodMeek}}}
		if err := w.app.CreateElection(ctx, w.admin, e); err != nil {
			t.Fatal(err)
		}
		contest := e.Contests[0].ID
		nominate := func(by int, email string) error {
			return w.app.Nominate(ctx, w.voter(by), e.ID, contest, email, "")
		}
		if err := nominate(20, ""); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a nomination before nominations open: %v; want a conflict", err)
		}
		w.now = e.NominationsOpen.Add(time.Minute)
		for _, err := range []error{nominate(20, ""), nominate(20, "voter21@example.org"), nominate(22, "voter24@example.org"),
			nominate(23, "nobody@example.org"), nominate(23, fmt.Sprintf("voter%d@example.org", votingVoters+1)),
			// Someone nominated already: answered as any nomination, lest
			// the answer name the address's owner.
			nominate(25, "voter21@example.org")} {
			if err != nil {
				t.Fatalf("nominating: %v", err)
			}
		}
		if err := nominate(votingVoters+2, ""); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a lapsed member nominating: %v; want forbidden", err)
		}
		cands := w.candidatesOf(e.ID)
		if len(cands) != 3 {
			t.Fatalf("%d candidates, want Number020, Number021 and Number024 (no one for an unknown or lapsed address)", len(cands))
		}
		self, other, declines := cands[0], cands[1], cands[2]
		if self.Status != rankfile.CandidateAccepted || other.Status != rankfile.CandidateNominated {
			t.Errorf("statuses %s and %s; want a self-nomination accepted, another's waiting", self.Status, other.Status)
		}
		answer := func(voter int, c *rankfile.Candidate, accept bool) error {
			return w.app.AnswerNomination(ctx, w.voter(voter), e.ID, c.ID, accept)
		}
		if err := answer(22, other, true); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("accepting someone else's nomination: %v", err)
		}
		if err := answer(21, other, true); err != nil {
			t.Fatal(err)
		}
		if err := answer(24, declines, false); err != nil {
			t.Fatal(err)
		}
		second := func(voter int, c *rankfile.Candidate) error {
			return w.app.Second(ctx, w.voter(voter), e.ID, c.ID)
		}
		for _, c := range []struct {
			voter int
			cand  *rankfile.Candidate
			code  string
		}{
			{30, self, ""}, {31, self, ""}, {30, self, rankfile.ECONFLICT}, {20, self, rankfile.EINVALID},
			{20, other, rankfile.EINVALID}, {32, other, ""}, {votingVoters + 1, other, rankfile.EFORBIDDEN},
			{33, declines, rankfile.ENOTFOUND},
		} {
			if err := second(c.voter, c.cand); rankfile.ErrorCode(err) != c.code {
				t.Errorf("voter %d seconding %s: %v; want %q", c.voter, c.cand.Name, err, c.code)
			}
		}
		if mine, err := w.app.MySeconds(ctx, w.voter(30), e); err != nil || len(mine) != 1 || !mine[self.ID] {
			t.Errorf("what voter 30 seconded: %v, %v; want only %s", mine, err, self.Name)
		}
		if mine, err := w.app.MySeconds(ctx, w.voter(33), e); err != nil || len(mine) != 0 {
			t.Errorf("what voter 33 seconded: %v, %v; want nothing (her second was refused)", mine, err)
		}
		w.now = e.NominationsClose.Add(time.Minute)
		if err := second(33, other); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("seconding after nominations closed: %v", err)
		}
		if err := w.app.SetStatement(ctx, w.voter(20), e.ID, self.ID, "**Housing** for all", []string{"renter"}); err != nil {
			t.Errorf("a statement before voting opens: %v", err)
		}
		if err := w.app.SetStatement(ctx, w.voter(21), e.ID, self.ID, "mine now", nil); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("changing another's statement: %v", err)
		}
		w.now = e.VotingOpen.Add(time.Minute)
		cands = w.candidatesOf(e.ID)
		if !cands[0].OnBallot() || cands[1].OnBallot() || cands[2].OnBallot() || cands[0].Statement != "**Housing** for all" {
			t.Errorf("on the ballot: %v %v %v; want only the self-nomination seconded twice", cands[0].OnBallot(),
				cands[1].OnBallot(), cands[2].OnBallot())
		}
		b := &rankfile.Ballot{Rankings: map[int64][]int64{contest: {other.ID}}}
		if _, err := w.app.CastBallot(ctx, w.voter(40), e.ID, b); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("ranking a candidate seconded once: %v; want invalid", err)
		}
		if err := w.app.Withdraw(ctx, w.voter(20), e.ID, self.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("withdrawing once voting has opened: %v; want a conflict", err)
		}
	})
}

// candidatesOf reads an election's candidates, of its first contest.
func (w *votingWorld) candidatesOf(electionID int64) []*rankfile.Candidate {
	e, err := w.app.Elections.FindElection(ctx, electionID)
	if err != nil {
		w.t.Fatal(err)
	}
	return e.Contests[0].Candidates
}
