package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/count"
	"github.com/rankfile/rankfile/store/storetest"
)

// referendum calls, in the voting world, a referendum of the chapter: the
// question "Adopt the platform?", Yes or No, needing the threshold,
// with voting open; it becomes the world's election.
func (w *votingWorld) referendum(threshold rankfile.Threshold) *rankfile.Election {
	w.t.Helper()
	e := &rankfile.Election{
		Title: "Platform referendum", BodyID: w.chapter.ID, Cutoff: w.election.Cutoff,
		NominationsOpen: w.election.NominationsOpen, NominationsClose: w.election.NominationsClose,
		VotingOpen: w.election.VotingOpen, VotingClose: w.election.VotingClose, Seconders: 2,
		AdminIDs: []int64{w.member(2).ID, w.member(11).ID}, Seed: "ref",
		Contests: []*rankfile.Contest{{Title: "Adopt the platform?", Seats: 1, Method: rankfile.MethodQuestion,
			Threshold: threshold, Candidates: rankfile.QuestionOptions([]string{"Yes", "No"})}},
	}
	if err := w.app.CreateElection(ctx, w.admin, e); err != nil {
		w.t.Fatal(err)
	}
	w.election = e
	return e
}

// castChoices casts, from voter 1 on, yes ballots for Yes, no for No and
// blank ones, and returns the receipt code of the first of each kind.
func (w *votingWorld) castChoices(yes, no, blank int) (codes []string) {
	q := w.election.Contests[0]
	n := 1
	for i, k := range []int{yes, no, blank} {
		for j := range k {
			b := &rankfile.Ballot{Rankings: map[int64][]int64{}}
			if i < 2 {
				b.Rankings[q.ID] = []int64{q.Candidates[i].ID}
			}
			code := w.cast(n, b)
			if j == 0 {
				codes = append(codes, code)
			}
			n++
		}
	}
	return codes
}

// TestAReferendumIsCountedAndPublished stores a question and its options,
// casts choices and blanks on the secret ballot, and at the close
// publishes each option's votes, the blanks apart and that it passed, in
// a public record that counts again to the same votes.
func TestAReferendumIsCountedAndPublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.referendum(rankfile.ThresholdTwoThirds)
		stored, err := w.app.Election(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		q := stored.Contests[0]
		if !q.IsQuestion() || q.Threshold != rankfile.ThresholdTwoThirds || len(q.Ballot()) != 2 || q.Ballot()[0].Name != "Yes" ||
			q.Ballot()[0].MemberID != 0 || !q.Ballot()[1].OnBallot() {
			t.Fatalf("stored question %+v, options %+v", q, q.Candidates)
		}
		two := &rankfile.Ballot{Rankings: map[int64][]int64{q.ID: {q.Candidates[0].ID, q.Candidates[1].ID}}}
		if _, err := w.app.CastBallot(ctx, w.voter(59), e.ID, two); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Fatalf("a ballot choosing both: %v", err)
		}
		codes := w.castChoices(30, 14, 6)
		closed := w.closeVoting()

		raw, err := w.app.Result(ctx, w.voter(2), closed.ID)
		if err != nil {
			t.Fatal(err)
		}
		var res app.ElectionResult
		if err := json.Unmarshal(raw, &res); err != nil {
			t.Fatal(err)
		}
		got := res.Contests[0]
		if res.Ballots != 50 || got.Question == nil || got.Count != nil || got.Ballots != 44 {
			t.Fatalf("result %s", raw)
		}
		qc := got.Question
		if qc.Cast != 44 || qc.Blank != 6 || qc.Options[0].Votes != 30 || qc.Options[1].Votes != 14 ||
			qc.Needed != 30 || !qc.Passed || qc.Carried != "Yes" || qc.Options[0].Percent != 68.2 {
			t.Errorf("question count %+v", qc)
		}

		// The public record counts again to the same votes: by the
		// result's recount command (rankfile tally --method question, tested
		// in cmd/rankfile), and by instant runoff's first round, an engine
		// that shares no code with the question's count.
		blt, receipts := w.publicRecord(q.ID)
		ce, err := count.ReadBLT(bytes.NewReader(blt))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := count.Count(ce, count.Options{Method: count.IRV, Seed: "ref"})
		if err != nil {
			t.Fatal(err)
		}
		first := rep.Rounds[0].Tallies
		if len(receipts) != 44 || ce.Candidates[0] != "Yes" || first[0].String() != "30" || first[1].String() != "14" ||
			got.Recount != fmt.Sprintf("rankfile tally ballots-%d.blt --method question --threshold two_thirds", q.ID) {
			t.Errorf("record: %d receipts, candidates %v, first round %v, recount %q", len(receipts), ce.Candidates, first, got.Recount)
		}

		// A voter finds their choice, or their blank, by the receipt.
		for i, want := range [][]string{{"Yes"}, {"No"}, nil} {
			rb, err := w.app.FindReceipt(ctx, w.voter(3), e.ID, codes[i])
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rb.Contests[0].Ranking, ",") != strings.Join(want, ",") {
				t.Errorf("receipt %d: %v, want %v", i, rb.Contests[0].Ranking, want)
			}
		}
		_, counts, err := w.app.Counts(ctx, w.voter(2), e.ID)
		if err != nil || counts[0].Question == nil || counts[0].Question.Needed != 30 {
			t.Errorf("counts for the page: %+v, %v", counts, err)
		}
	})
}

// TestAReferendumFailsShortOfItsThreshold: 29 of 44 is 65.9%, short of
// two thirds; and a tie fails a simple majority.
func TestAReferendumFailsShortOfItsThreshold(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		w.referendum(rankfile.ThresholdTwoThirds)
		w.castChoices(29, 15, 3)
		w.closeVoting()
		_, counts, err := w.app.Counts(ctx, w.voter(2), w.election.ID)
		if err != nil {
			t.Fatal(err)
		}
		if q := counts[0].Question; q.Passed || q.Carried != "" || q.Blank != 3 {
			t.Errorf("29 of 44 at two thirds: %+v", q)
		}
	})
}

// TestNobodyIsNominatedInAQuestion: its options are set with the
// election; a nomination, a second or a withdrawal of an option is
// refused, and nothing changes.
func TestNobodyIsNominatedInAQuestion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.referendum("")
		w.now = e.NominationsOpen.Add(time.Hour)
		q := e.Contests[0]
		if err := w.app.Nominate(ctx, w.voter(5), e.ID, q.ID, "", ""); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a nomination in a question: %v", err)
		}
		if err := w.app.Second(ctx, w.voter(5), e.ID, q.Candidates[0].ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a second of an option: %v", err)
		}
		if err := w.app.Withdraw(ctx, w.voter(2), e.ID, q.Candidates[0].ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("the committee withdrawing an option: %v", err)
		}
		after, err := w.app.Election(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(after.Contests[0].Ballot()); n != 2 {
			t.Errorf("%d options on the ballot, want 2", n)
		}
	})
}

// TestPaperBallotsOfAReferendum enters a batch of paper ballots of a
// question, each the number of one option or nothing; a ballot numbering
// both options is refused; the confirmed batch is counted with the
// ballots cast online.
func TestPaperBallotsOfAReferendum(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.referendum("")
		clerk, checker := w.voter(2), w.voter(11)
		emails := []string{"voter40@example.org", "voter41@example.org", "voter42@example.org"}
		if _, err := w.app.EnterPaperBatch(ctx, clerk, e.ID, emails[:1], []string{"1 2"}); rankfile.ErrorCode(err) != rankfile.EINVALID ||
			!strings.Contains(rankfile.ErrorMessage(err), "choose one option") {
			t.Errorf("a paper ballot choosing both options: %v", err)
		}
		batch, err := w.app.EnterPaperBatch(ctx, clerk, e.ID, emails, []string{"2", "2", ""})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.app.ConfirmPaperBatch(ctx, checker, e.ID, batch.ID); err != nil {
			t.Fatal(err)
		}
		w.castChoices(3, 0, 0)
		w.closeVoting()
		_, counts, err := w.app.Counts(ctx, w.voter(2), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if q := counts[0].Question; q.Options[0].Votes != 3 || q.Options[1].Votes != 2 || q.Blank != 1 || !q.Passed {
			t.Errorf("paper and online: %+v", q)
		}
	})
}
