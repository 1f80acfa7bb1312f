package http

import (
	"fmt"
	"net/http"

	"github.com/rankfile/rankfile"
)

// A cycle's questions, for those who run it: each question a pair of
// boxes, English and (optional) Spanish, with empty pairs below to add
// more; a pair left empty is dropped. The page says when saving makes a
// new version, because a candidate holds a link to the current one.

// questionsData is the questions page.
type questionsData struct {
	Cycle *rankfile.EndorsementCycle
	// Rows are the pairs of boxes: the questions, then empty ones.
	Rows    []*rankfile.EndorsementQuestion
	Sent    bool
	Done    string
	Problem *fieldProblem
}

// blankQuestions is how many empty pairs the page offers for new
// questions.
const blankQuestions = 3

// endorsementCycleID reads the cycle id of the path.
func endorsementCycleID(r *http.Request) (int64, error) {
	return pathID(r, "id", "endorsement cycle")
}

func (s *Server) endorsementQuestionsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderQuestions(w, r, http.StatusOK, nil, nil)
}

// renderQuestions shows the page with the questions as saved, or as typed
// when typed is not nil.
func (s *Server) renderQuestions(w http.ResponseWriter, r *http.Request, status int, typed []*rankfile.EndorsementQuestion, problem *fieldProblem) error {
	id, err := endorsementCycleID(r)
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementQuestions(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	d := questionsData{Cycle: v.Cycle, Rows: v.Questions, Sent: v.Sent, Problem: problem}
	if typed != nil {
		d.Rows = typed
	}
	for range blankQuestions {
		d.Rows = append(d.Rows, &rankfile.EndorsementQuestion{})
	}
	switch r.URL.Query().Get("done") {
	case "saved", "version":
		d.Done = r.URL.Query().Get("done")
	}
	return s.renderStatus(w, r, status, "endorsement_questions.html", d)
}

// formQuestions reads the pairs of boxes, dropping those left empty.
func formQuestions(r *http.Request) []*rankfile.EndorsementQuestion {
	_ = r.ParseForm()
	texts, spanish := r.PostForm["text"], r.PostForm["text_es"]
	var out []*rankfile.EndorsementQuestion
	for i, text := range texts {
		q := &rankfile.EndorsementQuestion{Text: text}
		if i < len(spanish) {
			q.TextES = spanish[i]
		}
		if q.Text != "" || q.TextES != "" {
			out = append(out, q)
		}
	}
	return out
}

// saveEndorsementQuestionsForm stores the questions; a mistake comes back
// as typed, with the mistake said.
func (s *Server) saveEndorsementQuestionsForm(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCycleID(r)
	if err != nil {
		return err
	}
	qs := formQuestions(r)
	newVersion, err := s.app.SetEndorsementQuestions(r.Context(), req(r).actor, id, qs)
	if code := rankfile.ErrorCode(err); code == rankfile.EINVALID {
		return s.renderQuestions(w, r, statuses[code], qs, aboveForm(problemOf(req(r), err, nil)))
	} else if err != nil {
		return err
	}
	done := "saved"
	if newVersion {
		done = "version"
	}
	return redirect(w, r, fmt.Sprintf("/endorsements/cycles/%d/questions?done=%s", id, done))
}
