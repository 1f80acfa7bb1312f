package app_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/roster"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// seatWorld is two branches, each with a neighborhood group and a
// co-coordinator, and two committees, each with a co-chair.
type seatWorld struct {
	t      *testing.T
	db     *store.DB
	app    *app.App
	now    time.Time
	bodies map[string]*rankfile.Body
}

// seatList: 1 coordinates Central, 2 Westside; 3 chairs Housing, 4
// Labor; 5 is a member in Central, 6 has lapsed there, 7 lives Westside.
const seatList = "actionkit_id,first_name,last_name,email,mailing_zip,xdate,membership_status\n" +
	"1,Cora,Central,cora@example.org,90026,2030-01-01,Member in Good Standing\n" +
	"2,Wes,West,wes@example.org,90401,2030-01-01,Member in Good Standing\n" +
	"3,Hana,Housing,hana@example.org,90026,2030-01-01,Member in Good Standing\n" +
	"4,Lee,Labor,lee@example.org,90401,2030-01-01,Member in Good Standing\n" +
	"5,Mia,Member,mia@example.org,90026,2030-01-01,Member in Good Standing\n" +
	"6,Lupe,Lapsed,lupe@example.org,90026,2020-01-01,Lapsed\n" +
	"7,Val,Venice,val@example.org,90401,2030-01-01,Member in Good Standing\n"

func newSeatWorld(t *testing.T, dsn string) *seatWorld {
	db := storetest.Open(t, dsn)
	la, _ := time.LoadLocation("America/Los_Angeles")
	w := &seatWorld{t: t, db: db, now: time.Date(2026, 11, 2, 12, 0, 0, 0, la), bodies: map[string]*rankfile.Body{}}
	db.Zone, db.Now = la, func() time.Time { return w.now }
	w.app = newApp(db)
	src, _ := roster.NewReader(strings.NewReader(seatList))
	if _, err := w.app.Roster.ImportRoster(ctx, src, rankfile.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	chapter := w.body(rankfile.KindChapter, "chapter", 0)
	if _, err := w.app.Branches.LoadBranches(ctx, demo.Branches(), rankfile.BranchOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{"central", "westside"} {
		w.bodies[slug], _ = w.app.Bodies.FindBody(ctx, rankfile.BodyFilter{Slug: slug})
	}
	w.body(rankfile.KindNeighborhoodGroup, "echo-park", w.bodies["central"].ID)
	w.body(rankfile.KindNeighborhoodGroup, "venice", w.bodies["westside"].ID)
	w.body(rankfile.KindCommittee, "housing", chapter.ID)
	w.body(rankfile.KindCommittee, "labor", chapter.ID)
	w.hold("central", 1)
	w.hold("westside", 2)
	w.hold("housing", 3)
	w.hold("labor", 4)
	return w
}

func (w *seatWorld) body(kind rankfile.BodyKind, slug string, parent int64) *rankfile.Body {
	b := &rankfile.Body{Kind: kind, Slug: slug, Name: slug, ParentID: parent}
	if err := w.app.Bodies.CreateBody(ctx, b); err != nil {
		w.t.Fatal(err)
	}
	w.bodies[slug] = b
	return b
}

func (w *seatWorld) seat(slug string) *rankfile.Seat {
	seats, err := w.app.Bodies.FindSeats(ctx, w.bodies[slug].ID)
	if err != nil || len(seats) != 1 {
		w.t.Fatalf("seats of %s: %v, %v", slug, seats, err)
	}
	return seats[0]
}

// hold puts member n in the body's one seat from a month ago.
func (w *seatWorld) hold(slug string, n int) {
	p := &rankfile.Position{MemberID: w.member(n).ID, BodyID: w.bodies[slug].ID, SeatID: w.seat(slug).ID,
		StartOn: rankfile.DateOf(w.now).AddDays(-30)}
	if err := w.app.Bodies.CreatePosition(ctx, p); err != nil {
		w.t.Fatal(err)
	}
}

func (w *seatWorld) member(n int) *rankfile.Member {
	m, err := w.app.Members.FindMember(ctx, rankfile.MemberFilter{NationalID: strconv.Itoa(n)})
	if err != nil {
		w.t.Fatal(err)
	}
	return m
}

func (w *seatWorld) actor(n int) *rankfile.Actor {
	a, err := w.app.Auth.Actor(ctx, w.member(n).ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return a
}

func TestAppointmentsFollowTheBylaws(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		captains := w.seat("echo-park").ID
		for _, c := range []struct {
			what   string
			actor  int
			member int
			want   string
		}{
			{"a co-coordinator of another branch", 2, 5, rankfile.EFORBIDDEN},
			{"a member", 5, 5, rankfile.EFORBIDDEN},
			{"a co-chair of a committee", 3, 5, rankfile.EFORBIDDEN},
			{"the co-coordinator, a member of another branch", 1, 7, rankfile.ENOTFOUND},
			{"the co-coordinator, a lapsed member", 1, 6, rankfile.EINVALID},
			{"the co-coordinator, a member of the branch", 1, 5, ""},
			{"the co-coordinator, the same member again", 1, 5, rankfile.ECONFLICT},
		} {
			_, err := w.app.Appoint(ctx, w.actor(c.actor), "echo-park", captains, w.member(c.member).ID)
			if got := rankfile.ErrorCode(err); (c.want == "" && err != nil) || (c.want != "" && got != c.want) {
				t.Errorf("%s appoints: %v, want %q", c.what, err, c.want)
			}
		}
		if _, err := w.app.Appoint(ctx, w.actor(1), "central", w.seat("central").ID, w.member(5).ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a co-coordinator appointing to their own elected seat: %v, want EFORBIDDEN", err)
		}
		held, _ := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{SeatID: captains})
		if len(held) != 1 {
			t.Fatalf("captains: %d, want 1", len(held))
		}
		if err := w.app.Remove(ctx, w.actor(2), "echo-park", held[0].ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("another branch's co-coordinator removes: %v, want EFORBIDDEN", err)
		}
		if err := w.app.Remove(ctx, w.actor(1), "venice", held[0].ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("removing through another body: %v, want ENOTFOUND", err)
		}
		if err := w.app.Remove(ctx, w.actor(1), "echo-park", held[0].ID); err != nil {
			t.Errorf("the co-coordinator removes: %v", err)
		}
	})
}

func TestCochairsManageOnlyTheirBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		hana := w.actor(3)
		if _, err := w.app.AddMember(ctx, hana, "housing", w.member(5).ID); err != nil {
			t.Fatalf("adding to their committee: %v", err)
		}
		if _, err := w.app.AddMember(ctx, hana, "labor", w.member(5).ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("adding to another committee: %v, want EFORBIDDEN", err)
		}
		if _, err := w.app.AddMember(ctx, w.actor(1), "central", w.member(5).ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("adding to a branch: %v, want EFORBIDDEN", err)
		}
		if _, err := w.app.AddMember(ctx, w.actor(4), "labor", w.member(7).ID); err != nil {
			t.Fatal(err)
		}
		labor, _ := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: w.bodies["labor"].ID, MemberID: w.member(7).ID})
		if err := w.app.Remove(ctx, hana, "labor", labor[0].ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("removing from another committee: %v, want EFORBIDDEN", err)
		}
		if _, err := w.app.Removal(ctx, hana, "housing", w.positionOf(t, "housing", 3)); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a co-chair removing themselves from their elected seat: %v, want EFORBIDDEN", err)
		}
	})
}

func (w *seatWorld) positionOf(t *testing.T, slug string, n int) int64 {
	ps, err := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: w.bodies[slug].ID, MemberID: w.member(n).ID})
	if err != nil || len(ps) == 0 {
		t.Fatalf("%d's position in %s: %v", n, slug, err)
	}
	return ps[0].ID
}

// TestATermsEndIsToldOnce lets Housing's co-chair's term come within 30
// days of its end: the server's clock queues a notice to Housing's
// leaders, the outbox sends it, and the clock's next runs send nothing
// more.
func TestATermsEndIsToldOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		srv := mailtest.Start(t)
		m, err := mail.NewSMTP(srv.Config())
		if err != nil {
			t.Fatal(err)
		}
		w.app.Mailer = m
		if n, err := w.app.QueueTermNotices(ctx); err != nil || n != 0 {
			t.Fatalf("a month into the terms: %d notices (%v), want none", n, err)
		}
		w.now = w.now.AddDate(0, 11, -10) // the terms began a month ago and last a year
		if n, err := w.app.QueueTermNotices(ctx); err != nil || n != 4 {
			t.Fatalf("queued %d (%v), want 4: each of the four seats' holder, the body's only leader", n, err)
		}
		if sent, err := w.app.SendOutbox(ctx, "https://rankfile.example"); err != nil || sent != 4 {
			t.Fatalf("sent %d, %v; want 4", sent, err)
		}
		msg := srv.Wait(t, "hana@example.org", 5*time.Second)
		if !strings.Contains(msg.Subject, "Co-chair") || !strings.Contains(msg.Text, "Hana Housing") ||
			!strings.Contains(msg.Text, "https://rankfile.example/bodies/housing") {
			t.Errorf("the notice:\n%s\n%s", msg.Subject, msg.Text)
		}
		w.now = w.now.Add(24 * time.Hour)
		if n, err := w.app.QueueTermNotices(ctx); err != nil || n != 0 {
			t.Errorf("the next day's run queued %d (%v), want 0", n, err)
		}
		if sent, err := w.app.SendOutbox(ctx, "https://rankfile.example"); err != nil || sent != 0 {
			t.Errorf("the next day's run sent %d (%v), want 0", sent, err)
		}
	})
}
