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
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// killVoters is the size of the roll in the kill test, and killAfter the
// number of ballots acknowledged before the kill.
const (
	killVoters = 2000
	killAfter  = 200
)

// TestAcknowledgedBallotsSurviveAKill casts ballots from many voters at
// once in a child process and kills it (SIGKILL) in the middle of the
// storm. Once the database is opened again every ballot acknowledged to a
// voter is in the box, and the box holds exactly one ballot for each voter
// marked on the roll.
func TestAcknowledgedBallotsSurviveAKill(t *testing.T) {
	if dsn := os.Getenv("RANKFILE_TEST_CAST_KILL_DSN"); dsn != "" {
		castUntilKilled(dsn)
		return
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorldOf(t, dsn, killVoters)
		keys := w.db.Keys
		w.db.Close()
		acked := killWhileCasting(t, dsn, w.election.ID, keys.Keyring())
		db := storetest.Open(t, dsn)
		db.Keys = keys
		elections := store.NewElectionService(db)
		box, err := elections.BallotBox(ctx, w.election.ID)
		if err != nil {
			t.Fatal(err)
		}
		inBox := map[string]bool{}
		for _, b := range box {
			inBox[b.ReceiptHash] = true
		}
		for _, code := range acked {
			if !inBox[rankfile.ReceiptHash(w.election.ID, code)] {
				t.Errorf("the ballot acknowledged with receipt %s is not in the box", code)
			}
		}
		voted, err := elections.Voted(ctx, w.election.ID)
		if err != nil || voted != len(box) {
			t.Errorf("%d voters are marked on the roll and %d ballots are in the box (%v)", voted, len(box), err)
		}
		t.Logf("%d ballots acknowledged before the kill, %d in the box", len(acked), len(box))
	})
}

// killWhileCasting runs castUntilKilled in a child process, kills it once
// killAfter ballots are acknowledged, and returns the receipt code of every
// ballot the child acknowledged, including those it printed as it died.
func killWhileCasting(t *testing.T, dsn string, electionID int64, keys *secret.Keyring) []string {
	cmd := exec.Command(os.Args[0], "-test.run=^TestAcknowledgedBallotsSurviveAKill$")
	cmd.Env = append(os.Environ(), "RANKFILE_TEST_CAST_KILL_DSN="+dsn,
		"RANKFILE_TEST_CAST_KILL_ELECTION="+strconv.FormatInt(electionID, 10),
		"RANKFILE_TEST_CAST_KILL_KEYS="+keys.Text())
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var acked []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		code, ok := strings.CutPrefix(sc.Text(), "acknowledged ")
		if !ok {
			continue
		}
		acked = append(acked, code)
		if len(acked) == killAfter {
			cmd.Process.Kill()
		}
	}
	cmd.Wait()
	if len(acked) < killAfter {
		t.Fatalf("the child acknowledged %d ballots before it ended, want at least %d", len(acked), killAfter)
	}
	if len(acked) == killVoters {
		t.Fatalf("every voter's ballot was acknowledged before the kill: the kill came too late to test anything")
	}
	return acked
}

// castUntilKilled opens the database, has every voter on the roll cast a
// ballot from 64 goroutines, and prints each receipt code once its ballot
// is acknowledged.
func castUntilKilled(dsn string) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	if db.Keys, err = secret.Parse("the test's keys", os.Getenv("RANKFILE_TEST_CAST_KILL_KEYS")); err != nil {
		fmt.Println("keys:", err)
		os.Exit(1)
	}
	now := votingStart()
	db.Zone, db.Now = now.Location(), func() time.Time { return now }
	electionID, _ := strconv.ParseInt(os.Getenv("RANKFILE_TEST_CAST_KILL_ELECTION"), 10, 64)
	a := newApp(db)
	e, err := a.Election(ctx, electionID)
	if err != nil {
		fmt.Println("election:", err)
		os.Exit(1)
	}
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood})
	if err != nil {
		fmt.Println("members:", err)
		os.Exit(1)
	}
	var mu sync.Mutex
	work := make(chan *rankfile.Member)
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range work {
				b := &rankfile.Ballot{Rankings: map[int64][]int64{e.Contests[0].ID: {e.Contests[0].Candidates[0].ID}}}
				code, err := a.CastBallot(ctx, &rankfile.Actor{Member: m}, e.ID, b)
				mu.Lock()
				if err != nil {
					fmt.Println("cast:", err) // no voter here is refused: stop, failing the test
					os.Exit(1)
				}
				fmt.Println("acknowledged", code)
				mu.Unlock()
			}
		}()
	}
	for _, m := range members {
		work <- m
	}
	close(work)
	wg.Wait()
	select {} // wait for the kill
}
