package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// holdSeat puts member id in the body's seat with the title from start.
func holdSeat(t *testing.T, db *store.DB, body *rankfile.Body, title, id, start string) *rankfile.Position {
	t.Helper()
	seat := seatsByTitle(t, db, body)[title]
	p := &rankfile.Position{MemberID: member(t, db, id).ID, BodyID: body.ID, SeatID: seat.ID, StartOn: rankfile.MustParseDate(start)}
	if err := store.NewBodyService(db).CreatePosition(ctx, p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTermsEndOnTheirDate(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		tree := chapterTree(t, db)
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		bodies := store.NewBodyService(db)
		chair := holdSeat(t, db, tree["housing"], rankfile.SeatCoChair, "1", "2025-03-15")
		if want := rankfile.MustParseDate("2026-03-14"); chair.EndOn != want {
			t.Errorf("a 12-month term from 2025-03-15 ends %s, want %s", chair.EndOn, want)
		}
		captain := holdSeat(t, db, tree["echo-park"], rankfile.SeatNeighborhoodCaptain, "2", "2025-03-15")
		if !captain.EndOn.IsZero() {
			t.Errorf("a seat without a fixed term ends %s, want no end", captain.EndOn)
		}
		now, _ := bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: tree["housing"].ID, ActiveOn: rankfile.MustParseDate("2026-11-01")})
		if len(now) != 0 {
			t.Errorf("positions held after the term ended: %d, want 0 (the seat is vacant)", len(now))
		}
		past, _ := bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: tree["housing"].ID, EndedBefore: rankfile.MustParseDate("2026-11-01")})
		if len(past) != 1 || past[0].MemberID != chair.MemberID {
			t.Errorf("past holders = %+v, want the former co-chair kept", past)
		}
		a, err := store.NewAuthService(db).Actor(ctx, chair.MemberID)
		if err != nil || a.LeadsBody(tree["housing"].ID) || len(a.Seats) != 0 {
			t.Errorf("a former co-chair still leads: %+v, %v", a, err)
		}
		holdSeat(t, db, tree["housing"], rankfile.SeatCoChair, "3", "2026-10-01")
	})
}

func TestRemovePositionKeepsHistory(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		tree := chapterTree(t, db)
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		bodies := store.NewBodyService(db)
		old := holdSeat(t, db, tree["housing"], rankfile.SeatCoChair, "1", "2026-06-01")
		fresh := holdSeat(t, db, tree["housing"], rankfile.SeatCoChair, "2", "2026-11-01")
		for _, p := range []*rankfile.Position{old, fresh} {
			if err := bodies.RemovePosition(ctx, p.ID); err != nil {
				t.Fatal(err)
			}
		}
		if err := bodies.RemovePosition(ctx, old.ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("removing again: err = %v, want ENOTFOUND", err)
		}
		all, _ := bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: tree["housing"].ID})
		if len(all) != 1 || all[0].ID != old.ID || all[0].EndOn != rankfile.MustParseDate("2026-10-31") {
			t.Errorf("after removals: %+v, want the old one ending yesterday and the one begun today gone", all)
		}
		entries, _ := store.NewAuditService(db).FindAuditEntries(ctx, rankfile.AuditFilter{SubjectID: old.MemberID})
		if len(entries) == 0 || entries[len(entries)-1].Action != rankfile.AuditChangeBodies {
			t.Errorf("removal not audited: %+v", entries)
		}
	})
}

func TestTermNoticesQueueOnce(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		tree := chapterTree(t, db)
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		bodies := store.NewBodyService(db)
		ending := holdSeat(t, db, tree["housing"], rankfile.SeatCoChair, "1", "2025-11-20") // ends 2026-11-19
		holdSeat(t, db, tree["housing"], rankfile.SeatCoChair, "2", "2026-06-01")           // ends 2027-05-31
		holdSeat(t, db, tree["labor"], rankfile.SeatCoChair, "3", "2025-11-20")             // another body's
		until := rankfile.MustParseDate("2026-11-01").AddDays(rankfile.TermNoticeDays)
		n, err := bodies.QueueTermNotices(ctx, until)
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 { // the two housing co-chairs about the first; the labor co-chair about theirs
			t.Errorf("first run queued %d notices, want 3", n)
		}
		if n, err := bodies.QueueTermNotices(ctx, until); err != nil || n != 0 {
			t.Errorf("second run queued %d notices (%v), want 0", n, err)
		}
		notices, _ := store.NewOutboxService(db).FindNotices(ctx, []rankfile.NoticeState{rankfile.NoticePending}, 10)
		about := 0
		for _, nt := range notices {
			if nt.Kind != rankfile.NoticeTermEnding {
				t.Errorf("notice kind %q, want %q", nt.Kind, rankfile.NoticeTermEnding)
			}
			if nt.PositionID == ending.ID {
				about++
			}
		}
		if len(notices) != 3 || about != 2 {
			t.Errorf("notices %d (%d about housing's ending term), want 3 (2)", len(notices), about)
		}
	})
}

func TestTermNoticesReachTheAppointers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		tree := chapterTree(t, db)
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		coordinator := holdSeat(t, db, tree["central"], rankfile.SeatCoCoordinator, "1", "2026-06-01")
		captain := holdSeat(t, db, tree["echo-park"], rankfile.SeatNeighborhoodCaptain, "2", "2026-06-01")
		if err := store.NewBodyService(db).EndPosition(ctx, captain.ID, rankfile.MustParseDate("2026-11-10")); err != nil {
			t.Fatal(err)
		}
		n, err := store.NewBodyService(db).QueueTermNotices(ctx, rankfile.MustParseDate("2026-12-01"))
		if err != nil || n != 2 {
			t.Fatalf("queued %d (%v), want 2: the captain and the co-coordinator who appoints", n, err)
		}
		notices, _ := store.NewOutboxService(db).FindNotices(ctx, []rankfile.NoticeState{rankfile.NoticePending}, 10)
		to := map[int64]bool{}
		for _, nt := range notices {
			to[nt.MemberID] = true
		}
		if !to[coordinator.MemberID] || !to[captain.MemberID] {
			t.Errorf("notices went to %v, want the co-coordinator %d and the captain %d", to, coordinator.MemberID, captain.MemberID)
		}
	})
}

// TestTheMigrationEndsTermsHeldBefore puts positions into the schema as it
// was before terms ended (version 19) and checks migration 00021 gives
// those in a seat with a term the term's last day, leaving the others.
func TestTheMigrationEndsTermsHeldBefore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 19)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`INSERT INTO members (id, national_id, first_name, last_name, list_standing, created_at, updated_at)
				VALUES (7, '7', 'Ana', 'García', 'good', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
			`INSERT INTO bodies (id, kind, slug, name, created_at, updated_at)
				VALUES (1, 'committee', 'housing', 'Housing', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
			`INSERT INTO seats (id, body_id, title, count, filled_by, electorate_body_id, term_months)
				VALUES (1, 1, 'Co-chair', 2, 'election', 1, 12), (2, 1, 'Banner keeper', 1, 'election', 1, 0)`,
			`INSERT INTO positions (id, member_id, body_id, seat_id, start_on, end_on, created_at) VALUES
				(1, 7, 1, 1, '2025-03-15', NULL, '2026-01-01 00:00:00'),
				(2, 7, 1, 1, '2024-01-01', '2024-06-30', '2026-01-01 00:00:00'),
				(3, 7, 1, 2, '2025-03-15', NULL, '2026-01-01 00:00:00'),
				(4, 7, 1, NULL, '2025-03-15', NULL, '2026-01-01 00:00:00')`,
		} {
			if err := old.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
		db := storetest.Open(t, dsn)
		ps, err := store.NewBodyService(db).FindPositions(ctx, rankfile.PositionFilter{BodyID: 1})
		if err != nil {
			t.Fatal(err)
		}
		want := map[int64]string{1: "2026-03-14", 2: "2024-06-30", 3: "", 4: ""}
		for _, p := range ps {
			if p.EndOn.String() != want[p.ID] && !(p.EndOn.IsZero() && want[p.ID] == "") {
				t.Errorf("position %d ends %q after the migration, want %q", p.ID, p.EndOn, want[p.ID])
			}
		}
	})
}
