package http

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/locale"
)

// The candidate's questionnaire page, which their secret link opens: no
// sign-in (a candidate is not a member), the questions in Spanish to a
// reader of Spanish where the body wrote them so, an answer box for each,
// Save (as often as they like) and Submit (after a confirmation that shows
// what is sent), and their documents. Once submitted or past due the page
// shows the answers read-only and says why. It works without JavaScript.

// questionnaireLinkData is the candidate's page.
type questionnaireLinkData struct {
	*app.QuestionnaireLinkView
	Secret string
	// Questions pair each question, in the reader's language, with the
	// answer shown: as typed when the form comes back, else as saved.
	Questions []questionnaireItem
	Documents []documentItem
	// Closed says in the reader's language why nothing more is taken.
	Closed  string
	Done    string
	Problem *fieldProblem
}

// questionnaireItem is one question of the page and its answer.
type questionnaireItem struct {
	ID     int64
	Number int
	Text   string
	Answer string
}

// questionItems pairs questions, in the reader's language (the Spanish
// where the body wrote it), with their answers.
func questionItems(r *http.Request, qs []*rankfile.EndorsementQuestion, answers map[int64]string) []questionnaireItem {
	spanish := req(r).l.Lang() == "es"
	out := []questionnaireItem{}
	for _, q := range qs {
		text := q.Text
		if spanish && q.TextES != "" {
			text = q.TextES
		}
		out = append(out, questionnaireItem{ID: q.ID, Number: q.Position, Text: text, Answer: answers[q.ID]})
	}
	return out
}

// documentItem is a document as lists show it.
type documentItem struct {
	ID   int64
	Name string
	KB   int
}

// documentItems lists documents with their sizes in KB, at least 1.
func documentItems(docs []*rankfile.EndorsementDocument) []documentItem {
	out := []documentItem{}
	for _, d := range docs {
		out = append(out, documentItem{ID: d.ID, Name: d.Name, KB: max(1, (d.Size+512)/1024)})
	}
	return out
}

// questionnaireDone are the notices a redirect may ask the page to show.
var questionnaireDone = map[string]bool{"saved": true, "submitted": true, "attached": true, "removed": true}

// linkPage says plainly, on a page of its own, why a questionnaire link
// finds nothing: a link replaced by a newer one, or a document that is
// not this questionnaire's. The candidate holds only the link, so the
// page says what happened instead of the general "not found".
func (s *Server) linkPage(fn handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		err := fn(w, r)
		if rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			return err
		}
		w.Header().Set("Referrer-Policy", "no-referrer")
		return s.renderStatus(w, r, http.StatusNotFound, "endorsement_questionnaire_gone.html", req(r).l.Error(err))
	}
}

// newQuestionnaireLink makes a candidate's new link, emailed to them
// when they have an address, with the address people reach rankfile at.
func (s *Server) newQuestionnaireLink(r *http.Request, candidateID int64) (*app.QuestionnaireLink, error) {
	return s.app.NewQuestionnaireLink(r.Context(), req(r).actor, candidateID, func(secret string) string {
		return s.linkTo(r, "/questionnaire/"+secret)
	})
}

// questionnaireLinkPage opens the questionnaire.
func (s *Server) questionnaireLinkPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderQuestionnaireLink(w, r, http.StatusOK, nil, nil, "questionnaire")
}

// renderQuestionnaireLink shows the candidate's page (or its confirmation
// step, confirm): answers as typed when typed is not nil, else as saved.
func (s *Server) renderQuestionnaireLink(w http.ResponseWriter, r *http.Request, status int, typed map[int64]string, problem *fieldProblem, step string) error {
	secret := r.PathValue("secret")
	v, err := s.app.QuestionnaireByLink(r.Context(), secret)
	if err != nil {
		return err
	}
	d := questionnaireLinkData{QuestionnaireLinkView: v, Secret: secret, Problem: problem,
		Documents: documentItems(v.Questionnaire.Documents)}
	if typed == nil {
		typed = v.Questionnaire.Answers
	}
	d.Questions = questionItems(r, v.Questionnaire.Questions, typed)
	if v.Closed != nil {
		d.Closed = closedText(req(r).l, v, s.app.Zone)
	}
	if done := r.URL.Query().Get("done"); questionnaireDone[done] {
		d.Done = done
	}
	w.Header().Set("Referrer-Policy", "no-referrer") // the secret is in the page's address
	name := "endorsement_questionnaire.html"
	if step == "confirm" {
		name = "endorsement_questionnaire_confirm.html"
	}
	return s.renderStatus(w, r, status, name, d)
}

// linkProblem is what the page says of a refused change: nothing more
// when the questionnaire closed, which the page says in its own words.
func linkProblem(r *http.Request, err error) *fieldProblem {
	if rankfile.ErrorCode(err) == rankfile.ECONFLICT {
		return nil
	}
	return aboveForm(problemOf(req(r), err, nil))
}

// aboveForm says a problem above its form: these forms' boxes repeat
// (an answer, a question, a note), and the message names which one.
func aboveForm(p *fieldProblem) *fieldProblem {
	p.Field = ""
	return p
}

// closedText says why the questionnaire takes no more answers, with its
// dates in the reader's language.
func closedText(l *locale.Localizer, v *app.QuestionnaireLinkView, zone *time.Location) string {
	switch {
	case v.Candidate.Withdrawn():
		return l.T("questionnaire.closed.withdrawn")
	case v.Candidate.Submitted():
		return l.T("questionnaire.closed.submitted", "When", l.DateTime(v.Candidate.SubmittedAt, zone))
	}
	return l.T("questionnaire.closed.due", "When", l.DateTime(v.Cycle.QuestionnaireDue, zone))
}

// typedAnswers reads the form's answer to each question of the
// candidate's questionnaire; boxes for other questions are not read.
func typedAnswers(r *http.Request, qs []*rankfile.EndorsementQuestion) ([]rankfile.EndorsementAnswer, map[int64]string) {
	var out []rankfile.EndorsementAnswer
	typed := map[int64]string{}
	for _, q := range qs {
		a := r.PostFormValue("answer_" + strconv.FormatInt(q.ID, 10))
		typed[q.ID] = a
		out = append(out, rankfile.EndorsementAnswer{QuestionID: q.ID, Answer: a})
	}
	return out, typed
}

// saveQuestionnaireForm saves the answers; the Submit button saves them
// too, then asks the candidate to confirm what will be sent, unless a
// question is left blank, which the page then says.
func (s *Server) saveQuestionnaireForm(w http.ResponseWriter, r *http.Request) error {
	secret := r.PathValue("secret")
	v, err := s.app.QuestionnaireByLink(r.Context(), secret)
	if err != nil {
		return err
	}
	answers, typed := typedAnswers(r, v.Questionnaire.Questions)
	err = s.app.SaveAnswersByLink(r.Context(), secret, answers, false)
	if err == nil && r.PostFormValue("action") == "submit" {
		if err = rankfile.CheckComplete(answers, v.Questionnaire.Questions); err == nil {
			return s.renderQuestionnaireLink(w, r, http.StatusOK, typed, nil, "confirm")
		}
	}
	if fixable(err) {
		return s.renderQuestionnaireLink(w, r, statuses[rankfile.ErrorCode(err)], typed, linkProblem(r, err), "questionnaire")
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/questionnaire/"+secret+"?done=saved")
}

// submitQuestionnaireForm submits the answers the confirmation showed,
// which it carries: they are what is kept.
func (s *Server) submitQuestionnaireForm(w http.ResponseWriter, r *http.Request) error {
	secret := r.PathValue("secret")
	v, err := s.app.QuestionnaireByLink(r.Context(), secret)
	if err != nil {
		return err
	}
	answers, typed := typedAnswers(r, v.Questionnaire.Questions)
	err = s.app.SaveAnswersByLink(r.Context(), secret, answers, true)
	if fixable(err) {
		return s.renderQuestionnaireLink(w, r, statuses[rankfile.ErrorCode(err)], typed, linkProblem(r, err), "questionnaire")
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/questionnaire/"+secret+"?done=submitted")
}

// documentUpload bounds an upload's body: the largest document and the
// form around it.
const documentUpload = rankfile.MaxDocumentBytes + 64<<10

// uploadQuestionnaireDocument attaches the file the form sends.
func (s *Server) uploadQuestionnaireDocument(w http.ResponseWriter, r *http.Request) error {
	secret := r.PathValue("secret")
	if _, err := s.app.QuestionnaireByLink(r.Context(), secret); err != nil {
		return err // before the upload is read
	}
	r.Body = http.MaxBytesReader(w, r.Body, documentUpload)
	name, data, err := readDocument(r)
	if err == nil {
		_, err = s.app.AddDocumentByLink(r.Context(), secret, name, data)
	}
	if fixable(err) {
		return s.renderQuestionnaireLink(w, r, statuses[rankfile.ErrorCode(err)], nil, linkProblem(r, err), "questionnaire")
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/questionnaire/"+secret+"?done=attached")
}

// readDocument reads the form's file and its name.
func readDocument(r *http.Request) (string, []byte, error) {
	file, header, err := r.FormFile("document")
	if err != nil {
		return "", nil, rankfile.FieldErrorf("document", rankfile.EINVALID, "a document has at most %d MB", rankfile.MaxDocumentBytes>>20)
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		return "", nil, rankfile.FieldErrorf("document", rankfile.EINVALID, "a document has at most %d MB", rankfile.MaxDocumentBytes>>20)
	}
	return header.Filename, data, nil
}

// removeQuestionnaireDocument removes one of the candidate's documents.
func (s *Server) removeQuestionnaireDocument(w http.ResponseWriter, r *http.Request) error {
	secret := r.PathValue("secret")
	id, err := pathID(r, "did", "document")
	if err != nil {
		return err
	}
	err = s.app.RemoveDocumentByLink(r.Context(), secret, id)
	if fixable(err) {
		return s.renderQuestionnaireLink(w, r, statuses[rankfile.ErrorCode(err)], nil, linkProblem(r, err), "questionnaire")
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/questionnaire/"+secret+"?done=removed")
}

// questionnaireDocument sends the candidate one of their documents.
func (s *Server) questionnaireDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "did", "document")
	if err != nil {
		return err
	}
	d, err := s.app.DocumentByLink(r.Context(), r.PathValue("secret"), id)
	if err != nil {
		return err
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	return sendDocument(w, d)
}

// sendDocument answers with a candidate's document as a download, never
// shown as a page of rankfile's own: it came from outside.
func sendDocument(w http.ResponseWriter, d *rankfile.EndorsementDocument) error {
	w.Header().Set("Content-Type", d.ContentType)
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": d.Name})
	if disposition == "" { // a name no header can carry
		disposition = "attachment"
	}
	w.Header().Set("Content-Disposition", disposition)
	w.Header().Set("Content-Security-Policy", "sandbox")
	w.Header().Set("Content-Length", strconv.Itoa(len(d.Data)))
	_, err := w.Write(d.Data)
	return err
}
