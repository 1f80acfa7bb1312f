package app_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// training puts a training on the calendar, checks in members 2 to n+1
// (the admin, member 1, hosts it) and moves the clock to its end.
func (w *votingWorld) training(n int) *rankfile.Event {
	w.t.Helper()
	e := w.newEvent(func(e *rankfile.Event) { e.Registration = false })
	for i := 2; i <= n+1; i++ {
		if _, err := w.app.CheckInWalkIn(ctx, w.admin, e.ID, rankfile.Registrant{MemberID: w.member(i).ID}); err != nil {
			w.t.Fatal(err)
		}
	}
	w.now = e.EndsAt
	return e
}

// answer gives member n's feedback on e, scored all 4 with a text naming n.
func (w *votingWorld) answer(e *rankfile.Event, n int) error {
	return w.app.GiveFeedback(ctx, w.voter(n), e.ID, app.FeedbackInput{Scores: []int{4, 4, 4}, Text: fmt.Sprintf("answer %03d", n)})
}

func (w *votingWorld) answered(e *rankfile.Event) int {
	w.t.Helper()
	counts, err := w.app.Feedback.FeedbackCounts(ctx, []int64{e.ID})
	if err != nil {
		w.t.Fatal(err)
	}
	return counts[e.ID]
}

func TestFeedbackResultsWaitForFiveAnswers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.training(8)
		for n := 2; n <= 5; n++ {
			if err := w.answer(e, n); err != nil {
				t.Fatal(err)
			}
		}
		v, err := w.app.EventFeedback(ctx, w.admin, e.ID)
		if err != nil || v.Results != nil {
			t.Fatalf("four answers: %+v, %v; want no results at all", v, err)
		}
		if r, err := w.app.FeedbackOver(ctx, w.admin, []int64{e.ID}); err != nil || r.Shown() || r.Answered != 0 || len(r.Texts) != 0 || r.Withheld != 1 {
			t.Errorf("four answers over a set: %+v, %v; want nothing but one event withheld", r, err)
		}
		if err := w.app.GiveFeedback(ctx, w.voter(6), e.ID, app.FeedbackInput{Scores: []int{5, 3, 1}, Text: "Signed", Sign: true}); err != nil {
			t.Fatal(err)
		}
		v, err = w.app.EventFeedback(ctx, w.admin, e.ID)
		if err != nil || v.Results == nil || v.Results.Answered != 5 || len(v.Results.Texts) != 5 {
			t.Fatalf("five answers: %+v, %v; want the five", v, err)
		}
		q := v.Results.Questions
		if len(q) != 3 || q[0].Key != "useful" || q[0].Counts != [5]int{0, 0, 0, 4, 1} || q[2].Average != 3.4 {
			t.Errorf("tallies %+v %+v %+v", q[0], q[1], q[2])
		}
		signed := 0
		for _, x := range v.Results.Texts {
			if x.SignedBy == w.member(6).FullName() {
				signed++
			}
		}
		if signed != 1 {
			t.Errorf("texts %+v; want the one signed with its name", v.Results.Texts)
		}
		if _, err := w.app.EventFeedback(ctx, w.voter(7), e.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("an attendee asking for the results: %v; want EFORBIDDEN", err)
		}
		steward := &rankfile.Actor{Member: w.member(9), Steward: true}
		if v, err := w.app.EventFeedback(ctx, steward, e.ID); err != nil || v.Results == nil {
			t.Errorf("a steward: %+v, %v", v, err)
		}
	})
}

func TestFeedbackIsRefusedOutsideItsRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		e := w.training(3)
		social := w.newEvent(func(e *rankfile.Event) { e.Kind = rankfile.EventSocial; e.Registration = false })
		if _, err := w.app.CheckInWalkIn(ctx, w.admin, social.ID, rankfile.Registrant{MemberID: w.member(2).ID}); err != nil {
			t.Fatal(err)
		}
		w.now = social.EndsAt
		for _, c := range []struct {
			what string
			err  error
			want string
		}{
			{"not checked in", w.answer(e, 9), rankfile.EFORBIDDEN},
			{"a social, which asks for none", w.answer(social, 2), rankfile.ENOTFOUND},
			{"no scores", w.app.GiveFeedback(ctx, w.voter(2), e.ID, app.FeedbackInput{Text: "hm"}), rankfile.EINVALID},
			{"signed out", w.app.GiveFeedback(ctx, rankfile.Anonymous, e.ID, app.FeedbackInput{Scores: []int{1, 1, 1}}), rankfile.EUNAUTHORIZED},
		} {
			if rankfile.ErrorCode(c.err) != c.want {
				t.Errorf("%s: %v; want %s", c.what, c.err, c.want)
			}
		}
		if err := w.answer(e, 2); err != nil {
			t.Fatal(err)
		}
		if err := w.answer(e, 2); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("twice: %v; want ECONFLICT", err)
		}
		w.now = e.FeedbackCloses()
		if err := w.answer(e, 3); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("after the window: %v; want ECONFLICT", err)
		}
		if got := w.answered(e); got != 1 {
			t.Errorf("%d answers stored; want the one taken", got)
		}
		if err := w.app.SetFeedbackAsked(ctx, w.voter(2), social.ID, true); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("an attendee asking for feedback: %v; want EFORBIDDEN", err)
		}
		if err := w.app.SetFeedbackAsked(ctx, w.admin, social.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := w.answer(social, 2); err != nil {
			t.Errorf("a social its hosts ask feedback for: %v", err)
		}
	})
}

// TestNothingTiesAnAnswerToItsMember has 40 attendees answer in a random
// order, then dumps every table as stored, in the order the database
// returns rows, and checks that nothing ties a member to an answer: the
// answers hold only their own columns, no time; no answer's id or text
// appears anywhere else; neither the answers nor who answered keep the
// order of answering; and on PostgreSQL one transaction wrote all the
// answers, so that the transaction of each names nobody.
func TestNothingTiesAnAnswerToItsMember(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		w.castMany(5) // the dump checks that it holds the ballot box too
		e := w.training(40)
		order := rand.Perm(40)
		answeredAt := map[string]int{} // text → the order of answering
		memberAt := map[string]int{}   // member id → the order of answering
		for i, p := range order {
			n := p + 2
			w.now = w.now.Add(time.Minute)
			if err := w.answer(e, n); err != nil {
				t.Fatal(err)
			}
			answeredAt[fmt.Sprintf("answer %03d", n)] = i
			memberAt[fmt.Sprint(w.member(n).ID)] = i
		}
		dump := dumpDatabase(t, dsn)
		for table, want := range map[string]string{
			"feedback_answers":   "event_id id form_version scores comment signed_by",
			"feedback_answerers": "event_id member_id",
		} {
			if got := strings.Join(dump[table].columns, " "); got != want {
				t.Errorf("%s has columns %q; want %q and nothing that could tie an answer to a member", table, got, want)
			}
		}
		secrets := append(dump["feedback_answers"].column("id"), dump["feedback_answers"].column("comment")...)
		for table, d := range dump {
			if table == "feedback_answers" {
				continue
			}
			for _, row := range d.rows {
				for _, v := range row {
					for _, s := range secrets {
						if s != "" && strings.Contains(v, s) {
							t.Errorf("%s holds %q of an answer: %v", table, s, row)
						}
					}
				}
			}
		}
		checkUnordered(t, "the answers", dump["feedback_answers"].column("comment"), answeredAt)
		checkUnordered(t, "who answered", dump["feedback_answerers"].column("member_id"), memberAt)
		if store.IsPostgres(dsn) {
			checkOneFeedbackWriter(t, dsn, e.ID)
		}
	})
}

// checkOneFeedbackWriter checks that on PostgreSQL every answer about the
// event carries the id of one transaction (xmin).
func checkOneFeedbackWriter(t *testing.T, dsn string, eventID int64) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(DISTINCT xmin::text) FROM feedback_answers WHERE event_id = $1`, eventID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("%d transactions wrote the answers; want one, so that none ties an answer to a member", n)
	}
}

var feedbackLink = regexp.MustCompile(`https://rankfile\.example/feedback/(\S+)`)

// TestTheFeedbackEmailGoesOnceAnHourAfter runs the clock before the hour,
// then twice at once, then again, and sends the outbox twice: each
// attendee with an email gets one email, in her language, whose link
// opens her form alone, without a password.
func TestTheFeedbackEmailGoesOnceAnHourAfter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		srv := w.withMail()
		spanish := w.voter(3)
		if err := w.app.SetPreferences(ctx, spanish, rankfile.Preferences{Language: "es"}); err != nil {
			t.Fatal(err)
		}
		e := w.training(6)
		w.send(0)
		w.now = e.EndsAt.Add(59 * time.Minute)
		if n, err := w.app.QueueFeedbackRequests(ctx); err != nil || n != 0 {
			t.Errorf("before the hour: %d queued, %v; want none", n, err)
		}
		w.now = e.EndsAt.Add(time.Hour)
		var wg sync.WaitGroup
		queued := make([]int, 3)
		for i := range queued {
			wg.Go(func() {
				n, err := w.app.QueueFeedbackRequests(ctx)
				if err != nil {
					t.Error(err)
				}
				queued[i] = n
			})
		}
		wg.Wait()
		if queued[0]+queued[1]+queued[2] != 6 {
			t.Errorf("three clocks at once queued %v; want 6 in all", queued)
		}
		if n, _ := w.app.QueueFeedbackRequests(ctx); n != 0 {
			t.Errorf("the clock again queued %d", n)
		}
		w.send(6)
		w.send(0)
		received := map[string]string{}
		for _, m := range srv.Messages() {
			received[m.To[0]] = m.Text
			if m.To[0] == "voter3@example.org" && !strings.Contains(m.Subject, "¿Qué tal estuvo?") {
				t.Errorf("her email in Spanish: %q", m.Subject)
			}
		}
		if len(received) != 6 || len(srv.Messages()) != 6 {
			t.Fatalf("%d emails to %d people; want one each to the 6", len(srv.Messages()), len(received))
		}
		link := feedbackLink.FindStringSubmatch(received["voter4@example.org"])
		if link == nil {
			t.Fatalf("no link in %s", received["voter4@example.org"])
		}
		v, err := w.app.FeedbackFormByLink(ctx, link[1])
		if err != nil || v.Event.ID != e.ID || v.Name != w.member(4).FullName() {
			t.Fatalf("the link opens %+v, %v", v, err)
		}
		if err := w.app.GiveFeedbackByLink(ctx, link[1], app.FeedbackInput{Scores: []int{5, 5, 5}}); err != nil {
			t.Fatal(err)
		}
		for n, want := range map[int]bool{4: true, 5: false} {
			if got, _ := w.app.Feedback.Answered(ctx, e.ID, w.member(n).ID); got != want {
				t.Errorf("member %d answered: %v; want %v", n, got, want)
			}
		}
		if err := w.app.GiveFeedbackByLink(ctx, link[1]+"x", app.FeedbackInput{Scores: []int{5, 5, 5}}); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a changed link: %v; want ENOTFOUND", err)
		}
	})
}

// TestAFeedbackEmailInterruptedIsHeldNotRepeated has a sender claim the
// feedback emails and die: none is sent twice.
func TestAFeedbackEmailInterruptedIsHeldNotRepeated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		srv := w.withMail()
		e := w.training(2)
		w.now = e.EndsAt.Add(2 * time.Hour)
		if n, err := w.app.QueueFeedbackRequests(ctx); err != nil || n != 2 {
			t.Fatalf("queued %d, %v", n, err)
		}
		if claimed, err := w.app.Outbox.Claim(ctx, 10, w.now.Add(-time.Hour)); err != nil || len(claimed) != 2 {
			t.Fatalf("claimed %d, %v", len(claimed), err)
		}
		w.now = w.now.Add(10 * time.Minute)
		w.send(0)
		if n, _ := w.app.QueueFeedbackRequests(ctx); n != 0 || w.counts()[rankfile.NoticeHeld] != 2 || len(srv.Messages()) != 0 {
			t.Errorf("after the sender died: %d queued again, outbox %v, %d sent; want none, both held", n, w.counts(), len(srv.Messages()))
		}
	})
}
