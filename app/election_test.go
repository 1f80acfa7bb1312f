package app_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

var ctx = context.Background()

// votingWorld is a chapter with an election whose voting is open: a clock
// the test moves, an admin who called the election, and the members.
type votingWorld struct {
	t        *testing.T
	dsn      string
	db       *store.DB
	app      *app.App
	now      time.Time
	chapter  *rankfile.Body
	admin    *rankfile.Actor
	election *rankfile.Election
}

// votingVoters is the number of members in good standing; two more have
// lapsed.
const votingVoters = 60

// newVotingWorld imports the chapter's members, calls an election of two
// contests (an officer by instant runoff, three at-large seats by Meek STV
// with at least one woman) and opens voting.
func newVotingWorld(t *testing.T, dsn string) *votingWorld {
	return newVotingWorldOf(t, dsn, votingVoters)
}

// newVotingWorldOf is newVotingWorld with n members in good standing.
func newVotingWorldOf(t *testing.T, dsn string, n int) *votingWorld {
	db := storetest.Open(t, dsn)
	w := &votingWorld{t: t, dsn: dsn, db: db, now: votingStart()}
	db.Zone = w.now.Location()
	db.Now = func() time.Time { return w.now }
	w.app = newApp(db)
	w.importList(n, "2026-11-01")
	w.chapter = &rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Test Chapter"}
	if err := w.app.Bodies.CreateBody(ctx, w.chapter); err != nil {
		t.Fatal(err)
	}
	w.admin = &rankfile.Actor{Member: w.member(1), Admin: true}
	w.election = &rankfile.Election{
		Title: "Steering Committee 2026", BodyID: w.chapter.ID, Cutoff: rankfile.MustParseDate("2026-11-01"),
		NominationsOpen: w.now.Add(-72 * time.Hour), NominationsClose: w.now.Add(-48 * time.Hour),
		VotingOpen: w.now.Add(-time.Hour), VotingClose: w.now.Add(24 * time.Hour),
		AdminIDs: []int64{w.member(2).ID, w.member(11).ID}, Seed: "2026",
		Contests: []*rankfile.Contest{
			{Title: "Co-chair", Seats: 1, Method: rankfile.MethodIRV, Candidates: w.candidates(3, 4, 5)},
			{Title: "At-large", Seats: 3, Method: rankfile.MethodMeek, Constraints: []string{"woman>=1"},
				Candidates: w.candidates(6, 7, 8, 9, 10)},
		},
	}
	w.election.Contests[1].Candidates[4].Tags = []string{"woman"}
	w.election.Contests[1].Candidates[3].Status = rankfile.CandidateWithdrawn
	if err := w.app.CreateElection(ctx, w.admin, w.election); err != nil {
		t.Fatal(err)
	}
	return w
}

// votingStart is when the tests begin: voting opened an hour ago.
func votingStart() time.Time {
	la, _ := time.LoadLocation("America/Los_Angeles")
	return time.Date(2026, 11, 2, 18, 0, 0, 0, la)
}

// newApp is the app over db, on db's clock.
func newApp(db *store.DB) *app.App {
	return &app.App{
		Members: store.NewMemberService(db), Bodies: store.NewBodyService(db), Roster: store.NewRosterService(db),
		Branches: store.NewBranchService(db), Neighborhoods: store.NewNeighborhoodService(db), Auth: store.NewAuthService(db), Audit: store.NewAuditService(db),
		Elections: store.NewElectionService(db), Papers: store.NewElectionService(db), Proposals: store.NewProposalService(db), Settings: db, Meetings: store.NewMeetingService(db), Votes: store.NewMeetingService(db),
		Events: store.NewEventService(db), Outbox: store.NewOutboxService(db), Weekly: store.NewWeeklyService(db),
		OneOnOnes: store.NewOneOnOneService(db), Ladders: store.NewLadderService(db), Onboarding: store.NewOnboardingService(db), Courses: store.NewCourseService(db),
		Feedback:   store.NewFeedbackService(db),
		Benchmarks: store.NewBenchmarkService(db),
		Campaigns:  store.NewCampaignService(db), Turfs: store.NewTurfService(db),
		Endorsements: store.NewEndorsementService(db),
		Attempts:     store.NewAttemptService(db), Phonebanks: store.NewPhonebankService(db), Shifts: store.NewShiftService(db),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Name: "Test Chapter", Zone: db.Zone, Now: db.Now,
	}
}

// importList imports a national list of n members in good standing,
// national ids 1..n, and two lapsed ones after them.
func (w *votingWorld) importList(n int, listDate string) {
	var csv strings.Builder
	csv.WriteString("actionkit_id,first_name,last_name,email,mailing_zip,xdate,membership_status\n")
	for i := 1; i <= n+2; i++ {
		status := "Member in Good Standing"
		if i > n {
			status = "Lapsed"
		}
		fmt.Fprintf(&csv, "%d,Voter,Number%03d,voter%d@example.org,90026,2030-01-01,%s\n", i, i, i, status)
	}
	src, err := roster.NewReader(strings.NewReader(csv.String()))
	if err != nil {
		w.t.Fatal(err)
	}
	opt := rankfile.ImportOptions{AsOf: rankfile.MustParseDate(listDate)}
	if _, err := w.app.Roster.ImportRoster(ctx, src, opt); err != nil {
		w.t.Fatal(err)
	}
}

func (w *votingWorld) member(nationalID int) *rankfile.Member {
	m, err := w.app.Members.FindMember(ctx, rankfile.MemberFilter{NationalID: fmt.Sprint(nationalID)})
	if err != nil {
		w.t.Fatal(err)
	}
	return m
}

func (w *votingWorld) voter(nationalID int) *rankfile.Actor {
	return &rankfile.Actor{Member: w.member(nationalID)}
}

// candidates puts members forward, accepted.
func (w *votingWorld) candidates(nationalIDs ...int) []*rankfile.Candidate {
	var out []*rankfile.Candidate
	for _, id := range nationalIDs {
		m := w.member(id)
		out = append(out, &rankfile.Candidate{MemberID: m.ID, Name: m.FullName(), Status: rankfile.CandidateAccepted})
	}
	return out
}

// ballot ranks, in each contest, the candidates at the given places of its
// list, most preferred first.
func (w *votingWorld) ballot(places ...[]int) *rankfile.Ballot {
	b := &rankfile.Ballot{Rankings: map[int64][]int64{}}
	for i, c := range w.election.Contests {
		if i >= len(places) {
			break
		}
		for _, p := range places[i] {
			b.Rankings[c.ID] = append(b.Rankings[c.ID], c.Candidates[p].ID)
		}
	}
	return b
}

// cast casts a ballot for the member and fails the test on an error.
func (w *votingWorld) cast(nationalID int, b *rankfile.Ballot) string {
	w.t.Helper()
	code, err := w.app.CastBallot(ctx, w.voter(nationalID), w.election.ID, b)
	if err != nil {
		w.t.Fatalf("voter %d: %v", nationalID, err)
	}
	return code
}

// closeVoting moves the clock past the close and reads the election,
// which counts it.
func (w *votingWorld) closeVoting() *rankfile.Election {
	w.now = w.election.VotingClose.Add(time.Minute)
	e, err := w.app.Election(ctx, w.election.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	if e.StatusAt(w.now) != rankfile.ElectionCounted {
		w.t.Fatalf("after the close the election is %s, want counted", e.StatusAt(w.now))
	}
	return e
}

// boxAndRoll reports the ballots in the box and the voters marked.
func (w *votingWorld) boxAndRoll() (ballots, voted int) {
	box, err := w.app.Elections.BallotBox(ctx, w.election.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	voted, err = w.app.Elections.Voted(ctx, w.election.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return len(box), voted
}

// TestABallotIsCastOnce casts the same member's ballot from ten tabs at
// once: one is cast, the others are refused, and the box holds one ballot.
func TestABallotIsCastOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		errs := make(chan error, 10)
		for range 10 {
			go func() {
				_, err := w.app.CastBallot(ctx, w.voter(20), w.election.ID, w.ballot([]int{0, 1}))
				errs <- err
			}()
		}
		cast, refused := 0, 0
		for range 10 {
			switch err := <-errs; rankfile.ErrorCode(err) {
			case "":
				cast++
			case rankfile.ECONFLICT:
				refused++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if cast != 1 || refused != 9 {
			t.Errorf("%d cast and %d refused, want 1 and 9", cast, refused)
		}
		if ballots, voted := w.boxAndRoll(); ballots != 1 || voted != 1 {
			t.Errorf("box %d, voted %d; want 1 and 1", ballots, voted)
		}
	})
}

// TestBadBallotsChangeNothing sends ballots that must be refused, each
// with a clear message, and checks that the box and the roll are as they
// were.
func TestBadBallotsChangeNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		w.cast(30, w.ballot([]int{0}))
		atLarge := w.election.Contests[1]
		withdrawn := atLarge.Candidates[3] // withdrew before voting opened
		err := w.app.Elections.SetCandidateStatus(ctx, atLarge.Candidates[2].ID, rankfile.CandidateWithdrawn)
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a withdrawal once voting has opened: %v; want a conflict", err)
		}
		cases := []struct {
			name    string
			voter   int
			ballot  *rankfile.Ballot
			code    string
			message string
		}{
			{"unknown candidate", 21, &rankfile.Ballot{Rankings: map[int64][]int64{atLarge.ID: {999999}}},
				rankfile.EINVALID, "not standing"},
			{"candidate of another contest", 21, &rankfile.Ballot{Rankings: map[int64][]int64{
				atLarge.ID: {w.election.Contests[0].Candidates[0].ID}}}, rankfile.EINVALID, "not standing"},
			{"withdrawn candidate", 21, &rankfile.Ballot{Rankings: map[int64][]int64{atLarge.ID: {withdrawn.ID}}},
				rankfile.EINVALID, "withdrawn"},
			{"ranked twice", 21, w.ballot(nil, []int{0, 1, 0}), rankfile.EINVALID, "twice"},
			{"unknown contest", 21, &rankfile.Ballot{Rankings: map[int64][]int64{999999: {1}}},
				rankfile.EINVALID, "not in this election"},
			{"no ballot", 21, nil, rankfile.EINVALID, "no ballot"},
			{"lapsed member, off the roll", votingVoters + 1, w.ballot([]int{0}), rankfile.EFORBIDDEN, "not on this election's roll"},
			{"second ballot", 30, w.ballot([]int{1}), rankfile.ECONFLICT, "already voted"},
		}
		for _, c := range cases {
			_, err := w.app.CastBallot(ctx, w.voter(c.voter), w.election.ID, c.ballot)
			if rankfile.ErrorCode(err) != c.code || !strings.Contains(rankfile.ErrorMessage(err), c.message) {
				t.Errorf("%s: %v; want %s saying %q", c.name, err, c.code, c.message)
			}
		}
		if _, err := w.app.CastBallot(ctx, rankfile.Anonymous, w.election.ID, w.ballot([]int{0})); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("anonymous: %v; want unauthorized", err)
		}
		w.now = w.election.VotingClose
		_, err = w.app.CastBallot(ctx, w.voter(22), w.election.ID, w.ballot([]int{0}))
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), "closed") {
			t.Errorf("after the close: %v; want conflict saying closed", err)
		}
		if ballots, voted := w.boxAndRoll(); ballots != 1 || voted != 1 {
			t.Errorf("box %d, voted %d; want the one good ballot", ballots, voted)
		}
	})
}

// TestTheRollIsFrozenAtTheCutoff imports a newer list with more members
// after the roll was frozen: the newcomers may not vote.
func TestTheRollIsFrozenAtTheCutoff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		w.cast(5, w.ballot([]int{2}))
		w.importList(votingVoters+5, "2026-11-02")
		_, err := w.app.CastBallot(ctx, w.voter(votingVoters+3), w.election.ID, w.ballot([]int{0}))
		if rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member who joined after the cut-off: %v; want forbidden", err)
		}
		e, err := w.app.Election(ctx, w.election.ID)
		if err != nil || e.RollSize != votingVoters {
			t.Errorf("roll of %d, %v; want the %d in good standing at the cut-off", e.RollSize, err, votingVoters)
		}
	})
}

// TestVotingNotYetOpenIsRefused casts a ballot a minute before voting
// opens.
func TestVotingNotYetOpenIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		w.now = w.election.VotingOpen.Add(-time.Minute)
		_, err := w.app.CastBallot(ctx, w.voter(9), w.election.ID, w.ballot([]int{0}))
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), "not opened") {
			t.Errorf("before voting opens: %v; want conflict saying not opened", err)
		}
	})
}

// TestExtendingTheDeadlines has the committee extend voting by a day: a
// ballot the old close would have refused is cast. Deadlines that have
// passed stand, none moves earlier, and nobody off the committee moves
// any.
func TestExtendingTheDeadlines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		committee := w.voter(2)
		later := w.election.VotingClose.Add(24 * time.Hour)
		extend := func(a *rankfile.Actor, tl rankfile.Timeline) error {
			return w.app.ExtendElection(ctx, a, w.election.ID, tl)
		}
		if err := extend(w.voter(20), rankfile.Timeline{VotingClose: later}); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member off the committee extending: %v", err)
		}
		if err := extend(committee, rankfile.Timeline{VotingOpen: w.election.VotingOpen.Add(time.Minute)}); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("moving the opening, which has passed: %v", err)
		}
		if err := extend(committee, rankfile.Timeline{VotingClose: w.election.VotingClose.Add(-time.Hour)}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("moving the close earlier: %v", err)
		}
		if err := extend(committee, rankfile.Timeline{VotingClose: later}); err != nil {
			t.Fatal(err)
		}
		w.now = w.election.VotingClose.Add(time.Hour)
		w.cast(25, w.ballot([]int{0}))
	})
}

// TestAnImportAfterTheCutoffDoesNotChangeTheRoll imports a newer list,
// with more members, after the cut-off but before anyone has looked at the
// election: the roll is frozen first, from the members of the cut-off.
func TestAnImportAfterTheCutoffDoesNotChangeTheRoll(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		var csv strings.Builder
		csv.WriteString("actionkit_id,first_name,last_name,email,mailing_zip,xdate,membership_status\n")
		for i := 1; i <= votingVoters+5; i++ {
			fmt.Fprintf(&csv, "%d,Voter,Number%03d,voter%d@example.org,90026,2030-01-01,Member in Good Standing\n", i, i, i)
		}
		src, err := roster.NewReader(strings.NewReader(csv.String()))
		if err != nil {
			t.Fatal(err)
		}
		steward := &rankfile.Actor{Member: w.member(1), Steward: true}
		if _, err := w.app.Import(ctx, steward, src, rankfile.ImportOptions{AsOf: rankfile.MustParseDate("2026-11-02")}); err != nil {
			t.Fatal(err)
		}
		e, err := w.app.Elections.FindElection(ctx, w.election.ID)
		if err != nil || e.RollSize != votingVoters {
			t.Errorf("the roll holds %d, %v; want the %d in good standing at the cut-off", e.RollSize, err, votingVoters)
		}
		if _, err := w.app.CastBallot(ctx, w.voter(votingVoters+4), w.election.ID, w.ballot([]int{0})); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member added after the cut-off voting: %v; want forbidden", err)
		}
	})
}
