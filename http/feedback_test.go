package http_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// pastTraining holds a training of Central's that ended a moment ago,
// with members 3 to 8 checked in, and has members 4 to 3+answers answer
// its form, each with a text of their own. It returns its id.
func (w *world) pastTraining(answers int) int64 {
	w.t.Helper()
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	start := time.Now().Add(w.shift + time.Hour)
	events, err := w.app.CreateEvent(ctx, admin, &rankfile.Event{BodyID: w.bodies["central"].ID, Kind: rankfile.EventTraining,
		Title: "Phonebank training", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Address: "1 Union Hall, Los Angeles",
		Audience: rankfile.AudienceMembers}, nil)
	if err != nil {
		w.t.Fatal(err)
	}
	e := events[0]
	for n := 3; n <= 8; n++ {
		if _, err := w.app.CheckInWalkIn(ctx, admin, e.ID, rankfile.Registrant{MemberID: w.member(fmt.Sprint(n)).ID}); err != nil {
			w.t.Fatal(err)
		}
	}
	w.shift += 3*time.Hour + time.Minute
	for n := 4; n < 4+answers; n++ {
		in := app.FeedbackInput{Scores: []int{5, 4, 1 + n%5}, Text: fmt.Sprintf("Secret text %d", n)}
		if err := w.app.GiveFeedback(ctx, &rankfile.Actor{Member: w.member(fmt.Sprint(n))}, e.ID, in); err != nil {
			w.t.Fatal(err)
		}
	}
	return e.ID
}

func TestFeedbackResultsShowNothingBelowFive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		id := w.pastTraining(4)
		path := fmt.Sprintf("/events/%d/feedback/results", id)
		coordinator := w.client("coordinator")
		status, body := w.do(coordinator, "GET", path, nil)
		if status != http.StatusOK || !strings.Contains(body, "Results show once 5 people have answered") {
			t.Fatalf("four answers: %d\n%s", status, body)
		}
		for _, hidden := range []string{"Secret text", "Average", "4 people", "answered."} {
			if strings.Contains(body, hidden) {
				t.Errorf("four answers show %q", hidden)
			}
		}
		auth := []string{"Authorization", "Bearer " + w.token("coordinator")}
		api := fmt.Sprintf("/api/v1/events/%d/feedback", id)
		if status, body := w.doBody("GET", api+"/results", "", auth...); status != http.StatusOK || !strings.Contains(body, `"results":null`) {
			t.Errorf("four answers through the API: %d %s", status, body)
		}
		if status, body := w.doBody("POST", api, `{"scores":[1,1,1],"text":"Secret text 3","sign":true}`, auth...); status != http.StatusCreated {
			t.Fatalf("her answer through the API: %d %s", status, body)
		}
		if status, body := w.doBody("GET", api+"/results", "", auth...); status != http.StatusOK || !strings.Contains(body, `"answered":5`) ||
			!strings.Contains(body, `"signed_by":"Cora Coordinator"`) {
			t.Errorf("five answers through the API: %d %s", status, body)
		}
		_, body = w.do(coordinator, "GET", path, nil)
		for _, shown := range []string{"5 people answered.", "Secret text 3", "Secret text 7", "Average 4.2 of 5", "Cora Coordinator"} {
			if !strings.Contains(body, shown) {
				t.Errorf("five answers do not show %q:\n%s", shown, body)
			}
		}
		if status, _ := w.do(w.client("member"), "GET", path, nil); status != http.StatusForbidden {
			t.Errorf("an attendee reading the results: %d; want 403", status)
		}
	})
}

func TestTheFeedbackFormComesBackAsTypedAndTakesOneAnswer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		id := w.pastTraining(0)
		path := fmt.Sprintf("/events/%d/feedback", id)
		mia := w.client("member")
		event := fmt.Sprintf("/events/%d", id)
		if _, body := w.do(mia, "GET", event, nil); !strings.Contains(body, `href="`+path+`"`) {
			t.Errorf("the event's page does not offer her the form:\n%s", body)
		}
		long := strings.Repeat("Ñ", rankfile.MaxFeedbackText+1)
		form := url.Values{"q_useful": {"2"}, "q_facilitated": {"5"}, "q_ready": {"3"}, "text": {long}, "sign": {"1"}}
		status, body := w.do(mia, "POST", path, form)
		if status != http.StatusBadRequest || !strings.Contains(body, long) || !strings.Contains(body, `id="text-problem"`) ||
			!strings.Contains(body, `name="q_facilitated" value="5" checked`) || !strings.Contains(body, `name="sign" value="1" checked`) {
			t.Errorf("too long a text: %d; want the form back as typed with the problem\n%s", status, body)
		}
		form.Set("text", "Useful.")
		if status, _ := w.do(mia, "POST", path, form); status != http.StatusSeeOther {
			t.Fatalf("the answer: %d", status)
		}
		if _, body := w.do(mia, "GET", event, nil); strings.Contains(body, `href="`+path+`"`) {
			t.Error("the event's page offers the form to one who answered")
		}
		status, body = w.do(mia, "POST", path, form)
		if status != http.StatusConflict || !strings.Contains(body, "already") {
			t.Errorf("a second answer: %d\n%s", status, body)
		}
		if status, _ := w.do(w.client("admin"), "POST", path, form); status != http.StatusForbidden {
			t.Errorf("one not checked in: %d; want 403", status)
		}
		token, err := store.NewFeedbackService(w.db).FeedbackLink(ctx, id, w.member("6").ID)
		if err != nil {
			t.Fatal(err)
		}
		status, body = w.do(http.DefaultClient, "GET", "/feedback/"+token, nil)
		if status != http.StatusOK || !strings.Contains(body, "How useful was this training?") || !strings.Contains(body, "Wes Westside") {
			t.Errorf("her link, signed out: %d\n%s", status, body)
		}
		form.Set("sign", "")
		signedOut := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		if status, _ := w.do(signedOut, "POST", "/feedback/"+token, form); status != http.StatusSeeOther {
			t.Errorf("answering through her link: %d", status)
		}
		if answered, _ := w.app.Feedback.Answered(ctx, id, w.member("6").ID); !answered {
			t.Error("the link's answer is not hers")
		}
	})
}

// TestFeedbackOnAPhone has Mia answer the form on a phone, in English and
// in Spanish, and Cora, Central's co-coordinator, read the results.
func TestFeedbackOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	id := w.pastTraining(0)
	for _, n := range []string{"4", "6", "7", "8"} {
		if err := w.app.GiveFeedback(ctx, &rankfile.Actor{Member: w.member(n)}, id, app.FeedbackInput{Scores: []int{4, 5, 3},
			Text: "Más práctica, por favor. " + strings.Repeat("Una frase larga sin espacios? ", 3)}); err != nil {
			t.Fatal(err)
		}
	}
	ctx := onAPhone(t, w, "member")
	form := fmt.Sprintf("%s/events/%d/feedback", w.srv.URL, id)
	do(t, ctx, "the form", chromedp.Navigate(form), chromedp.WaitVisible(chromedp.CSS(`fieldset.scale`)))
	fitsThePhone(t, ctx, "the feedback form")
	screenshot(t, ctx, "feedback-form-en.png")
	inSpanish(t, ctx)
	do(t, ctx, "the form in Spanish", chromedp.WaitVisible(chromedp.CSS(`fieldset.scale`)))
	if got := text(t, ctx, "form.feedback legend"); !strings.Contains(got, "¿Qué tan útil") {
		t.Errorf("the first question in Spanish reads %q", got)
	}
	fitsThePhone(t, ctx, "the feedback form in Spanish")
	screenshot(t, ctx, "feedback-form-es.png")
	do(t, ctx, "answering",
		click(`input[name="q_useful"][value="5"]`),
		click(`input[name="q_facilitated"][value="4"]`),
		click(`input[name="q_ready"][value="4"]`),
		chromedp.SendKeys(chromedp.ID("text"), "Me sirvió mucho."),
		click(`form.feedback button`),
		chromedp.WaitVisible(chromedp.CSS(`p.notice`)))
	if got := text(t, ctx, "p.notice"); !strings.Contains(got, "Gracias") {
		t.Errorf("after answering: %q", got)
	}

	ctx = onAPhone(t, w, "coordinator")
	results := fmt.Sprintf("%s/events/%d/feedback/results", w.srv.URL, id)
	do(t, ctx, "the results", chromedp.Navigate(results), chromedp.WaitVisible(chromedp.CSS(`table.feedback`)))
	if got := text(t, ctx, "main"); !strings.Contains(got, "5 people answered") || !strings.Contains(got, "Me sirvió mucho.") {
		t.Errorf("the results read %q", got)
	}
	fitsThePhone(t, ctx, "the feedback results")
	screenshot(t, ctx, "feedback-results-en.png")
	inSpanish(t, ctx)
	do(t, ctx, "the results in Spanish", chromedp.WaitVisible(chromedp.CSS(`table.feedback`)))
	fitsThePhone(t, ctx, "the feedback results in Spanish")
	screenshot(t, ctx, "feedback-results-es.png")
	do(t, ctx, "the trends", chromedp.Navigate(fmt.Sprintf("%s/feedback/trends?body=%d", w.srv.URL, w.bodies["central"].ID)),
		chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	fitsThePhone(t, ctx, "the feedback trends")
	if got := text(t, ctx, "section.feedback-month"); !strings.Contains(got, "5 respuestas · 1 evento") || !strings.Contains(got, "4,2") && !strings.Contains(got, "4.2") {
		t.Errorf("the month reads %q", got)
	}
	screenshot(t, ctx, "feedback-trends-es.png")
}
