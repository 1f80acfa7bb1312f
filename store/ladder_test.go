package store_test

import (
	"fmt"
	"strings"
	"testing"

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
