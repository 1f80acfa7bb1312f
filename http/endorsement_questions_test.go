package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTheBodySetsQuestionsAndReadsAnswers has Housing's co-chair change
// the questions once a candidate holds a link (the page says it makes a
// new version, and the candidate keeps theirs), read the candidate's
// draft; a member reads it only once submitted and published.
func TestTheBodySetsQuestionsAndReadsAnswers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		chen, mia := w.client("cochair"), w.client("member")
		questions := "/endorsements/cycles/" + itoa(q.cycle.ID) + "/questions"
		for _, lang := range []string{"en", "es"} {
			status, page := w.do(chen, "GET", questions, nil, "Cookie", "rankfile_lang="+lang)
			if status != http.StatusOK || locale.MissingMarker(page) || !strings.Contains(page, "¿Apoyarás el control de rentas?") {
				t.Fatalf("the questions page in %s: %d %v", lang, status, locale.MissingMarker(page))
			}
			if lang == "en" && !strings.Contains(page, "Saving makes version 2") {
				t.Errorf("the page does not say a change makes a new version")
			}
		}
		form := url.Values{"text": {"", "Will you back rent control?", "Transit?"}, "text_es": {"¿Nada?", "", ""}}
		if status, page := w.do(chen, "POST", questions, form, "Cookie", "rankfile_lang=en"); status != http.StatusBadRequest ||
			!strings.Contains(page, "question 1 needs a text") || !strings.Contains(page, "Transit?") {
			t.Errorf("a Spanish question with no English: %d", status)
		}
		form.Set("text_es", "")
		if status, page := w.submit(chen, "POST", questions, form); status != http.StatusOK || !strings.Contains(page, "saved as version 2") {
			t.Errorf("saving after a link: %d", status)
		}
		if kept := w.questionnaireOf(q.candidate.ID); kept.Version != 1 || len(kept.Questions) != 2 {
			t.Errorf("the candidate's questionnaire moved: %+v", kept)
		}
		read := "/endorsements/candidates/" + itoa(q.candidate.ID) + "/questionnaire"
		if status, page := w.do(chen, "GET", read, nil); status != http.StatusOK || !strings.Contains(page, draftAnswer) ||
			!strings.Contains(page, "Not submitted") || !strings.Contains(page, "platform.pdf") {
			t.Errorf("the co-chair reading the draft: %d", status)
		}
		if status, page := w.do(mia, "GET", read, nil); status != http.StatusForbidden || strings.Contains(page, draftAnswer) {
			t.Errorf("a member reading the draft: %d", status)
		}
		answers := []rankfile.EndorsementAnswer{{QuestionID: q.questions[0].ID, Answer: "Yes."}, {QuestionID: q.questions[1].ID, Answer: "Halve it."}}
		if err := w.app.SaveAnswersByLink(ctx, q.secret, answers, true); err != nil {
			t.Fatal(err)
		}
		w.shift = q.cycle.PublishAt.Sub(w.db.Now()) + w.shift + 1
		for _, lang := range []string{"en", "es"} {
			status, page := w.do(mia, "GET", read, nil, "Cookie", "rankfile_lang="+lang)
			if status != http.StatusOK || locale.MissingMarker(page) || !strings.Contains(page, "Halve it.") {
				t.Errorf("a member once published, in %s: %d %v", lang, status, locale.MissingMarker(page))
			}
		}
		docs := w.questionnaireOf(q.candidate.ID).Documents
		if a := w.fetch(mia, "GET", "/endorsements/candidates/"+itoa(q.candidate.ID)+"/documents/"+itoa(docs[0].ID), nil, ""); a.status != http.StatusOK ||
			a.header.Get("Content-Type") != "application/pdf" || a.header.Get("Content-Security-Policy") != "sandbox" {
			t.Errorf("a member downloading the document: %d %v", a.status, a.header)
		}
		if status, _ := w.do(mia, "GET", "/endorsements/candidates/"+itoa(q.other.ID)+"/documents/"+itoa(docs[0].ID), nil); status != http.StatusNotFound {
			t.Errorf("the document under another candidate: %d", status)
		}
	})
}

// TestTheQuestionsAPI reads and sets a cycle's questions through the API,
// and reads a candidate's questionnaire.
func TestTheQuestionsAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		chen := []string{"Authorization", "Bearer " + w.token("cochair")}
		path := "/api/v1/endorsements/cycles/" + itoa(q.cycle.ID) + "/questions"
		if status, body := w.doBody("GET", path, "", chen...); status != http.StatusOK || !strings.Contains(body, `"sent":true`) {
			t.Fatalf("GET: %d %s", status, body)
		}
		if status, body := w.doBody("PUT", path, `{"questions":[{"text":"Transit?","text_es":"¿Transporte?"}]}`, chen...); status != http.StatusOK ||
			!strings.Contains(body, `"new_version":true`) || !strings.Contains(body, `"version":2`) {
			t.Errorf("PUT: %d %s", status, body)
		}
		mia := []string{"Authorization", "Bearer " + w.token("member")}
		if status, _ := w.doBody("PUT", path, `{"questions":[{"text":"x"}]}`, mia...); status != http.StatusForbidden {
			t.Errorf("a member setting questions: %d", status)
		}
		read := "/api/v1/endorsements/candidates/" + itoa(q.candidate.ID) + "/questionnaire"
		if status, body := w.doBody("GET", read, "", chen...); status != http.StatusOK || !strings.Contains(body, draftAnswer) {
			t.Errorf("the co-chair reading: %d %s", status, body)
		}
		if status, body := w.doBody("GET", read, "", mia...); status != http.StatusForbidden || strings.Contains(body, draftAnswer) {
			t.Errorf("a member reading before publication: %d", status)
		}
	})
}
