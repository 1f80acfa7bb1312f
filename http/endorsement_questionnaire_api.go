package http

import (
	"io"
	"net/http"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The questionnaire's JSON API: the candidate's side through their link's
// secret, with no token (GET and PUT /api/v1/questionnaire/{secret}), and
// the body's (the questions of a cycle, a candidate's questionnaire).

// apiQuestionnaire is a candidate's questionnaire as the API answers it,
// the answers a list rather than a map, in the questions' order.
type apiQuestionnaire struct {
	CandidateID int64                           `json:"candidate_id"`
	Version     int                             `json:"version"`
	Questions   []*rankfile.EndorsementQuestion `json:"questions"`
	Answers     []rankfile.EndorsementAnswer    `json:"answers"`
	Documents   []*rankfile.EndorsementDocument `json:"documents"`
	SavedAt     time.Time                       `json:"saved_at,omitzero"`
	SubmittedAt time.Time                       `json:"submitted_at,omitzero"`
}

func questionnaireJSON(q *rankfile.EndorsementQuestionnaire) apiQuestionnaire {
	out := apiQuestionnaire{CandidateID: q.CandidateID, Version: q.Version, Questions: q.Questions,
		Answers: []rankfile.EndorsementAnswer{}, Documents: nonNilList(q.Documents), SavedAt: q.SavedAt, SubmittedAt: q.SubmittedAt}
	for _, question := range q.Questions {
		if a, ok := q.Answers[question.ID]; ok {
			out.Answers = append(out.Answers, rankfile.EndorsementAnswer{QuestionID: question.ID, Answer: a})
		}
	}
	return out
}

// apiQuestionnaireLink is the questionnaire a link opens.
type apiQuestionnaireLink struct {
	Candidate     string           `json:"candidate"`
	Race          string           `json:"race"`
	Cycle         string           `json:"cycle"`
	Due           time.Time        `json:"due"`
	Open          bool             `json:"open"`
	Closed        string           `json:"closed,omitempty"`
	Questionnaire apiQuestionnaire `json:"questionnaire"`
}

func (s *Server) apiQuestionnaireByLink(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.QuestionnaireByLink(r.Context(), r.PathValue("secret"))
	if err != nil {
		return err
	}
	out := apiQuestionnaireLink{Candidate: v.Candidate.Name, Race: v.Race.Title(), Cycle: v.Cycle.Name,
		Due: v.Cycle.QuestionnaireDue, Open: v.Closed == nil, Questionnaire: questionnaireJSON(v.Questionnaire)}
	if v.Closed != nil {
		out.Closed = rankfile.ErrorMessage(v.Closed)
	}
	return writeJSON(w, http.StatusOK, out)
}

// apiAnswers is what a candidate sends: answers, and whether to submit.
type apiAnswers struct {
	Answers []rankfile.EndorsementAnswer `json:"answers"`
	Submit  bool                         `json:"submit"`
}

func (s *Server) apiSaveAnswersByLink(w http.ResponseWriter, r *http.Request) error {
	var in apiAnswers
	if err := decodeBody(r, &in, `a JSON object with "answers" ([{"question_id", "answer"}]) and "submit"`); err != nil {
		return err
	}
	if err := s.app.SaveAnswersByLink(r.Context(), r.PathValue("secret"), in.Answers, in.Submit); err != nil {
		return err
	}
	return s.apiQuestionnaireByLink(w, r)
}

// apiQuestions is a cycle's current questions as the API answers them.
type apiQuestions struct {
	CycleID   int64                           `json:"cycle_id"`
	Version   int                             `json:"version"`
	Sent      bool                            `json:"sent"`
	Questions []*rankfile.EndorsementQuestion `json:"questions"`
	// NewVersion answers a change: whether it made a new version.
	NewVersion *bool `json:"new_version,omitempty"`
}

func (s *Server) apiEndorsementQuestions(w http.ResponseWriter, r *http.Request) error {
	return s.writeQuestions(w, r, nil)
}

// writeQuestions answers with the cycle's questions as they are now.
func (s *Server) writeQuestions(w http.ResponseWriter, r *http.Request, newVersion *bool) error {
	id, err := endorsementCycleID(r)
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementQuestions(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apiQuestions{CycleID: v.Cycle.ID, Version: v.Cycle.QuestionnaireVersion, Sent: v.Sent,
		Questions: v.Questions, NewVersion: newVersion})
}

func (s *Server) apiSetEndorsementQuestions(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCycleID(r)
	if err != nil {
		return err
	}
	var in struct {
		Questions []*rankfile.EndorsementQuestion `json:"questions"`
	}
	if err := decodeBody(r, &in, `a JSON object with "questions" ([{"text", "text_es"}])`); err != nil {
		return err
	}
	newVersion, err := s.app.SetEndorsementQuestions(r.Context(), req(r).actor, id, in.Questions)
	if err != nil {
		return err
	}
	return s.writeQuestions(w, r, &newVersion)
}

// apiCandidateQuestionnaire is a candidate's questionnaire with who they
// are.
type apiCandidateQuestionnaire struct {
	Candidate     string           `json:"candidate"`
	RaceID        int64            `json:"race_id"`
	CycleID       int64            `json:"cycle_id"`
	Questionnaire apiQuestionnaire `json:"questionnaire"`
}

func (s *Server) apiCandidateQuestionnaire(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	v, err := s.app.CandidateQuestionnaire(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, candidateQuestionnaireJSON(v))
}

func candidateQuestionnaireJSON(v *app.CandidateQuestionnaireView) apiCandidateQuestionnaire {
	return apiCandidateQuestionnaire{Candidate: v.Candidate.Name, RaceID: v.Candidate.RaceID, CycleID: v.Cycle.ID,
		Questionnaire: questionnaireJSON(v.Questionnaire)}
}

// apiAttachByLink attaches a document through the candidate's link: the
// file is the request's body, its name the query's name, and its type
// read from its bytes, as for the page's upload.
func (s *Server) apiAttachByLink(w http.ResponseWriter, r *http.Request) error {
	secret := r.PathValue("secret")
	if _, err := s.app.QuestionnaireByLink(r.Context(), secret); err != nil {
		return err // before the upload is read
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, documentUpload))
	if err != nil {
		return rankfile.FieldErrorf("document", rankfile.EINVALID, "a document has at most %d MB", rankfile.MaxDocumentBytes>>20)
	}
	d, err := s.app.AddDocumentByLink(r.Context(), secret, r.URL.Query().Get("name"), data)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, d)
}

// apiRemoveByLink removes one of the candidate's own documents through
// their link.
func (s *Server) apiRemoveByLink(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "did", "document")
	if err != nil {
		return err
	}
	if err := s.app.RemoveDocumentByLink(r.Context(), r.PathValue("secret"), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
