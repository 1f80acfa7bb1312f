package http_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// questionnaireWorld is what the questionnaire's tests and the matrix
// need: Housing's cycle (made here unless the world has one), its
// questions, and its first candidate's link, draft answers and document.
type questionnaireWorld struct {
	cycle     *rankfile.EndorsementCycle
	candidate *rankfile.EndorsementCandidate
	other     *rankfile.EndorsementCandidate
	questions []*rankfile.EndorsementQuestion
	secret    string
}

// Recognizable private values of the questionnaire and vetting.
const (
	draftAnswer = "Answervalue of a draft: rent control"
	halsNote    = "Notevalue of Hal: took landlord money"
)

// housingCycle returns Housing's first cycle and its candidates, making
// them as the matrix's world has them (cycle 1, candidates 1 and 2) when
// the world has no cycle yet.
func (w *world) housingCycle() (*rankfile.EndorsementCycle, []*rankfile.EndorsementCandidate) {
	w.t.Helper()
	cycles, err := w.app.Endorsements.FindCycles(ctx, rankfile.EndorsementCycleFilter{})
	if err != nil {
		w.t.Fatal(err)
	}
	if len(cycles) == 0 {
		due := w.db.Now().Add(14 * 24 * time.Hour)
		c := &rankfile.EndorsementCycle{BodyID: w.bodies["housing"].ID, DecidingBodyID: w.bodies["chapter"].ID,
			Name: "Municipal 2027", ElectionDate: w.db.Today().AddDays(120), QuestionnaireDue: due, PublishAt: due.Add(48 * time.Hour)}
		races := []*rankfile.EndorsementRace{{Office: "City Council", District: "District 4"}}
		if err := w.app.CreateEndorsementCycle(ctx, w.actor("cochair"), c, races); err != nil {
			w.t.Fatal(err)
		}
		for _, cand := range []*rankfile.EndorsementCandidate{{RaceID: races[0].ID, Name: "Rosa Parra", Email: "rosa.parra@example.net"},
			{RaceID: races[0].ID, Name: "Walt Away"}} {
			if err := w.app.SaveEndorsementCandidate(ctx, w.actor("cochair"), cand); err != nil {
				w.t.Fatal(err)
			}
		}
		cycles = []*rankfile.EndorsementCycle{c}
	}
	first := slices.MinFunc(cycles, func(a, b *rankfile.EndorsementCycle) int { return cmp.Compare(a.ID, b.ID) })
	candidates, err := w.app.Endorsements.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{CycleID: first.ID})
	if err != nil || len(candidates) < 2 {
		w.t.Fatal(candidates, err)
	}
	return first, candidates
}

// questionnaire sets Housing's questions, makes the first candidate's
// link and has them save a draft and attach a PDF.
func (w *world) questionnaire() *questionnaireWorld {
	w.t.Helper()
	cycle, candidates := w.housingCycle()
	q := &questionnaireWorld{cycle: cycle, candidate: candidates[0], other: candidates[1],
		questions: []*rankfile.EndorsementQuestion{{Text: "Will you back rent control?", TextES: "¿Apoyarás el control de rentas?"},
			{Text: "What of the police budget?"}}}
	if _, err := w.app.SetEndorsementQuestions(ctx, w.actor("cochair"), cycle.ID, q.questions); err != nil {
		w.t.Fatal(err)
	}
	var err error
	if q.secret, err = w.app.Endorsements.NewQuestionnaireLink(ctx, q.candidate.ID); err != nil {
		w.t.Fatal(err)
	}
	answers := []rankfile.EndorsementAnswer{{QuestionID: q.questions[0].ID, Answer: draftAnswer}}
	if err := w.app.SaveAnswersByLink(ctx, q.secret, answers, false); err != nil {
		w.t.Fatal(err)
	}
	if _, err := w.app.AddDocumentByLink(ctx, q.secret, "platform.pdf", []byte("%PDF-1.4\nplatform")); err != nil {
		w.t.Fatal(err)
	}
	return q
}

// questionnaireSecrets seeds the questionnaire and a vetting note by Hal,
// Housing's member, for the matrix: the draft is read only by those who
// vet (Housing's co-chair, admins), the note only by Hal and Housing's
// leaders.
func (w *world) questionnaireSecrets(secrets []private) []private {
	w.t.Helper()
	q := w.questionnaire()
	hal, err := w.app.Auth.Actor(ctx, w.member("8").ID)
	if err != nil {
		w.t.Fatal(err)
	}
	n := &rankfile.EndorsementNote{CandidateID: q.candidate.ID, Kind: rankfile.NoteResearch, Text: halsNote}
	if err := w.app.AddEndorsementNote(ctx, hal, n); err != nil {
		w.t.Fatal(err)
	}
	return append(secrets, private{"a draft answer", draftAnswer, only("cochair", "admin")},
		private{"Hal's vetting note", halsNote, only("cochair")}, private{"a questionnaire link", q.secret, only()})
}

// uploadNamed sends a named file to a form field, as a browser's
// multipart form, and returns the whole answer.
func (w *world) uploadNamed(c *http.Client, path, field, name string, data []byte) (int, string) {
	w.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, _ := mw.CreateFormFile(field, name)
	part.Write(data)
	mw.Close()
	a := w.fetch(c, "POST", path, &body, mw.FormDataContentType())
	return a.status, a.body
}

// TestACandidateAnswersThroughTheirLinkPage saves, is asked to confirm,
// submits, and then finds the page read-only; a page posing as a PDF, a
// blank left at submission, and another candidate's link on the document
// are each refused with nothing changed.
func TestACandidateAnswersThroughTheirLinkPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		browser := w.client("")
		page := "/questionnaire/" + q.secret
		status, body := w.do(browser, "GET", page, nil, "Accept-Language", "es")
		if status != http.StatusOK || !strings.Contains(body, "¿Apoyarás el control de rentas?") || !strings.Contains(body, draftAnswer) ||
			!strings.Contains(body, "What of the police budget?") || strings.Contains(body, "rosa.parra@example.net") {
			t.Fatalf("the page in Spanish: %d %s", status, body)
		}
		a1, a2 := "answer_"+itoa(q.questions[0].ID), "answer_"+itoa(q.questions[1].ID)
		status, body = w.do(browser, "POST", page, url.Values{a1: {"Yes.\r\nAll of it."}, a2: {""}, "action": {"submit"}}, "Accept-Language", "en")
		if status != http.StatusBadRequest || !strings.Contains(body, "answer question 2 before submitting") {
			t.Errorf("submitting with a blank: %d", status)
		}
		if status, body = w.uploadNamed(browser, page+"/documents", "document", "fake.pdf", []byte("<html><script>alert(1)</script>")); status != http.StatusBadRequest ||
			!strings.Contains(body, "attach a PDF, PNG or JPEG file") {
			t.Errorf("a page posing as a PDF: %d", status)
		}
		other, err := w.app.Endorsements.NewQuestionnaireLink(ctx, q.other.ID)
		if err != nil {
			t.Fatal(err)
		}
		docs := w.questionnaireOf(q.candidate.ID).Documents
		for _, path := range []string{"/questionnaire/" + other + "/documents/" + itoa(docs[0].ID)} {
			if status, _ := w.do(browser, "GET", path, nil); status != http.StatusNotFound {
				t.Errorf("another's link on the document: %d", status)
			}
		}
		if status, _ := w.do(browser, "POST", "/questionnaire/"+other+"/documents/"+itoa(docs[0].ID)+"/remove", url.Values{}); status != http.StatusNotFound {
			t.Errorf("another's link removing the document: %d", status)
		}
		dl := w.fetch(browser, "GET", page+"/documents/"+itoa(docs[0].ID), nil, "")
		if dl.status != http.StatusOK || dl.body != "%PDF-1.4\nplatform" || !strings.HasPrefix(dl.header.Get("Content-Disposition"), "attachment") {
			t.Errorf("the document: %d %v", dl.status, dl.header)
		}
		status, body = w.do(browser, "POST", page, url.Values{a1: {"Yes.\r\nAll of it."}, a2: {"Halve it."}, "action": {"submit"}})
		if status != http.StatusOK || !strings.Contains(body, `action="/questionnaire/`+q.secret+`/submit"`) || !strings.Contains(body, "Halve it.") {
			t.Fatalf("the confirmation: %d %s", status, body)
		}
		if saved := w.questionnaireOf(q.candidate.ID); saved.Answers[q.questions[1].ID] != "Halve it." || !saved.SubmittedAt.IsZero() {
			t.Errorf("before confirming: %+v", saved)
		}
		if status, body = w.submit(browser, "POST", page+"/submit", url.Values{a1: {"Yes.\nAll of it."}, a2: {"Halve it."}}); status != http.StatusOK ||
			!strings.Contains(body, "your questionnaire is submitted") || strings.Contains(body, "<textarea") {
			t.Fatalf("submitted: %d %s", status, body)
		}
		kept := w.questionnaireOf(q.candidate.ID)
		if kept.Answers[q.questions[0].ID] != "Yes.\nAll of it." || kept.SubmittedAt.IsZero() {
			t.Errorf("as kept: %+v", kept)
		}
		if status, body = w.do(browser, "POST", page, url.Values{a1: {"Changed"}, a2: {"Changed"}, "action": {"save"}}); status != http.StatusConflict ||
			!strings.Contains(body, "is kept exactly as it was submitted") {
			t.Errorf("saving after submitting: %d", status)
		}
		if w.questionnaireOf(q.candidate.ID).Answers[q.questions[0].ID] != "Yes.\nAll of it." {
			t.Error("a refused save changed the answers")
		}
		if status, _ := w.do(browser, "GET", "/questionnaire/q-nope", nil); status != http.StatusNotFound {
			t.Errorf("a link never made: %d", status)
		}
	})
}

// questionnaireOf reads a candidate's questionnaire as stored.
func (w *world) questionnaireOf(candidateID int64) *rankfile.EndorsementQuestionnaire {
	w.t.Helper()
	q, err := w.app.Endorsements.Questionnaire(ctx, candidateID)
	if err != nil {
		w.t.Fatal(err)
	}
	return q
}

// TestAReplacedOrLateLinkChangesNothing refuses answers through a link
// replaced by a newer one, and through the current one past the due date,
// on the page and in the API.
func TestAReplacedOrLateLinkChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		newer, err := w.app.Endorsements.NewQuestionnaireLink(ctx, q.candidate.ID)
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{"answer_" + itoa(q.questions[0].ID): {"Replaced"}, "action": {"save"}}
		if status, body := w.do(w.client(""), "POST", "/questionnaire/"+q.secret, form); status != http.StatusNotFound ||
			!strings.Contains(body, "replaced by a newer one") {
			t.Errorf("the replaced link: %d", status)
		}
		w.shift = q.cycle.QuestionnaireDue.Sub(time.Now()) + time.Hour
		body := `{"answers":[{"question_id":` + itoa(q.questions[0].ID) + `,"answer":"Late"}]}`
		if status, answer := w.doBody("PUT", "/api/v1/questionnaire/"+newer, body); status != http.StatusConflict ||
			!strings.Contains(answer, "this questionnaire closed on") {
			t.Errorf("past due: %d %s", status, answer)
		}
		if status, page := w.do(w.client(""), "GET", "/questionnaire/"+newer, nil); status != http.StatusOK ||
			!strings.Contains(page, "This questionnaire closed on") || strings.Contains(page, "<textarea") {
			t.Errorf("the page past due: %d", status)
		}
		if got := w.questionnaireOf(q.candidate.ID).Answers[q.questions[0].ID]; got != draftAnswer {
			t.Errorf("the answer became %q", got)
		}
	})
}

// TestTheQuestionnaireAPIThroughTheLink attaches and removes a document,
// is refused a page posing as a PDF, and saves and submits through the
// API, with no token.
func TestTheQuestionnaireAPIThroughTheLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		path := "/api/v1/questionnaire/" + q.secret
		if status, body := w.doBody("GET", path, ""); status != http.StatusOK || !strings.Contains(body, `"open":true`) ||
			!strings.Contains(body, draftAnswer) {
			t.Fatalf("GET: %d %s", status, body)
		}
		status, body := w.doBody("POST", path+"/documents?name=plan.pdf", "%PDF-1.4\nthe plan", "Content-Type", "application/octet-stream")
		var doc struct{ ID int64 }
		if err := json.Unmarshal([]byte(body), &doc); status != http.StatusCreated || err != nil || !strings.Contains(body, `"content_type":"application/pdf"`) {
			t.Fatalf("attaching a PDF: %d %s", status, body)
		}
		if status, body := w.doBody("POST", path+"/documents?name=x.pdf", "<html>a page</html>"); status != http.StatusBadRequest {
			t.Errorf("a page posing as a PDF: %d %s", status, body)
		}
		for _, want := range []int{http.StatusNoContent, http.StatusNotFound} { // removed, then gone
			if status, body := w.doBody("DELETE", path+"/documents/"+itoa(doc.ID), ""); status != want {
				t.Errorf("removing the PDF: %d %s, want %d", status, body, want)
			}
		}
		bad := `{"answers":[{"question_id":999999,"answer":"x"}]}`
		if status, _ := w.doBody("PUT", path, bad); status != http.StatusBadRequest {
			t.Errorf("another questionnaire's question: %d", status)
		}
		good := `{"submit":true,"answers":[{"question_id":` + itoa(q.questions[0].ID) + `,"answer":"Yes"},{"question_id":` +
			itoa(q.questions[1].ID) + `,"answer":"Halve it"}]}`
		if status, body := w.doBody("PUT", path, good); status != http.StatusOK || !strings.Contains(body, `"open":false`) ||
			!strings.Contains(body, `"submitted_at"`) {
			t.Errorf("submitting: %d %s", status, body)
		}
	})
}

// TestTheLinkIsEmailedAndShownOnce makes a candidate's link from their
// page: it is shown to Housing's co-chair, who is told it was emailed,
// and the candidate's email carries it, in English and Spanish; the link
// opens their questionnaire.
func TestTheLinkIsEmailedAndShownOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		status, page := w.do(w.client("cochair"), "POST", "/endorsements/candidates/"+itoa(q.candidate.ID)+"/link", nil, "Accept-Language", "en")
		if status != http.StatusOK || !strings.Contains(page, "emailed to rosa.parra@example.net") {
			t.Fatalf("making the link: %d", status)
		}
		msg := w.smtp.Wait(t, "rosa.parra@example.net", 10*time.Second)
		links := msg.Links()
		if len(links) == 0 || !strings.Contains(page, links[0]) || !strings.Contains(msg.Text, "Hola, Rosa Parra") ||
			!strings.Contains(msg.Text, "Hello Rosa Parra") {
			t.Fatalf("the email: %q %v", msg.Text, links)
		}
		if status, body := w.do(w.client(""), "GET", strings.TrimPrefix(links[0], w.srv.URL), nil); status != http.StatusOK ||
			!strings.Contains(body, "Will you back rent control?") {
			t.Errorf("the emailed link: %d", status)
		}
	})
}
