package store_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// chapterTree creates national > chapter > steering committee, a branch
// with a neighborhood group, and a committee.
func chapterTree(t *testing.T, db *store.DB) map[string]*rankfile.Body {
	t.Helper()
	bodies := store.NewBodyService(db)
	made := map[string]*rankfile.Body{}
	for _, b := range []struct {
		kind         rankfile.BodyKind
		slug, parent string
	}{
		{rankfile.KindNational, "dsa", ""},
		{rankfile.KindChapter, "la", "dsa"},
		{rankfile.KindSteeringCommittee, "steering", "la"},
		{rankfile.KindBranch, "central", "la"},
		{rankfile.KindNeighborhoodGroup, "echo-park", "central"},
		{rankfile.KindCommittee, "housing", "la"},
		{rankfile.KindCommittee, "labor", "la"},
	} {
		body := &rankfile.Body{Kind: b.kind, Slug: b.slug, Name: b.slug}
		if b.parent != "" {
			body.ParentID = made[b.parent].ID
		}
		if err := bodies.CreateBody(ctx, body); err != nil {
			t.Fatalf("creating %s: %v", b.slug, err)
		}
		made[b.slug] = body
	}
	return made
}

func seatsByTitle(t *testing.T, db *store.DB, body *rankfile.Body) map[string]*rankfile.Seat {
	t.Helper()
	seats, err := store.NewBodyService(db).FindSeats(ctx, body.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*rankfile.Seat{}
	for _, s := range seats {
		out[s.Title] = s
	}
	return out
}

func TestBodiesGetTheirLeadershipSeats(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		tree := chapterTree(t, db)
		steering := seatsByTitle(t, db, tree["steering"])
		total := 0
		for _, s := range steering {
			total += s.Count
			if s.FilledBy != rankfile.FilledByElection || s.ElectorateBodyID != tree["la"].ID {
				t.Errorf("steering seat %+v is not elected by the chapter", s)
			}
		}
		if total != 9 || steering[rankfile.SeatAtLarge].Count != 5 || steering[rankfile.SeatTreasurer] == nil {
			t.Errorf("steering committee seats = %d (%v), want 9 with 5 at large and a treasurer", total, steering)
		}
		captain := seatsByTitle(t, db, tree["echo-park"])[rankfile.SeatNeighborhoodCaptain]
		coordinators := seatsByTitle(t, db, tree["central"])[rankfile.SeatCoCoordinator]
		if captain == nil || captain.FilledBy != rankfile.FilledByAppointment || captain.AppointingSeatID != coordinators.ID {
			t.Errorf("captain seat = %+v, want appointed by central's co-coordinators (seat %d)", captain, coordinators.ID)
		}
		chairs := seatsByTitle(t, db, tree["housing"])[rankfile.SeatCoChair]
		if chairs == nil || chairs.Count != 2 || chairs.ElectorateBodyID != tree["housing"].ID {
			t.Errorf("committee co-chairs = %+v", chairs)
		}
	})
}

func TestBadBodiesAreRefused(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		tree := chapterTree(t, db)
		bodies := store.NewBodyService(db)
		for name, c := range map[string]struct {
			body rankfile.Body
			code string
		}{
			"taken slug":           {rankfile.Body{Kind: "committee", Slug: "housing", Name: "Housing 2"}, rankfile.ECONFLICT},
			"bad slug":             {rankfile.Body{Kind: "committee", Slug: "Housing!", Name: "H"}, rankfile.EINVALID},
			"no name":              {rankfile.Body{Kind: "committee", Slug: "h2"}, rankfile.EINVALID},
			"bad kind":             {rankfile.Body{Kind: "club", Slug: "h3", Name: "H"}, rankfile.EINVALID},
			"unknown parent":       {rankfile.Body{Kind: "committee", Slug: "h4", Name: "H", ParentID: 9999}, rankfile.ENOTFOUND},
			"orphan neighborhood":  {rankfile.Body{Kind: "neighborhood_group", Slug: "h5", Name: "H", ParentID: tree["housing"].ID}, rankfile.EINVALID},
			"steering, no chapter": {rankfile.Body{Kind: "steering_committee", Slug: "h6", Name: "H"}, rankfile.EINVALID},
		} {
			if err := bodies.CreateBody(ctx, &c.body); rankfile.ErrorCode(err) != c.code {
				t.Errorf("%s: err = %v, want %s", name, err, c.code)
			}
		}
		all, _ := bodies.FindBodies(ctx, rankfile.BodyFilter{})
		if len(all) != len(tree) {
			t.Errorf("refused bodies were stored: %d bodies, want %d", len(all), len(tree))
		}
	})
}

func TestPositionsFillSeats(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		tree := chapterTree(t, db)
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		bodies := store.NewBodyService(db)
		chairs := seatsByTitle(t, db, tree["housing"])[rankfile.SeatCoChair]
		hold := func(id string, start, end string) error {
			p := &rankfile.Position{MemberID: member(t, db, id).ID, BodyID: tree["housing"].ID, SeatID: chairs.ID,
				StartOn: rankfile.MustParseDate(start)}
			if end != "" {
				p.EndOn = rankfile.MustParseDate(end)
			}
			return bodies.CreatePosition(ctx, p)
		}
		if err := hold("1", "2026-01-01", "2026-06-30"); err != nil {
			t.Fatal(err)
		}
		if err := hold("2", "2026-01-01", ""); err != nil {
			t.Fatal(err)
		}
		if err := hold("3", "2026-03-01", ""); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a third co-chair while two serve: err = %v, want ECONFLICT", err)
		}
		if err := hold("3", "2026-07-01", ""); err != nil {
			t.Errorf("a co-chair after one's term ended: %v", err)
		}
		if err := hold("2", "2026-08-01", ""); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("the same member twice: err = %v, want ECONFLICT", err)
		}
		current, _ := bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: tree["housing"].ID, ActiveOn: rankfile.MustParseDate("2026-09-01")})
		if len(current) != 2 {
			t.Errorf("co-chairs on 2026-09-01 = %d, want 2", len(current))
		}
		if err := bodies.EndPosition(ctx, current[0].ID, rankfile.MustParseDate("2025-01-01")); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("ending before the start: err = %v, want EINVALID", err)
		}
	})
}

func TestCountMembers(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		setClock(db, "2026-11-01")
		tree := chapterTree(t, db)
		importList(t, db, withLancaster, rankfile.ImportOptions{})
		loadBranches(t, db, demo.Branches())
		bodies := store.NewBodyService(db)
		for _, id := range []string{"1", "2"} {
			p := &rankfile.Position{MemberID: member(t, db, id).ID, BodyID: tree["housing"].ID, StartOn: rankfile.MustParseDate("2026-01-01")}
			if err := bodies.CreatePosition(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		counts, err := bodies.CountMembers(ctx, rankfile.Date{})
		if err != nil {
			t.Fatal(err)
		}
		for slug, want := range map[string]rankfile.MemberCount{
			"la":      {All: 4, Good: 2}, // Ana and Di are in good standing
			"central": {All: 1, Good: 1}, // Ana lives there
			"housing": {All: 2, Good: 1},
		} {
			if got := counts[tree[slug].ID]; got != want {
				t.Errorf("%s counts %+v, want %+v", slug, got, want)
			}
		}
	})
}
