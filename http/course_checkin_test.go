package http_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// trainerSession makes Wes, of the Westside branch, who leads no body, a
// founding trainer of canvassing and the trainer of event 5, a session of
// it hosted by Housing in three days.
func (w *world) trainerSession() {
	admin, wes := w.actor("admin"), w.member("6").ID
	if err := w.app.RecordFoundingTrainer(ctx, admin, 1, wes, "trained canvassers in Oakland"); err != nil {
		w.t.Fatal(err)
	}
	w.session(1, rankfile.AudienceMembers, wes)
}

// session schedules a session of a course hosted by Housing in three days,
// with ten seats, for the audience given and trained by trainer.
func (w *world) session(course int64, audience rankfile.Audience, trainer int64) int64 {
	at := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
	e := &rankfile.Event{BodyID: w.bodies["housing"].ID, StartsAt: at, EndsAt: at.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles",
		Audience: audience, Registration: true, Capacity: 10}
	if _, err := w.app.ScheduleSession(ctx, w.actor("admin"), course, e, nil, []int64{trainer}); err != nil {
		w.t.Fatal(err)
	}
	return e.ID
}

// TestATrainerChecksInAtTheirSession has Wes, who leads no body, run the
// door of the session he trains: the event's page links the check-in page,
// which lists the registrations and checks Mia in, by the page and the
// API; he may not edit or cancel it. Hal, a member of its host, who does
// not train it, is refused the door.
func TestATrainerChecksInAtTheirSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.courses()
		reg, err := w.app.RegisterForEvent(ctx, w.actor("member"), 5)
		if err != nil {
			t.Fatal(err)
		}
		wes := w.client("other-branch")
		if _, page := w.do(wes, "GET", "/events/5", nil); !strings.Contains(page, `href="/events/5/host"`) || strings.Contains(page, `href="/events/5/edit"`) ||
			!strings.Contains(page, "You give this session") || strings.Contains(page, `action="/events/5/register"`) {
			t.Errorf("the trainer's event page should link the door, say he gives it, and offer no seat nor the editing:\n%s", page)
		}
		if status, page := w.do(wes, "GET", "/events/5/host", nil); status != ok || !strings.Contains(page, "Mia Member") {
			t.Fatalf("the trainer's check-in page: %d\n%s", status, page)
		}
		form := url.Values{"registration": {strconv.FormatInt(reg.ID, 10)}}
		if status, _ := w.do(wes, "POST", "/events/5/host/check-in", form); status != moved {
			t.Fatalf("the trainer checks Mia in: %d", status)
		}
		if status, _ := w.doBody("GET", "/api/v1/events/5/registrations", "", "Authorization", "Bearer "+w.token("other-branch")); status != ok {
			t.Errorf("the trainer's registrations through the API: %d", status)
		}
		for _, p := range []string{"/events/5/edit"} {
			if status, _ := w.do(wes, "GET", p, nil); status != forbid {
				t.Errorf("the trainer opens %s: %d, want 403", p, status)
			}
		}
		if status, _ := w.do(wes, "POST", "/events/5/cancel", url.Values{}); status != forbid {
			t.Errorf("the trainer cancels the session: %d, want 403", status)
		}
		hal := w.client("housing")
		for _, p := range []string{"/events/5/host"} {
			if status, _ := w.do(hal, "GET", p, nil); status != forbid {
				t.Errorf("a member who does not train it opens %s: %d, want 403", p, status)
			}
		}
		if status, _ := w.do(hal, "POST", "/events/5/host/check-in", url.Values{"member": {strconv.FormatInt(w.member("8").ID, 10)}}); status != forbid {
			t.Errorf("a member who does not train it checks in: %d, want 403", status)
		}
		_, regs, err := w.app.EventRegistrations(ctx, w.actor("admin"), 5)
		if err != nil || len(regs) != 1 || !regs[0].Attended() {
			t.Errorf("after the door: %v, %v; want Mia checked in alone", regs, err)
		}
	})
}

// TestATrainerSeesTheSessionOfABodyTheyAreNotIn schedules a session for
// Housing's members only, trained by Wes, who is not one: he opens its
// page, its door, its completion and its feedback; Mia, not a member of
// Housing, still finds none of them.
func TestATrainerSeesTheSessionOfABodyTheyAreNotIn(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	id := strconv.FormatInt(w.session(1, rankfile.AudienceBody, w.member("6").ID), 10)
	wes, mia := w.client("other-branch"), w.client("member")
	for _, p := range []string{"/events/" + id, "/events/" + id + "/host", "/events/" + id + "/completion", "/events/" + id + "/feedback/results"} {
		if status, _ := w.do(wes, "GET", p, nil); status != ok {
			t.Errorf("the trainer opens %s: %d", p, status)
		}
		if status, _ := w.do(mia, "GET", p, nil); status != notFound {
			t.Errorf("Mia opens %s: %d, want 404", p, status)
		}
	}
}

// TestATrainerAddsWalkInsOnlyAroundTheSession has Wes, who leads no body,
// look members up at the door: three days before his session he is told
// when he may, and finds nobody; at a session of his an hour away he
// finds Hal and checks him in.
func TestATrainerAddsWalkInsOnlyAroundTheSession(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	wes := w.client("other-branch")
	status, page := w.do(wes, "GET", "/events/5/host?q=Hal", nil)
	if status != ok || !strings.Contains(page, "two hours before it starts") || strings.Contains(page, `name="member"`) {
		t.Errorf("three days before: %d\n%s", status, page)
	}
	at := time.Now().Add(time.Hour).Truncate(time.Minute)
	e := &rankfile.Event{BodyID: w.bodies["housing"].ID, StartsAt: at, EndsAt: at.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles",
		Audience: rankfile.AudienceMembers, Registration: true, Capacity: 10}
	if _, err := w.app.ScheduleSession(ctx, w.actor("admin"), 1, e, nil, []int64{w.member("6").ID}); err != nil {
		t.Fatal(err)
	}
	id := strconv.FormatInt(e.ID, 10)
	if _, page := w.do(wes, "GET", "/events/"+id+"/host?q=Hal", nil); !strings.Contains(page, `name="member"`) {
		t.Fatalf("an hour before, the trainer finds nobody:\n%s", page)
	}
	if status, _ := w.do(wes, "POST", "/events/"+id+"/host/check-in", url.Values{"member": {strconv.FormatInt(w.member("8").ID, 10)}}); status != moved {
		t.Errorf("an hour before, the trainer checks Hal in: %d", status)
	}
}
