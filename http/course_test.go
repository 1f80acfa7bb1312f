package http_test

import (
	"encoding/json"
	"html"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/store/storetest"
)

// courses adds the training program to the test chapter, made by the
// admin through the app as the pages do: course 1, Canvassing, and course
// 2, Power mapping, which requires it, both developed by Housing, whose
// co-chair is their founding trainer. Event 3 is a session of power
// mapping in two days (2 seats); event 4, a session of canvassing under
// way, where Mia registered and was checked in; event 5, a session of
// canvassing in three days trained by Wes, who leads no body (see
// trainerSession).
func (w *world) courses() {
	t, admin, cochair := w.t, w.actor("admin"), w.member("4").ID
	housing := w.bodies["housing"].ID
	canvass := &rankfile.Course{Title: "Canvassing", Level: "fundamental", BodyIDs: []int64{housing}, DurationMinutes: 120,
		Description: "Knocking on doors.", Materials: []rankfile.CourseMaterial{{Title: "Script", URL: "https://example.org/script"}}}
	powmap := &rankfile.Course{Title: "Power mapping", Level: "advanced", BodyIDs: []int64{housing}, ValidityMonths: 24,
		Prerequisites: []rankfile.Prerequisite{{CourseID: 1}}}
	for _, c := range []*rankfile.Course{canvass, powmap} {
		if err := w.app.CreateCourse(ctx, admin, c); err != nil {
			t.Fatal(err)
		}
		if err := w.app.RecordFoundingTrainer(ctx, admin, c.ID, cochair, "Foundingreason4"); err != nil {
			t.Fatal(err)
		}
	}
	soon := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	now := time.Now().Add(-30 * time.Minute).Truncate(time.Minute)
	for _, s := range []struct {
		course int64
		at     time.Time
	}{{2, soon}, {1, now}} {
		e := &rankfile.Event{BodyID: housing, StartsAt: s.at, EndsAt: s.at.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles",
			Audience: rankfile.AudienceMembers, Registration: true, Capacity: 2}
		if _, err := w.app.ScheduleSession(ctx, admin, s.course, e, nil, []int64{cochair}); err != nil {
			t.Fatal(err)
		}
	}
	w.trainerSession()
	reg, err := w.app.RegisterForEvent(ctx, w.actor("member"), 4)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.CheckInRegistrant(ctx, admin, 4, reg.ID); err != nil {
		t.Fatal(err)
	}
}

// courseSecrets adds the training program to the chapter, after the
// private values that count its events, and a value only the founding
// trainer and the data stewards may see: the reason the admin gave for
// recording her qualification, on her training record.
func (w *world) courseSecrets(secrets []private) []private {
	w.courses()
	return append(secrets, private{"a founding trainer's reason", "Foundingreason4", selfOrSteward("4")})
}

// TestRegisteringWithoutThePrerequisiteNamesIt registers Mia for power
// mapping before she completed canvassing: refused, naming canvassing and
// where its next session is, in English and in Spanish; the co-chair
// then lets her in with a reason, and she registers.
func TestRegisteringWithoutThePrerequisiteNamesIt(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	mia := w.client("member")
	status, page := w.do(mia, "POST", "/events/3/register", url.Values{}, "Accept-Language", "en")
	page = html.UnescapeString(page)
	if status != conflict || !strings.Contains(page, `this course requires "Canvassing" first: its next session is at /events/4`) {
		t.Fatalf("registering without canvassing: %d\n%s", status, page)
	}
	_, page = w.do(mia, "POST", "/events/3/register", url.Values{}, "Accept-Language", "es")
	if page = html.UnescapeString(page); !strings.Contains(page, `este curso requiere antes "Canvassing": su próxima sesión está en /events/4`) {
		t.Errorf("in Spanish:\n%s", page)
	}
	if _, page = w.do(mia, "GET", "/courses/2", nil, "Accept-Language", "es"); !strings.Contains(page, `href="/events/4"`) || !strings.Contains(page, "completa Canvassing") {
		t.Errorf("the course page does not link the missing course's next session:\n%s", page)
	}
	_, page = w.do(mia, "GET", "/events/3", nil, "Accept-Language", "en")
	if !strings.Contains(page, `href="/courses/2"`) || !strings.Contains(page, "Before this course, complete Canvassing.") ||
		!strings.Contains(page, `href="/events/4"`) || strings.Contains(page, `action="/events/3/register"`) {
		t.Errorf("the session's page does not say what to complete first, or still offers a seat:\n%s", page)
	}
	if status, _ := w.do(mia, "POST", "/courses/2/exceptions", url.Values{"member": {"member@example.org"}, "reason": {"x"}}); status != forbid {
		t.Errorf("Mia lets herself in: %d, want 403", status)
	}
	chen := w.client("cochair")
	if status, _ := w.do(chen, "POST", "/courses/2/exceptions", url.Values{"member": {"member@example.org"}, "reason": {""}}); status != bad {
		t.Errorf("an exception without a reason: %d, want 400", status)
	}
	if status, _ := w.do(chen, "POST", "/courses/2/exceptions", url.Values{"member": {"member@example.org"},
		"reason": {"ran canvasses in her last chapter"}}); status != moved {
		t.Fatalf("the exception: %d", status)
	}
	if _, page = w.do(mia, "GET", "/events/3", nil); !strings.Contains(page, `action="/events/3/register"`) || strings.Contains(page, "Before this course") {
		t.Errorf("let in, the session's page does not offer a seat:\n%s", page)
	}
	if status, _ := w.do(mia, "POST", "/events/3/register", url.Values{}); status != moved {
		t.Errorf("registering after the exception: %d, want 303", status)
	}
	entries, err := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{SubjectID: w.member("5").ID})
	if err != nil || !strings.Contains(auditDetails(entries), "ran canvasses in her last chapter") {
		t.Errorf("the exception is not in the audit log: %v", err)
	}
}

func auditDetails(entries []*rankfile.AuditEntry) string {
	var b strings.Builder
	for _, e := range entries {
		b.WriteString(e.Action + ": " + e.Detail + "\n")
	}
	return b.String()
}

// TestATrainerRecordsCompletion marks Mia complete at the canvassing
// session: her profile and her API record then show it, and she may
// register for power mapping without an exception.
func TestATrainerRecordsCompletion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.courses()
		chen, mia := w.client("cochair"), w.client("member")
		if status, _ := w.do(mia, "GET", "/events/4/completion", nil); status != forbid {
			t.Errorf("Mia opens the completion page: %d", status)
		}
		status, page := w.do(chen, "GET", "/events/4/completion", nil)
		if status != ok || !strings.Contains(page, "Mia Member") {
			t.Fatalf("the completion page: %d\n%s", status, page)
		}
		miaID := w.member("5").ID
		form := url.Values{"member": {strconv.FormatInt(miaID, 10)}, "outcome_" + strconv.FormatInt(miaID, 10): {"complete"}}
		if status, _ := w.do(chen, "POST", "/events/4/completion", form); status != moved {
			t.Fatalf("recording: %d", status)
		}
		if _, page := w.do(mia, "GET", "/profile", nil); !strings.Contains(page, "Canvassing") || !strings.Contains(page, "does not lapse") {
			t.Errorf("her profile does not show her training:\n%s", page)
		}
		_, body := w.doBody("GET", "/api/v1/me/training", "", "Authorization", "Bearer "+w.token("member"))
		var rec struct {
			Qualifications []struct {
				CourseTitle string `json:"course_title"`
				Valid       bool
			}
		}
		if err := json.Unmarshal([]byte(body), &rec); err != nil || len(rec.Qualifications) != 1 || !rec.Qualifications[0].Valid {
			t.Errorf("her record: %v %s", err, body)
		}
		if status, _ := w.do(mia, "POST", "/events/3/register", url.Values{}); status != moved {
			t.Errorf("registering once qualified: %d, want 303", status)
		}
		if status, page := w.do(w.client("steward"), "GET", "/members/5", nil); status != ok || !strings.Contains(page, "Canvassing") {
			t.Errorf("the steward does not see her training: %d", status)
		}
	})
}

// TestPrerequisitesKeepTheSeatsCounted registers eight members at once for
// a session of two seats whose course they may take only by exception:
// two seats taken, six on the waitlist, however the requests interleave.
func TestPrerequisitesKeepTheSeatsCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.courses()
		admin := w.actor("admin")
		var actors []*rankfile.Actor
		for _, n := range []string{"1", "2", "3", "4", "5", "6", "7", "8"} {
			if err := w.app.GrantException(ctx, admin, 2, w.member(n).ID, "tested"); err != nil {
				t.Fatal(err)
			}
			a, err := w.app.Auth.Actor(ctx, w.member(n).ID)
			if err != nil {
				t.Fatal(err)
			}
			actors = append(actors, a)
		}
		var wg sync.WaitGroup
		for _, a := range actors {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 20 { // a busy database may ask to try again
					if _, err := w.app.RegisterForEvent(ctx, a, 3); rankfile.ErrorCode(err) != rankfile.EBUSY {
						if err != nil {
							t.Error(err)
						}
						return
					}
				}
			}()
		}
		wg.Wait()
		events, err := w.app.Events.FindEvents(ctx, rankfile.EventFilter{ID: 3})
		if err != nil || events[0].Registered != 2 || events[0].Waitlisted != 6 {
			t.Errorf("seats %d, waitlist %d (%v); want 2 and 6", events[0].Registered, events[0].Waitlisted, err)
		}
	})
}

// TestTrainingPagesAreWhollySpanish reads the training program's pages in
// Spanish, as the member, the trainer and a data steward see them: what
// the chapter typed (the courses' titles and descriptions) aside, no
// English.
func TestTrainingPagesAreWhollySpanish(t *testing.T) {
	english := englishOnlyWords(t)
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	// Seats' titles are the chapter's too, as its bylaws name them.
	typed := strings.NewReplacer("Canvassing", "", "Power mapping", "", "Knocking on doors.", "", "Script", "",
		"Co-coordinator", "", "Neighborhood captain", "", "Co-chair", "")
	for role, paths := range map[string][]string{
		"member":  {"/courses", "/courses/1", "/courses/2", "/profile"},
		"cochair": {"/courses/1", "/courses/2", "/courses/1/edit", "/courses/2/sessions/new", "/events/4/completion", "/courses/new"},
		"steward": {"/members/5"},
		"admin":   {"/courses", "/courses/levels", "/courses/requirements", "/events/4"},
	} {
		c := w.client(role)
		for _, p := range paths {
			status, page := w.do(c, "GET", p, nil, "Cookie", "rankfile_lang=es")
			if status != ok || locale.MissingMarker(page) {
				t.Errorf("%s as %q: status %d, missing message %v", p, role, status, locale.MissingMarker(page))
			}
			if found := englishIn(english, typed.Replace(readable(page))); len(found) > 0 {
				t.Errorf("%s as %q shows English: %s", p, role, strings.Join(found, ", "))
			}
		}
	}
}

// TestALapsingQualificationIsToldOnce moves the chapter's clock to a
// fortnight before the co-chair's power mapping qualification lapses: she
// gets one email naming it, however often the clock runs.
func TestALapsingQualificationIsToldOnce(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	today := w.app.Today()
	w.shift = today.AddMonths(24).AddDays(-14).Time(time.UTC).Sub(today.Time(time.UTC))
	for i, want := range []int{1, 0} {
		if n, err := w.app.QueueLapseNotices(ctx); err != nil || n != want {
			t.Errorf("run %d queued %d, %v; want %d", i, n, err, want)
		}
	}
	if _, err := w.app.SendOutbox(ctx, w.srv.URL); err != nil {
		t.Fatal(err)
	}
	msg := w.smtp.Wait(t, "cochair@example.org", 5*time.Second)
	if !strings.Contains(msg.Text, "Power mapping") || strings.Contains(msg.Text, "Canvassing") || !strings.Contains(msg.Text, "/courses") {
		t.Errorf("the email:\n%s", msg.Text)
	}
}

// TestTheCatalogueGivesEachCoursesNextSession checks that the catalogue
// links each course's next session, so that a member need not open every
// course to find one, and says when a course has none.
func TestTheCatalogueGivesEachCoursesNextSession(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.courses()
	admin := w.actor("admin")
	if err := w.app.CreateCourse(ctx, admin, &rankfile.Course{Title: "Public speaking", Level: "fundamental", BodyIDs: []int64{w.bodies["housing"].ID}}); err != nil {
		t.Fatal(err)
	}
	_, page := w.do(w.client("member"), "GET", "/courses", nil, "Accept-Language", "en")
	for _, want := range []string{`href="/events/3"`, `href="/events/4"`, "No session scheduled yet."} {
		if !strings.Contains(page, want) {
			t.Errorf("the catalogue lacks %s:\n%s", want, page)
		}
	}
}
