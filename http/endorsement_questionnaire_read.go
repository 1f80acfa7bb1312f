package http

import (
	"net/http"

	"github.com/rankfile/rankfile/app"
)

// A candidate's questionnaire as the chapter reads it: those who vet at
// any time, members once it is submitted and published. The answers are
// shown as kept, line ends and all, each under the question it answers in
// the words the candidate was asked.

// candidateQuestionnaireData is the page.
type candidateQuestionnaireData struct {
	*app.CandidateQuestionnaireView
	Questions []questionnaireItem
	Documents []documentItem
	// Published is whether members read the answers yet.
	Published bool
}

// endorsementCandidateID reads the candidate id of the path.
func endorsementCandidateID(r *http.Request) (int64, error) { return pathID(r, "id", "candidate") }

func (s *Server) candidateQuestionnairePage(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	v, err := s.app.CandidateQuestionnaire(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	d := candidateQuestionnaireData{CandidateQuestionnaireView: v, Documents: documentItems(v.Questionnaire.Documents),
		Questions: questionItems(r, v.Questionnaire.Questions, v.Questionnaire.Answers),
		Published: v.Cycle.Published(s.app.Now())}
	return s.render(w, r, "endorsement_questionnaire_read.html", d)
}

// candidateDocument sends a document a candidate attached to those who
// may read their questionnaire.
func (s *Server) candidateDocument(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	did, err := pathID(r, "did", "document")
	if err != nil {
		return err
	}
	d, err := s.app.CandidateDocument(r.Context(), req(r).actor, id, did)
	if err != nil {
		return err
	}
	return sendDocument(w, d)
}
