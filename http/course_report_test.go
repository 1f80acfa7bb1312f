package http_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store/storetest"
)

// trainingYear adds to w.courses a session of canvassing (course 1) that
// ended a moment ago, where members 3 to 8 walked in, 3 completed, 4 came
// to part and 6 was recorded absent, and members 4 to 3+answers answered
// its feedback; and course 3, Phone banking, developed by Labor (which
// Housing's co-chair does not lead), with a session held today that
// Walt (6) registered for and did not come to. It returns the session of
// canvassing.
func (w *world) trainingYear(answers int) int64 {
	w.t.Helper()
	w.courses()
	admin := w.actor("admin")
	labor := w.body(&rankfile.Body{Kind: rankfile.KindCommittee, Slug: "labor", Name: "Labor", ParentID: w.bodies["housing"].ParentID})
	phone := &rankfile.Course{Title: "Phone banking", Level: "fundamental", BodyIDs: []int64{labor.ID}}
	if err := w.app.CreateCourse(ctx, admin, phone); err != nil {
		w.t.Fatal(err)
	}
	if err := w.app.RecordFoundingTrainer(ctx, admin, phone.ID, w.member("1").ID, "wrote it"); err != nil {
		w.t.Fatal(err)
	}
	start := time.Now().Add(w.shift + time.Hour).Truncate(time.Minute)
	e := w.reportSession(1, start, []int64{w.member("4").ID})
	for n := 3; n <= 8; n++ {
		if _, err := w.app.CheckInWalkIn(ctx, admin, e.ID, rankfile.Registrant{MemberID: w.member(fmt.Sprint(n)).ID}); err != nil {
			w.t.Fatal(err)
		}
	}
	phoneSession := w.reportSession(phone.ID, start, []int64{w.member("1").ID})
	if _, err := w.app.RegisterForEvent(ctx, w.actor("other-branch"), phoneSession.ID); err != nil {
		w.t.Fatal(err)
	}
	w.shift += 3*time.Hour + time.Minute
	if err := w.app.RecordCompletions(ctx, admin, e.ID, []rankfile.SessionOutcome{{MemberID: w.member("3").ID, Outcome: rankfile.OutcomeComplete},
		{MemberID: w.member("4").ID, Outcome: rankfile.OutcomePartial}, {MemberID: w.member("6").ID, Outcome: rankfile.OutcomeAbsent}}); err != nil {
		w.t.Fatal(err)
	}
	for n := 4; n < 4+answers; n++ {
		w.answer(e.ID, n)
	}
	return e.ID
}

// reportSession schedules a session of a course at start, for two hours.
func (w *world) reportSession(courseID int64, start time.Time, trainers []int64) *rankfile.Event {
	w.t.Helper()
	c, err := w.app.Course(ctx, w.actor("admin"), courseID)
	if err != nil {
		w.t.Fatal(err)
	}
	events, err := w.app.ScheduleSession(ctx, w.actor("admin"), courseID, &rankfile.Event{BodyID: c.Course.BodyIDs[0], StartsAt: start,
		EndsAt: start.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles", Audience: rankfile.AudienceMembers, Registration: true}, nil, trainers)
	if err != nil {
		w.t.Fatal(err)
	}
	return events[0]
}

// answer gives member n's feedback on the event: useful 5, facilitated 4,
// ready 1+n%5.
func (w *world) answer(eventID int64, n int) {
	w.t.Helper()
	in := app.FeedbackInput{Scores: []int{5, 4, 1 + n%5}, Text: fmt.Sprintf("Secret text %d", n)}
	if err := w.app.GiveFeedback(ctx, &rankfile.Actor{Member: w.member(fmt.Sprint(n))}, eventID, in); err != nil {
		w.t.Fatal(err)
	}
}

// TestTheTrainingReportShowsOwnersTheirCourses: a plain member may not
// see the report; Housing's co-chair sees her courses' rows and not
// Labor's; the admin sees every course. Canvassing this quarter is event
// 4 (Mia, checked in) and the session above (six walk-ins): 2 sessions,
// 7 registered and checked in, 1 complete, 1 partial, 1 absent.
func TestTheTrainingReportShowsOwnersTheirCourses(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.trainingYear(5)
	q := rankfile.QuarterOf(rankfile.DateOf(time.Now().Add(w.shift).In(w.app.Zone))).String()
	member := w.client("member")
	for _, path := range []string{"/training/report", "/training/report.csv?table=courses"} {
		if status, _ := w.do(member, "GET", path, nil); status != http.StatusForbidden {
			t.Errorf("a plain member: %s %d, want 403", path, status)
		}
	}
	if _, page := w.do(member, "GET", "/courses", nil); strings.Contains(page, `href="/training/report"`) {
		t.Errorf("a plain member is offered the report")
	}
	cochair := w.client("cochair")
	if _, page := w.do(cochair, "GET", "/courses", nil); !strings.Contains(page, `href="/training/report"`) {
		t.Errorf("the co-chair is not offered the report")
	}
	head := "quarter,course_id,course,level,sessions,registered,checked_in,complete,partial,absent,no_shows,completion_rate,no_show_rate\n"
	canvassing := q + ",1,Canvassing,fundamental,2,7,7,1,1,1,0,0.143,0.000\n"
	status, csv := w.do(cochair, "GET", "/training/report.csv?table=courses", nil)
	if status != http.StatusOK || csv != head+canvassing {
		t.Errorf("the co-chair's courses: %d\n%s\nwant\n%s", status, csv, head+canvassing)
	}
	if _, page := w.do(cochair, "GET", "/training/report", nil); !strings.Contains(page, "Canvassing") || strings.Contains(page, "Phone banking") {
		t.Errorf("the co-chair's page shows another committee's course, or not hers:\n%s", page)
	}
	phone := q + ",3,Phone banking,fundamental,1,1,0,0,0,0,1,0.000,1.000\n"
	if _, csv := w.do(w.client("admin"), "GET", "/training/report.csv?table=courses", nil); csv != head+canvassing+phone {
		t.Errorf("the admin's courses:\n%s\nwant\n%s", csv, head+canvassing+phone)
	}
	trained := "quarter,branch,level,members_trained\n" + q + ",central,fundamental,1\n" + q + ",central,*,1\n" +
		q + ",*,fundamental,1\n" + q + ",*,*,1\n"
	if _, csv := w.do(cochair, "GET", "/training/report.csv?table=trained", nil); csv != trained {
		t.Errorf("members trained:\n%s\nwant\n%s", csv, trained)
	}
}

// TestTheTrainingReportShowsFeedbackFromFiveAnswers: four answers show
// nothing, on the page, in the CSV or through the API; a fifth shows the
// averages (5, 4 and 3), and never a text.
func TestTheTrainingReportShowsFeedbackFromFiveAnswers(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	id := w.trainingYear(4)
	admin := w.client("admin")
	auth := []string{"Authorization", "Bearer " + w.token("admin")}
	_, page := w.do(admin, "GET", "/training/report", nil)
	if !strings.Contains(page, "Fewer than five answers") || strings.Contains(page, "Secret text") || strings.Contains(page, "<td>5.0</td>") {
		t.Errorf("four answers show:\n%s", page)
	}
	if _, csv := w.do(admin, "GET", "/training/report.csv?table=feedback", nil); !strings.Contains(csv, ",1,Canvassing,2,0,,,,\n") {
		t.Errorf("four answers in the CSV:\n%s", csv)
	}
	if status, body := w.doBody("GET", "/api/v1/training/report", "", auth...); status != http.StatusOK ||
		!strings.Contains(body, `"counted_sessions":0,"answered":0,"averages":null`) {
		t.Errorf("four answers through the API: %d %s", status, body)
	}
	w.answer(id, 8)
	_, page = w.do(admin, "GET", "/training/report", nil)
	if !strings.Contains(page, "<td>1 of 2</td><td>5.0</td><td>4.0</td><td>3.0</td>") || strings.Contains(page, "Secret text") {
		t.Errorf("five answers do not show their averages:\n%s", page)
	}
	if _, csv := w.do(admin, "GET", "/training/report.csv?table=feedback", nil); !strings.Contains(csv, ",1,Canvassing,2,1,5,5.00,4.00,3.00\n") {
		t.Errorf("five answers in the CSV:\n%s", csv)
	}
	if _, body := w.doBody("GET", "/api/v1/training/report", "", auth...); !strings.Contains(body,
		`"counted_sessions":1,"answered":5,"averages":[{"key":"useful","average":5},{"key":"facilitated","average":4},{"key":"ready","average":3}]`) {
		t.Errorf("five answers through the API: %s", body)
	}
}
