package app_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// The meeting in the restart test: members checked in, and how many votes
// are acknowledged before the server is killed.
const (
	restartVoters = 800
	restartAfter  = 150
)

// TestAcknowledgedMeetingVotesSurviveARestart has the members of a meeting
// vote at once in a child process and kills it (SIGKILL) in the middle.
// When the database is opened again every acknowledged vote is counted,
// the box holds one ballot for each member marked, the vote is still open,
// and the members who had not voted yet still can.
func TestAcknowledgedMeetingVotesSurviveARestart(t *testing.T) {
	if dsn := os.Getenv("RANKFILE_TEST_VOTE_KILL_DSN"); dsn != "" {
		voteUntilKilled(dsn)
		return
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorldOf(t, dsn, restartVoters)
		p := w.newProposal()
		m := w.heldMeeting(p, nil, nil)
		for n := 1; n <= restartVoters; n++ {
			if err := w.app.CheckIn(ctx, w.admin, m.ID, m.Sessions[n%2].ID, w.member(n).ID); err != nil {
				t.Fatal(err)
			}
		}
		v := &rankfile.MeetingVote{AgendaItemID: m.Agenda[1].ID}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != nil {
			t.Fatal(err)
		}
		w.db.Close()
		acked := killWhileVoting(t, dsn, m.ID, v.ID)

		db := storetest.Open(t, dsn)
		db.Zone, db.Now = w.now.Location(), func() time.Time { return w.now }
		w.db, w.app = db, newApp(db)
		marked, err := w.app.Votes.VotedMembers(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		isMarked := map[int64]bool{}
		for _, id := range marked {
			isMarked[id] = true
		}
		for _, id := range acked {
			if !isMarked[id] {
				t.Errorf("member %d's acknowledged vote is lost", id)
			}
		}
		late := 0
		for n := 1; n <= restartVoters && late < 5; n++ {
			if !isMarked[w.member(n).ID] {
				w.vote(m, v, n, rankfile.OptionNo)
				late++
			}
		}
		closed, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		if got := closed.Result.Combined.Voted(); got != len(marked)+late {
			t.Errorf("%d ballots in the box for %d members marked and %d who voted after the restart", got, len(marked), late)
		}
		t.Logf("%d votes acknowledged before the kill, %d marked", len(acked), len(marked))
	})
}

// killWhileVoting runs voteUntilKilled in a child process, kills it once
// restartAfter votes are acknowledged, and returns the members whose votes
// it acknowledged.
func killWhileVoting(t *testing.T, dsn string, meetingID, voteID int64) []int64 {
	ids := killChild(t, "TestAcknowledgedMeetingVotesSurviveARestart", []string{"RANKFILE_TEST_VOTE_KILL_DSN=" + dsn,
		fmt.Sprintf("RANKFILE_TEST_VOTE_KILL_IDS=%d,%d", meetingID, voteID)}, restartAfter, restartVoters-5)
	acked := make([]int64, len(ids))
	for i, id := range ids {
		acked[i], _ = strconv.ParseInt(id, 10, 64)
	}
	return acked
}

// voteUntilKilled has every member checked in vote at once
// (ackUntilKilled), printing each member's id once their vote is
// acknowledged.
func voteUntilKilled(dsn string) {
	db, err := store.Open(ctx, dsn)
	exitOn("open", err)
	now := votingStart()
	db.Zone, db.Now = now.Location(), func() time.Time { return now }
	var meetingID, voteID int64
	fmt.Sscanf(os.Getenv("RANKFILE_TEST_VOTE_KILL_IDS"), "%d,%d", &meetingID, &voteID)
	a := newApp(db)
	attendance, err := a.Meetings.Attendance(ctx, meetingID)
	exitOn("attendance", err)
	var ids []int64
	for _, at := range attendance {
		if at.Good {
			ids = append(ids, at.MemberID)
		}
	}
	ackUntilKilled(ids, func(id int64) (string, error) {
		m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
		if err == nil {
			_, err = a.CastMeetingVote(ctx, &rankfile.Actor{Member: m}, meetingID, voteID, []int{int(id % 2)})
		}
		return strconv.FormatInt(id, 10), err
	})
}
