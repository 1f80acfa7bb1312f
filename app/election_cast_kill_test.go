package app_test

import (
	"os"
	"strconv"
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
	return killChild(t, "TestAcknowledgedBallotsSurviveAKill", []string{"RANKFILE_TEST_CAST_KILL_DSN=" + dsn,
		"RANKFILE_TEST_CAST_KILL_ELECTION=" + strconv.FormatInt(electionID, 10),
		"RANKFILE_TEST_CAST_KILL_KEYS=" + keys.Text()}, killAfter, killVoters)
}

// castUntilKilled opens the database and has every voter on the roll cast
// a ballot at once (ackUntilKilled), printing each receipt code once its
// ballot is acknowledged.
func castUntilKilled(dsn string) {
	db, err := store.Open(ctx, dsn)
	exitOn("open", err)
	db.Keys, err = secret.Parse("the test's keys", os.Getenv("RANKFILE_TEST_CAST_KILL_KEYS"))
	exitOn("keys", err)
	now := votingStart()
	db.Zone, db.Now = now.Location(), func() time.Time { return now }
	electionID, _ := strconv.ParseInt(os.Getenv("RANKFILE_TEST_CAST_KILL_ELECTION"), 10, 64)
	a := newApp(db)
	e, err := a.Election(ctx, electionID)
	exitOn("election", err)
	members, _, err := a.Members.FindMembers(ctx, rankfile.MemberFilter{Standing: rankfile.StandingGood})
	exitOn("members", err)
	ackUntilKilled(members, func(m *rankfile.Member) (string, error) {
		b := &rankfile.Ballot{Rankings: map[int64][]int64{e.Contests[0].ID: {e.Contests[0].Candidates[0].ID}}}
		return a.CastBallot(ctx, &rankfile.Actor{Member: m}, e.ID, b)
	})
}
