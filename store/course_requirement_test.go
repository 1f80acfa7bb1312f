package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestASeatRequiringACourseRefusesWhoLacksIt makes the labor committee's
// canvass lead seat require power mapping: Ana, who never took it, and
// Bo, whose qualification lapsed, are refused with the course and their
// standing named, and nothing is stored; Cleo, qualified, is seated.
func TestASeatRequiringACourseRefusesWhoLacksIt(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCourseWorld(t, db)
		bodies := store.NewBodyService(db)
		labor := w.tree["labor"].ID
		seat := &rankfile.Seat{BodyID: labor, Title: "Canvass lead", Count: 1, FilledBy: rankfile.FilledByElection, ElectorateBodyID: labor}
		if err := bodies.CreateSeat(ctx, seat); err != nil {
			t.Fatal(err)
		}
		if err := w.s.SetCourseRequirement(ctx, &rankfile.CourseRequirement{SeatID: seat.ID, CourseID: w.powmap.ID}); err != nil {
			t.Fatal(err)
		}
		ana, bo, cleo := w.m["1"], w.m["2"], w.m["3"]
		setClock(db, "2025-01-10")
		if err := w.s.RecordFoundingTrainer(ctx, w.powmap.ID, bo.ID, "founded the course"); err != nil {
			t.Fatal(err)
		}
		setClock(db, "2027-02-01")
		if err := w.s.RecordFoundingTrainer(ctx, w.powmap.ID, cleo.ID, "came from another chapter"); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			m    *rankfile.Member
			want string
		}{
			{ana, `the seat "Canvass lead" requires the course "Power mapping", which ` + ana.FullName() + ` has never completed`},
			{bo, `the seat "Canvass lead" requires the course "Power mapping", and ` + bo.FullName() + `'s qualification lapsed on 2027-01-10`},
		} {
			p := &rankfile.Position{MemberID: c.m.ID, BodyID: labor, SeatID: seat.ID, StartOn: rankfile.MustParseDate("2027-02-01")}
			if err := bodies.CreatePosition(ctx, p); rankfile.ErrorCode(err) != rankfile.ECONFLICT || rankfile.ErrorMessage(err) != c.want {
				t.Errorf("seating %s: %v; want ECONFLICT %q", c.m.FirstName, err, c.want)
			}
		}
		if held, _ := bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: labor}); len(held) != 0 {
			t.Errorf("a refused position was stored: %+v", held[0])
		}
		if err := bodies.CreatePosition(ctx, &rankfile.Position{MemberID: cleo.ID, BodyID: labor, SeatID: seat.ID,
			StartOn: rankfile.MustParseDate("2027-02-01")}); err != nil {
			t.Errorf("seating Cleo, qualified: %v", err)
		}
		// Belonging to the committee requires nothing.
		if err := bodies.CreatePosition(ctx, &rankfile.Position{MemberID: ana.ID, BodyID: labor, StartOn: rankfile.MustParseDate("2027-02-01")}); err != nil {
			t.Errorf("Ana joins the committee: %v", err)
		}
	})
}

// TestACanvassLeadMustHoldTheCourse makes canvasses' leads require
// canvassing: naming Ana, who never took it, among a canvass's leads is
// refused and stores none of them; once she holds it she leads it, and
// the requirement, listed, can be lifted.
func TestACanvassLeadMustHoldTheCourse(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		w := newCourseWorld(t, db)
		events := store.NewEventService(db)
		ana, bo := w.m["1"], w.m["2"]
		rule := &rankfile.CourseRequirement{EventKind: rankfile.EventCanvass, CourseID: w.canvass.ID}
		if err := w.s.SetCourseRequirement(ctx, rule); err != nil {
			t.Fatal(err)
		}
		if err := w.s.SetCourseRequirement(ctx, &rankfile.CourseRequirement{EventKind: "picnic", CourseID: w.canvass.ID}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("an unknown kind: %v, want EINVALID", err)
		}
		at := time.Date(2026, 12, 5, 17, 0, 0, 0, time.UTC)
		e := &rankfile.Event{BodyID: w.tree["labor"].ID, Kind: rankfile.EventCanvass, Title: "Canvass", StartsAt: at, EndsAt: at.Add(3 * time.Hour),
			Zone: "UTC", Address: "Echo Park", Audience: rankfile.AudienceMembers}
		if err := events.CreateEvents(ctx, []*rankfile.Event{e}, nil); err != nil {
			t.Fatal(err)
		}
		if err := w.s.RecordFoundingTrainer(ctx, w.canvass.ID, bo.ID, "wrote the course"); err != nil {
			t.Fatal(err)
		}
		err := events.SetEventLeads(ctx, e.ID, []int64{bo.ID, ana.ID})
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), `"Canvassing", which `+ana.FullName()+` has never completed`) {
			t.Errorf("Ana leads: %v, want ECONFLICT naming the course", err)
		}
		if leads, _ := events.EventLeads(ctx, e.ID); len(leads) != 0 {
			t.Errorf("refused leads were stored: %+v", leads)
		}
		if err := events.SetEventLeads(ctx, e.ID, []int64{bo.ID}); err != nil {
			t.Fatal(err)
		}
		if leads, err := events.EventLeads(ctx, e.ID); err != nil || len(leads) != 1 || leads[0].Name != bo.FullName() {
			t.Errorf("leads = %+v, %v; want Bo", leads, err)
		}
		rules, err := w.s.CourseRequirements(ctx)
		if err != nil || len(rules) != 1 || rules[0].CourseTitle != "Canvassing" || rules[0].EventKind != rankfile.EventCanvass {
			t.Errorf("requirements = %+v, %v", rules, err)
		}
		rule.CourseID = 0
		if err := w.s.SetCourseRequirement(ctx, rule); err != nil {
			t.Fatal(err)
		}
		if err := events.SetEventLeads(ctx, e.ID, []int64{ana.ID}); err != nil {
			t.Errorf("Ana leads once the requirement is lifted: %v", err)
		}
	})
}
