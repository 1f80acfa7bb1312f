package rankfile

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The questionnaire: the chapter's questions, versioned per cycle. A new
// cycle starts from the last cycle's questions; the body may change them
// until a candidate is sent a link, after which a change makes a new
// version, and candidates already sent one keep theirs. A candidate's
// answers are saved as often as they like and confirmed once; confirmed,
// they and the question texts they answer are kept exactly as submitted.

// EndorsementQuestion is a question of a version of a cycle's
// questionnaire.
type EndorsementQuestion struct {
	ID       int64  `json:"id"`
	CycleID  int64  `json:"cycle_id"`
	Version  int    `json:"version"`
	Position int    `json:"position"`
	Text     string `json:"text"`
	// TextES is the question in Spanish, for candidates who answer in it.
	TextES string `json:"text_es,omitempty"`
}

// Limits on a questionnaire.
const (
	maxQuestionText = 2000
	// MaxQuestions bounds a questionnaire.
	MaxQuestions = 100
	// MaxAnswer bounds an answer.
	MaxAnswer = 20000
	// MaxDocuments bounds how many documents a candidate attaches, and
	// MaxDocumentBytes each one's size.
	MaxDocuments     = 10
	MaxDocumentBytes = 10 << 20
)

// CheckQuestions checks a questionnaire's questions before they are
// stored, trimming them and numbering their positions.
func CheckQuestions(qs []*EndorsementQuestion) error {
	if len(qs) == 0 || len(qs) > MaxQuestions {
		return FieldErrorf("questions", EINVALID, "a questionnaire has 1 to %d questions", MaxQuestions)
	}
	for i, q := range qs {
		q.Position, q.Text, q.TextES = i+1, strings.TrimSpace(q.Text), strings.TrimSpace(q.TextES)
		if q.Text == "" || utf8.RuneCountInString(q.Text) > maxQuestionText || utf8.RuneCountInString(q.TextES) > maxQuestionText {
			return FieldErrorf("questions", EINVALID, "question %d needs a text of at most %d characters", i+1, maxQuestionText)
		}
	}
	return nil
}

// EndorsementAnswer is a candidate's answer to a question.
type EndorsementAnswer struct {
	QuestionID int64  `json:"question_id"`
	Answer     string `json:"answer"`
}

// CheckAnswers checks a candidate's answers against the questions of
// their version: each answers one of them, once, within MaxAnswer.
func CheckAnswers(answers []EndorsementAnswer, questions []*EndorsementQuestion) error {
	ours := map[int64]bool{}
	for _, q := range questions {
		ours[q.ID] = true
	}
	seen := map[int64]bool{}
	for i := range answers {
		a := &answers[i]
		// Line ends are kept one way: a browser sends CRLF, and the same
		// answer read back and sent again is the same answer.
		a.Answer = strings.TrimSpace(strings.ReplaceAll(a.Answer, "\r\n", "\n"))
		switch {
		case !ours[a.QuestionID]:
			return Errorf(EINVALID, "question %d is not on this questionnaire", a.QuestionID)
		case seen[a.QuestionID]:
			return Errorf(EINVALID, "question %d is answered twice", a.QuestionID)
		case utf8.RuneCountInString(a.Answer) > MaxAnswer:
			return Errorf(EINVALID, "an answer has at most %d characters", MaxAnswer)
		}
		seen[a.QuestionID] = true
	}
	return nil
}

// CheckComplete refuses to submit answers that leave a question of the
// candidate's version unanswered: a confirmed questionnaire answers every
// question, so that members read no blanks the candidate did not mean.
func CheckComplete(answers []EndorsementAnswer, questions []*EndorsementQuestion) error {
	if len(questions) == 0 {
		return Errorf(EINVALID, "this questionnaire has no questions yet: come back once the chapter has set them")
	}
	given := map[int64]bool{}
	for _, a := range answers {
		if strings.TrimSpace(a.Answer) != "" {
			given[a.QuestionID] = true
		}
	}
	for _, q := range questions {
		if !given[q.ID] {
			return FieldErrorf("answers", EINVALID, "answer question %d before submitting: every question needs an answer", q.Position)
		}
	}
	return nil
}

// EndorsementDocument is a file a candidate attached: a PDF or an image.
type EndorsementDocument struct {
	ID          int64     `json:"id"`
	CandidateID int64     `json:"candidate_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	UploadedAt  time.Time `json:"uploaded_at"`
	// Data is the file, read only when it is downloaded.
	Data []byte `json:"-"`
}

// maxDocumentName bounds a document's file name.
const maxDocumentName = 200

// Validate checks a document before it is attached: its kind (sniffed
// from its bytes, never taken from the sender's word), its size, and a
// name, which defaults to "document".
func (d *EndorsementDocument) Validate() error {
	d.Name = strings.TrimSpace(d.Name)
	if d.Name == "" {
		d.Name = "document"
	}
	d.Size = len(d.Data)
	switch {
	case utf8.RuneCountInString(d.Name) > maxDocumentName:
		return FieldErrorf("document", EINVALID, "a document's name has at most %d characters", maxDocumentName)
	case d.Size == 0:
		return FieldErrorf("document", EINVALID, "the document is empty")
	case d.Size > MaxDocumentBytes:
		return FieldErrorf("document", EINVALID, "a document has at most %d MB", MaxDocumentBytes>>20)
	case !slices.Contains(DocumentTypes, d.ContentType):
		return FieldErrorf("document", EINVALID, "attach a PDF, PNG or JPEG file, not %s", d.ContentType)
	}
	return nil
}

// DocumentTypes are the kinds of file a candidate may attach, as sniffed
// from their first bytes.
var DocumentTypes = []string{"application/pdf", "image/png", "image/jpeg"}

// EndorsementQuestionnaire is a candidate's questionnaire as it stands:
// the questions of their version, their answers and documents.
type EndorsementQuestionnaire struct {
	CandidateID int64                  `json:"candidate_id"`
	Version     int                    `json:"version"`
	Questions   []*EndorsementQuestion `json:"questions"`
	// Answers holds an answer by question id; a question not answered has
	// none.
	Answers     map[int64]string       `json:"answers"`
	Documents   []*EndorsementDocument `json:"documents"`
	SavedAt     time.Time              `json:"saved_at,omitzero"`
	SubmittedAt time.Time              `json:"submitted_at,omitzero"`
}

// EndorsementQuestionnaireService stores a cycle's questions and each
// candidate's answers and documents.
type EndorsementQuestionnaireService interface {
	// SetQuestions stores a cycle's questions: in place of the current
	// version's while no candidate was sent a link to it (or it has no
	// questions), else as a new version, which becomes the cycle's
	// current one.
	SetQuestions(ctx context.Context, cycleID int64, qs []*EndorsementQuestion) error
	// Questions returns a version of a cycle's questions, in order; version
	// 0 is the current one.
	Questions(ctx context.Context, cycleID int64, version int) ([]*EndorsementQuestion, error)
	// Questionnaire returns a candidate's questionnaire, documents without
	// their data.
	Questionnaire(ctx context.Context, candidateID int64) (*EndorsementQuestionnaire, error)
	// SaveAnswers stores a candidate's answers in place of those saved,
	// while the questionnaire takes answers (check, in the transaction);
	// submit confirms them, after which nothing changes.
	SaveAnswers(ctx context.Context, candidateID int64, answers []EndorsementAnswer, submit bool, check func(*EndorsementCandidate) error) error
	// AddDocument attaches a document while the questionnaire takes
	// answers (check, in the transaction).
	AddDocument(ctx context.Context, d *EndorsementDocument, check func(*EndorsementCandidate) error) error
	// RemoveDocument removes a candidate's own document while the
	// questionnaire takes answers; another candidate's is ENOTFOUND.
	RemoveDocument(ctx context.Context, candidateID, documentID int64, check func(*EndorsementCandidate) error) error
	// Document returns a candidate's document with its data.
	Document(ctx context.Context, candidateID, documentID int64) (*EndorsementDocument, error)
}
