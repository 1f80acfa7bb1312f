package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestAMembersActivityIsWhatSheAttendedAndHolds gives a member check-ins
// at a canvass and a training, a registration she did not attend, a seat,
// a one-on-one she had and one she held, and checks what the ladder
// counts of her.
func TestAMembersActivityIsWhatSheAttendedAndHolds(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		tree := chapterTree(t, db)
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		ana := member(t, db, "1")
		const at = `'2026-01-01 00:00:00'`
		for i, e := range []struct{ kind, starts, attended string }{
			{"canvass", "2026-11-14 17:00:00", "'2026-11-14 17:05:00'"},
			{"training", "2026-11-20 18:00:00", "'2026-11-20 18:10:00'"},
			{"social", "2026-11-25 18:00:00", "NULL"},
		} {
			id := i + 10
			for _, q := range []string{
				fmt.Sprintf(`INSERT INTO events (id, body_id, kind, title, starts_at, ends_at, zone, address, audience, registration,
					check_in_code, created_at, updated_at) VALUES (%d, %d, '%s', 'An event', '%s', '%s', 'UTC', 'Here', 'members', TRUE,
					'CODE%d', %s, %s)`, id, tree["central"].ID, e.kind, e.starts, e.starts, id, at, at),
				fmt.Sprintf(`INSERT INTO event_registrations (event_id, member_id, status, line, registered_at, attended_at)
					VALUES (%d, %d, 'registered', 1, %s, %s)`, id, ana.ID, at, e.attended),
			} {
				if err := db.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
		}
		chairs := seatsByTitle(t, db, tree["housing"])[rankfile.SeatCoChair]
		if err := store.NewBodyService(db).CreatePosition(ctx, &rankfile.Position{MemberID: ana.ID, BodyID: tree["housing"].ID,
			SeatID: chairs.ID, StartOn: rankfile.MustParseDate("2026-06-01")}); err != nil {
			t.Fatal(err)
		}
		oneOnOnes := store.NewOneOnOneService(db)
		for _, c := range []*rankfile.Conversation{
			{MemberID: ana.ID, AuthorID: member(t, db, "2").ID, On: rankfile.MustParseDate("2026-11-02"), Method: rankfile.MethodCall},
			{MemberID: member(t, db, "3").ID, AuthorID: ana.ID, On: rankfile.MustParseDate("2026-11-03"), Method: rankfile.MethodInPerson},
		} {
			if err := oneOnOnes.CreateConversation(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		a, err := store.NewLadderService(db).MemberActivity(ctx, ana.ID, rankfile.MustParseDate("2026-12-01"))
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(a.Dates["events"], a.Dates["events:canvass"], a.Dates["trainings"], a.Dates["events:social"], a.Seats,
			a.Dates["one_on_ones"], a.Dates["one_on_ones_given"])
		if want := "[2026-11-14 2026-11-20] [2026-11-14] [2026-11-20] [] 1 [2026-11-02] [2026-11-03]"; got != want {
			t.Errorf("activity %s; want %s", got, want)
		}
	})
}

// TestTheChaptersLadderIsKeptAsWritten stores a ladder, refuses one that
// does not read (keeping the one before), and starts from the default.
func TestTheChaptersLadderIsKeptAsWritten(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		ladders := store.NewLadderService(db)
		l, err := ladders.Ladder(ctx)
		if err != nil || len(l) != 4 || l[0].Key != "participant" {
			t.Fatalf("the default ladder: %v, %v", l, err)
		}
		if err := ladders.SetLadder(ctx, "member: events >= 1\nstalwart: meetings >= 6 in 365 days"); err != nil {
			t.Fatal(err)
		}
		err = ladders.SetLadder(ctx, "member: events >= 1\nbad line")
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), "line 2") {
			t.Errorf("a ladder that does not read: %v; want it refused, naming line 2", err)
		}
		if l, err := ladders.Ladder(ctx); err != nil || len(l) != 2 || l[1].Key != "stalwart" {
			t.Errorf("the ladder now: %v, %v; want the one stored before the refusal", l, err)
		}
	})
}

// TestCompletedCoursesMoveAMemberUpTheLadder counts courses completed, by
// level, and qualifications valid on the day; a member's stage moves when
// her completion is recorded, a partial one moving nothing, and a course
// of the first level ticks her checklist's training.
func TestCompletedCoursesMoveAMemberUpTheLadder(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCourseWorld(t, db)
		ana, bo := w.m["1"].ID, w.m["2"].ID
		setClock(db, "2026-11-01")
		ladders := store.NewLadderService(db)
		err := ladders.SetLadder(ctx, "trained: courses:grandmaster >= 1")
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), `no level "grandmaster"`) {
			t.Errorf("a ladder counting an unknown level: %v; want it refused naming the level", err)
		}
		if err := ladders.SetLadder(ctx, "trained: courses:fundamental >= 1\ntrainer: qualified >= 2"); err != nil {
			t.Fatal(err)
		}
		ladder, _ := ladders.Ladder(ctx)
		for _, c := range []*rankfile.Course{w.canvass, w.powmap} {
			if err := w.s.RecordFoundingTrainer(ctx, c.ID, ana, "wrote the course"); err != nil {
				t.Fatal(err)
			}
		}
		e, err := w.session(t, w.canvass, time.Date(2026, 11, 20, 18, 0, 0, 0, time.UTC), ana)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.NewEventService(db).Register(ctx, e.ID, rankfile.Registrant{MemberID: bo}, noNotices); err != nil {
			t.Fatal(err)
		}
		on := rankfile.MustParseDate("2026-12-01")
		stage := func(id int64, on rankfile.Date) (string, *rankfile.MemberActivity) {
			t.Helper()
			a, err := ladders.MemberActivity(ctx, id, on)
			if err != nil {
				t.Fatal(err)
			}
			return ladder.StageOf(a, on), a
		}
		training := func() rankfile.Date {
			firsts, err := store.NewOnboardingService(db).ChecklistFirsts(ctx, []int64{bo})
			if err != nil {
				t.Fatal(err)
			}
			return firsts[bo][rankfile.CheckTraining]
		}
		for _, c := range []struct {
			outcome  rankfile.CompletionOutcome
			want     string
			training string
		}{{rankfile.OutcomePartial, "", ""}, {rankfile.OutcomeComplete, "trained", "2026-11-20"}} {
			if err := w.s.RecordCompletions(ctx, e.ID, rankfile.MustParseDate("2026-11-20"),
				[]rankfile.SessionOutcome{{MemberID: bo, Outcome: c.outcome}}); err != nil {
				t.Fatal(err)
			}
			if got, _ := stage(bo, on); got != c.want {
				t.Errorf("Bo %s: stage %q, want %q", c.outcome, got, c.want)
			}
			if got := training(); got.String() != c.training && !(got.IsZero() && c.training == "") {
				t.Errorf("Bo %s: checklist's training %s, want %q", c.outcome, got, c.training)
			}
		}
		_, a := stage(bo, on)
		got := fmt.Sprint(a.Dates["courses"], a.Dates["courses:fundamental"], a.Dates["courses:advanced"], a.Count("qualified", 0, on))
		if want := "[2026-11-20] [2026-11-20] [] 1"; got != want {
			t.Errorf("Bo's courses %s; want %s", got, want)
		}
		if got, _ := stage(ana, on); got != "trainer" {
			t.Errorf("Ana with two qualifications: stage %q, want trainer", got)
		}
		if got, _ := stage(ana, rankfile.MustParseDate("2028-11-01")); got != "trained" {
			t.Errorf("Ana once power mapping lapsed: stage %q, want trained", got)
		}
		// The benchmarks count the same stages from the records they load
		// (Bo, of the list's standing "Member", put in good standing).
		if err := db.Exec(`UPDATE members SET list_standing = (SELECT list_standing FROM members WHERE id = $1) WHERE id = $2`, ana, bo); err != nil {
			t.Fatal(err)
		}
		benchmarks := store.NewBenchmarkService(db)
		if _, err := benchmarks.TakeBenchmarks(ctx, []rankfile.Date{on}); err != nil {
			t.Fatal(err)
		}
		days, err := benchmarks.Benchmarks(ctx, rankfile.ChapterScope, on, on)
		if err != nil || len(days) != 1 || days[0].Stages["trainer"] != 1 || days[0].Stages["trained"] != 1 || days[0].Members != 3 {
			t.Errorf("the chapter's benchmarks on %s: %+v, %v; want Ana a trainer and Bo trained", on, days[0], err)
		}
	})
}
