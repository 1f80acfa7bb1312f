package http_test

import (
	"html"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestAnAppointmentNeedsTheSeatsCourse has the admin make Echo Park's
// captains' seat (8) require canvassing on the requirements page: Cora
// appointing Mia, who came to a session but was never marked complete, is
// refused naming the course, in English and Spanish, and she is not
// seated; once her trainer records her complete, the appointment stands.
func TestAnAppointmentNeedsTheSeatsCourse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.courses()
		admin := w.client("admin")
		if status, _ := w.do(admin, "POST", "/courses/requirements", url.Values{"role": {"seat-8"}, "course": {"1"}}); status != moved {
			t.Fatalf("setting the requirement: %d", status)
		}
		if _, page := w.do(admin, "GET", "/courses/requirements", nil); !strings.Contains(page, "Neighborhood captain of Echo Park") ||
			!strings.Contains(page, "<strong>Canvassing</strong>") {
			t.Errorf("the requirements page does not list it:\n%s", page)
		}
		cora, mia := w.client("coordinator"), w.member("5")
		form := url.Values{"member": {strconv.FormatInt(mia.ID, 10)}}
		status, page := w.do(cora, "POST", "/bodies/echo-park/seats/8/appoint", form, "Accept-Language", "en")
		want := `the seat "Neighborhood captain" requires the course "Canvassing", which Mia Member has never completed`
		if status != conflict || !strings.Contains(html.UnescapeString(page), want) {
			t.Fatalf("appointing Mia: %d, want 409 saying %q\n%s", status, want, page)
		}
		_, page = w.do(cora, "POST", "/bodies/echo-park/seats/8/appoint", form, "Accept-Language", "es")
		if want := `el puesto "Neighborhood captain" requiere el curso "Canvassing", que Mia Member nunca ha completado`; !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("in Spanish, want %q:\n%s", want, page)
		}
		if held, _ := w.app.Bodies.FindPositions(ctx, rankfile.PositionFilter{BodyID: w.bodies["echo-park"].ID}); len(held) != 0 {
			t.Fatalf("a refused appointment was stored: %+v", held[0])
		}
		if err := w.app.RecordCompletions(ctx, w.actor("cochair"), 4, []rankfile.SessionOutcome{{MemberID: mia.ID, Outcome: rankfile.OutcomeComplete}}); err != nil {
			t.Fatal(err)
		}
		if status, _ := w.do(cora, "POST", "/bodies/echo-park/seats/8/appoint", form); status != moved {
			t.Errorf("appointing Mia once qualified: %d, want 303", status)
		}
	})
}

// TestACanvassLeadHoldsTheCourse makes canvasses' leads require
// canvassing: Housing's co-chair names Mia a lead of Housing's canvass and
// is refused naming the course; he names himself, a founding trainer, and
// Mia reads his name among the leads on the event's page, which someone
// not signed in does not see.
func TestACanvassLeadHoldsTheCourse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.courses()
		if err := w.app.SetCourseRequirement(ctx, w.actor("admin"), &rankfile.CourseRequirement{EventKind: rankfile.EventCanvass, CourseID: 1}); err != nil {
			t.Fatal(err)
		}
		at := time.Now().Add(96 * time.Hour).Truncate(time.Minute)
		events, err := w.app.CreateEvent(ctx, w.actor("cochair"), &rankfile.Event{BodyID: w.bodies["housing"].ID, Kind: rankfile.EventCanvass,
			Title: "Tenant canvass", StartsAt: at, EndsAt: at.Add(3 * time.Hour), Address: "Echo Park Ave", Audience: rankfile.AudiencePublic}, nil)
		if err != nil {
			t.Fatal(err)
		}
		path := "/events/" + strconv.FormatInt(events[0].ID, 10)
		chen := w.client("cochair")
		status, page := w.do(chen, "POST", path+"/leads", url.Values{"member": {"member@example.org"}})
		if want := `leading this event requires the course "Canvassing", which Mia Member has never completed`; status != conflict || !strings.Contains(html.UnescapeString(page), want) {
			t.Fatalf("naming Mia: %d, want 409 saying %q\n%s", status, want, page)
		}
		if status, _ := w.do(chen, "POST", path+"/leads", url.Values{"member": {"cochair@example.org"}}); status != moved {
			t.Fatalf("naming himself: %d", status)
		}
		if _, page := w.do(w.client("member"), "GET", path, nil); !strings.Contains(page, "Chen Cochair") || strings.Contains(page, "Mia Member</li>") {
			t.Errorf("Mia does not read the lead:\n%s", page)
		}
		if _, page := w.do(w.client(""), "GET", path, nil); strings.Contains(page, "Chen Cochair") {
			t.Errorf("someone not signed in reads the lead's name")
		}
		if status, _ := w.do(w.client("member"), "POST", path+"/leads", url.Values{"member": {"member@example.org"}}); status != forbid {
			t.Errorf("Mia names a lead: %d, want 403", status)
		}
	})
}

// TestACourseNotOfferedIsToldToItsOwners moves the chapter's clock to a
// quarter with no session of either course: a day into it nothing is
// flagged; from the first of its second month both courses are, once,
// and Housing's co-chair, who leads the body that develops them, gets one
// email naming both and reads them on the catalogue; Mia reads neither.
func TestACourseNotOfferedIsToldToItsOwners(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	today := w.app.Today()
	later := rankfile.QuarterOf(today).Next().Next()
	moveTo := func(d rankfile.Date) {
		w.shift = d.Time(w.db.Zone).Add(12 * time.Hour).Sub(today.Time(w.db.Zone).Add(12 * time.Hour))
	}
	moveTo(later.Start().AddDays(1))
	if n, err := w.app.QueueUnofferedCourses(ctx); err != nil || n != 0 {
		t.Errorf("a day into the quarter: flagged %d, %v; want none yet", n, err)
	}
	moveTo(later.FlagFrom().AddDays(2))
	for i, want := range []int{2, 0} {
		if n, err := w.app.QueueUnofferedCourses(ctx); err != nil || n != want {
			t.Errorf("run %d flagged %d, %v; want %d", i, n, err, want)
		}
	}
	if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
		t.Fatal(err)
	}
	msg := w.smtp.Wait(t, "cochair@example.org", 5*time.Second)
	if !strings.Contains(msg.Text, "Canvassing") || !strings.Contains(msg.Text, "Power mapping") || !strings.Contains(msg.Text, "/courses/1") {
		t.Errorf("the email:\n%s", msg.Text)
	}
	if _, page := w.do(w.client("cochair"), "GET", "/courses", nil); !strings.Contains(page, "Not offered this quarter") {
		t.Errorf("the co-chair's catalogue does not flag them:\n%s", page)
	}
	if _, page := w.do(w.client("member"), "GET", "/courses", nil); strings.Contains(page, "Not offered this quarter") {
		t.Errorf("Mia's catalogue flags them")
	}
}
