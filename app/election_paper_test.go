package app_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestPaperBallots enters batches of paper ballots as one member of the
// committee and decides them as another: a confirmed batch marks its
// voters and boxes its ballots together; a batch with a voter who voted
// online meanwhile is refused whole; the count at the close waits for the
// batch still pending; and a decided batch keeps no ballots of its own.
func TestPaperBallots(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		clerk, checker := w.voter(2), w.voter(11)
		enter := func(voters []int, lines ...string) (*rankfile.PaperBatch, error) {
			var emails []string
			for _, v := range voters {
				emails = append(emails, fmt.Sprintf("voter%d@example.org", v))
			}
			return w.app.EnterPaperBatch(ctx, clerk, w.election.ID, emails, lines)
		}
		for _, bad := range []struct {
			voters []int
			lines  []string
			says   string
		}{
			{[]int{40}, []string{"1", "2"}, "as many ballots as voters"},
			{[]int{40}, []string{"4"}, "not a number from 1 to 3"},
			{[]int{40}, []string{"1 1"}, "twice"},
			{[]int{votingVoters + 1}, []string{"1"}, "nobody on the roll has the address voter61@example.org"},
			{[]int{40}, []string{"1 | 2 | 3"}, "3 contests written"},
		} {
			if _, err := enter(bad.voters, bad.lines...); rankfile.ErrorCode(err) != rankfile.EINVALID ||
				!strings.Contains(rankfile.ErrorMessage(err), bad.says) {
				t.Errorf("batch %v %q: %v; want invalid saying %q", bad.voters, bad.lines, err, bad.says)
			}
		}
		_, err := w.app.EnterPaperBatch(ctx, clerk, w.election.ID, []string{"stranger@example.org"}, []string{"1"})
		if want := "nobody on the roll has the address stranger@example.org"; rankfile.ErrorMessage(err) != want {
			t.Errorf("an address nobody has: %v; want %q, as for a member off the roll", err, want)
		}
		first, err := enter([]int{40, 41}, "1 2 | 3", "| 1 2")
		if err != nil {
			t.Fatal(err)
		}
		second, err := enter([]int{42, 43}, "2", "3 1")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.PaperDesk(ctx, w.voter(20), w.election.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member off the committee at the paper desk: %v", err)
		}
		if err := w.app.ConfirmPaperBatch(ctx, clerk, w.election.ID, first.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("confirming one's own batch: %v; want forbidden", err)
		}
		if err := w.app.ConfirmPaperBatch(ctx, checker, w.election.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		for _, v := range []int{40, 41} {
			if roll, _ := w.app.Elections.Roll(ctx, w.election.ID, w.member(v).ID); !roll.Voted {
				t.Errorf("voter %d of the confirmed batch is not marked", v)
			}
		}
		w.cast(43, w.ballot([]int{0}))
		err = w.app.ConfirmPaperBatch(ctx, checker, w.election.ID, second.ID)
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "has voted already") {
			t.Errorf("a batch with a voter who voted online: %v", err)
		}
		if roll, _ := w.app.Elections.Roll(ctx, w.election.ID, w.member(42).ID); roll.Voted {
			t.Errorf("the refused batch marked voter 42")
		}
		if ballots, voted := w.boxAndRoll(); ballots != 3 || voted != 3 {
			t.Errorf("box %d, voted %d; want the confirmed batch's 2 and the online ballot", ballots, voted)
		}

		w.now = w.election.VotingClose.Add(1)
		if e, _ := w.app.Election(ctx, w.election.ID); !e.CountedAt.IsZero() {
			t.Errorf("the election was counted with a batch pending")
		}
		if err := w.app.RejectPaperBatch(ctx, checker, w.election.ID, second.ID); err != nil {
			t.Fatal(err)
		}
		if e, _ := w.app.Election(ctx, w.election.ID); e.CountedAt.IsZero() {
			t.Errorf("the election was not counted once no batch was pending")
		}
		for _, row := range dumpDatabase(t, dsn)["paper_batches"].rows {
			if row[5] != "<nil>" {
				t.Errorf("a decided batch still holds its ballots: %v", row)
			}
		}
	})
}
