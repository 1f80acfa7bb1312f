package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// benchmarkRoster imports four members into the Central branch, in good
// standing, joined on the days given (by national id), and returns them.
func benchmarkRoster(t *testing.T, db *store.DB, joined map[string]string) (map[string]*rankfile.Member, map[string]*rankfile.Body) {
	t.Helper()
	tree := chapterTree(t, db)
	importList(t, db, withLancaster, rankfile.ImportOptions{})
	if err := db.Exec(`UPDATE members SET list_standing = 'good', join_date = '2025-01-01', located_branch_id = $1`, tree["central"].ID); err != nil {
		t.Fatal(err)
	}
	members := map[string]*rankfile.Member{}
	for _, id := range []string{"1", "2", "3", "4"} {
		if d, ok := joined[id]; ok {
			if err := db.Exec(`UPDATE members SET join_date = $1 WHERE national_id = $2`, d, id); err != nil {
				t.Fatal(err)
			}
		}
		members[id] = member(t, db, id)
	}
	return members, tree
}

// checkIn records that the member came to an event of kind on day.
func checkIn(t *testing.T, db *store.DB, body *rankfile.Body, m *rankfile.Member, kind, day string) {
	t.Helper()
	var id int64
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO events (body_id, kind, title, starts_at, ends_at, zone, address, audience, registration,
			check_in_code, created_at, updated_at) VALUES (%d, '%s', 'An event', '%s 18:00:00', '%s 20:00:00', 'UTC', 'Here',
			'members', TRUE, 'C%d%s', '%s 00:00:00', '%s 00:00:00')`, body.ID, kind, day, day, m.ID, day, day, day),
	} {
		if err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	ids, err := db.QueryStrings(`SELECT MAX(id) FROM events`)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Sscan(ids[0], &id)
	if err := db.Exec(fmt.Sprintf(`INSERT INTO event_registrations (event_id, member_id, status, line, registered_at, attended_at)
		VALUES (%d, %d, 'registered', 1, '%s 00:00:00', '%s 18:05:00')`, id, m.ID, day, day)); err != nil {
		t.Fatal(err)
	}
}

// talk logs a one-on-one with m held on day.
func talk(t *testing.T, db *store.DB, m, organizer *rankfile.Member, day string) {
	t.Helper()
	if err := store.NewOneOnOneService(db).CreateConversation(ctx, &rankfile.Conversation{MemberID: m.ID, AuthorID: organizer.ID,
		On: rankfile.MustParseDate(day), Method: rankfile.MethodCall}); err != nil {
		t.Fatal(err)
	}
}

// TestADaysBenchmarksAreCountedFromTheRecords gives two new members a
// one-on-one, one 10 days after joining (reached) and one 20 days after
// (not), an orientation to one of them, and an event to another member the
// day after the first snapshot (one move up), and reads the figures back.
func TestADaysBenchmarksAreCountedFromTheRecords(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-12-02")
		ms, tree := benchmarkRoster(t, db, map[string]string{"1": "2026-11-01", "2": "2026-11-01"})
		talk(t, db, ms["1"], ms["4"], "2026-11-11")
		talk(t, db, ms["2"], ms["4"], "2026-11-21")
		checkIn(t, db, tree["central"], ms["2"], "orientation", "2026-11-05")
		checkIn(t, db, tree["central"], ms["3"], "canvass", "2026-12-01")
		benchmarks := store.NewBenchmarkService(db)
		d1, d2 := rankfile.MustParseDate("2026-11-30"), rankfile.MustParseDate("2026-12-01")
		took, err := benchmarks.TakeBenchmarks(ctx, []rankfile.Date{d2, d1, d1})
		if err != nil || len(took) != 2 {
			t.Fatalf("took %v, %v; want two days", took, err)
		}
		for _, scope := range []int64{rankfile.ChapterScope, tree["central"].ID} {
			got, err := benchmarks.Benchmarks(ctx, scope, d1, d2)
			if err != nil || len(got) != 2 {
				t.Fatalf("scope %d: %v, %v; want two days", scope, got, err)
			}
			b := got[1]
			if b.Day != d2 || b.Members != 4 || b.NewMembers != 2 || b.NewReached != 1 || b.NewOriented != 1 || b.OneOnOneYear != 2 {
				t.Errorf("scope %d on %s: %+v; want 4 members, 2 new, 1 reached, 1 oriented, 2 with a one-on-one", scope, b.Day, b)
			}
			if b.Stages["participant"] != 2 || b.Stages[rankfile.NoStage] != 2 || b.MovedUp != 1 || b.MovedDown != 0 {
				t.Errorf("scope %d: stages %v, moves %d up %d down; want 2 participants, 2 none, 1 up", scope, b.Stages, b.MovedUp, b.MovedDown)
			}
		}
		if again, err := benchmarks.TakeBenchmarks(ctx, []rankfile.Date{d2}); err != nil || len(again) != 0 {
			t.Errorf("taking a day again: %v, %v; want nothing taken", again, err)
		}
	})
}

// TestADayIsTakenOnceByTwoTakers has two takers take the same day at the
// same time: one of them takes it, and the day has one row a scope.
func TestADayIsTakenOnceByTwoTakers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-12-02")
		benchmarkRoster(t, db, nil)
		day := rankfile.MustParseDate("2026-12-01")
		var wg sync.WaitGroup
		took := make([][]rankfile.Date, 4)
		errs := make([]error, 4)
		for i := range took {
			wg.Go(func() { took[i], errs[i] = store.NewBenchmarkService(db).TakeBenchmarks(ctx, []rankfile.Date{day}) })
		}
		wg.Wait()
		n := 0
		for i := range took {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			n += len(took[i])
		}
		rows, err := db.QueryStrings(`SELECT day FROM benchmarks WHERE scope = 0`)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 || len(rows) != 1 {
			t.Errorf("four takers took the day %d times, %d chapter rows; want 1 and 1", n, len(rows))
		}
	})
}

// TestAnEveningCheckInCountsOnItsOwnDay checks a member in at 8 pm in Los
// Angeles, already the next day in UTC: the day's snapshot counts it.
func TestAnEveningCheckInCountsOnItsOwnDay(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-12-03")
		zone, err := time.LoadLocation("America/Los_Angeles")
		if err != nil {
			t.Fatal(err)
		}
		db.Zone = zone
		ms, tree := benchmarkRoster(t, db, nil)
		checkIn(t, db, tree["central"], ms["3"], "canvass", "2026-12-01")
		if err := db.Exec(`UPDATE event_registrations SET attended_at = '2026-12-02 04:00:00+00:00'`); err != nil {
			t.Fatal(err)
		}
		day := rankfile.MustParseDate("2026-12-01")
		if _, err := store.NewBenchmarkService(db).TakeBenchmarks(ctx, []rankfile.Date{day}); err != nil {
			t.Fatal(err)
		}
		got, err := store.NewBenchmarkService(db).Benchmarks(ctx, rankfile.ChapterScope, day, day)
		if err != nil || len(got) != 1 || got[0].Stages["participant"] != 1 {
			t.Fatalf("the snapshot of December 1: %v, %v; want the evening's canvasser a participant", got, err)
		}
	})
}

// TestADayTakenIsReadAtOnce reads a range before any day is taken, takes
// a day in it, and reads it again: the kept range gives way to the new
// day.
func TestADayTakenIsReadAtOnce(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-12-03")
		benchmarkRoster(t, db, nil)
		s := store.NewBenchmarkService(db)
		d1, d2 := rankfile.MustParseDate("2026-12-01"), rankfile.MustParseDate("2026-12-02")
		for range 2 { // before any day is taken, twice
			if got, err := s.Benchmarks(ctx, rankfile.ChapterScope, d1, d2); err != nil || len(got) != 0 {
				t.Fatalf("before any day: %d days, %v; want none", len(got), err)
			}
		}
		for i, d := range []rankfile.Date{d1, d2} {
			if _, err := store.NewBenchmarkService(db).TakeBenchmarks(ctx, []rankfile.Date{d}); err != nil {
				t.Fatal(err)
			}
			if got, err := s.Benchmarks(ctx, rankfile.ChapterScope, d1, d2); err != nil || len(got) != i+1 {
				t.Errorf("after taking %s: %d days, %v; want %d", d, len(got), err, i+1)
			}
		}
	})
}
