package app_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
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
	cmd := exec.Command(os.Args[0], "-test.run=^TestAcknowledgedMeetingVotesSurviveARestart$")
	cmd.Env = append(os.Environ(), "RANKFILE_TEST_VOTE_KILL_DSN="+dsn,
		fmt.Sprintf("RANKFILE_TEST_VOTE_KILL_IDS=%d,%d", meetingID, voteID))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []int64
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		id, ok := strings.CutPrefix(sc.Text(), "acknowledged ")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(id, 10, 64)
		acked = append(acked, n)
		if len(acked) == restartAfter {
			cmd.Process.Kill()
		}
	}
	cmd.Wait()
	if len(acked) < restartAfter {
		t.Fatalf("the child acknowledged %d votes before it ended, want at least %d", len(acked), restartAfter)
	}
	if len(acked) >= restartVoters-5 {
		t.Fatalf("nearly every vote was acknowledged before the kill: it came too late to test anything")
	}
	return acked
}

// voteUntilKilled has every member checked in vote from 64 goroutines and
// prints each member's id once their vote is acknowledged.
func voteUntilKilled(dsn string) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	now := votingStart()
	db.Zone, db.Now = now.Location(), func() time.Time { return now }
	var meetingID, voteID int64
	fmt.Sscanf(os.Getenv("RANKFILE_TEST_VOTE_KILL_IDS"), "%d,%d", &meetingID, &voteID)
	a := newApp(db)
	attendance, err := a.Meetings.Attendance(ctx, meetingID)
	if err != nil {
		fmt.Println("attendance:", err)
		os.Exit(1)
	}
	var mu sync.Mutex
	work := make(chan int64)
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				m, err := a.Members.FindMember(ctx, rankfile.MemberFilter{ID: id})
				if err == nil {
					_, err = a.CastMeetingVote(ctx, &rankfile.Actor{Member: m}, meetingID, voteID, []int{int(id % 2)})
				}
				mu.Lock()
				if err != nil {
					fmt.Println("vote:", err) // no member here is refused: stop, failing the test
					os.Exit(1)
				}
				fmt.Println("acknowledged", id)
				mu.Unlock()
			}
		}()
	}
	for _, at := range attendance {
		if at.Good {
			work <- at.MemberID
		}
	}
	close(work)
	wg.Wait()
	select {} // wait for the kill
}
