package store_test

import (
	"bytes"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// open lets any candidate answer.
func open(*rankfile.EndorsementCandidate) error { return nil }

// setQuestions stores the texts as the cycle's questions.
func setQuestions(t *testing.T, s *store.EndorsementService, cycleID int64, texts ...string) []*rankfile.EndorsementQuestion {
	t.Helper()
	var qs []*rankfile.EndorsementQuestion
	for _, text := range texts {
		qs = append(qs, &rankfile.EndorsementQuestion{Text: text, TextES: "¿" + text + "?"})
	}
	if err := s.SetQuestions(ctx, cycleID, qs); err != nil {
		t.Fatal(err)
	}
	return qs
}

// TestQuestionsAreVersionedOnceALinkIsSent changes the questions in place
// while no candidate holds a link, then as version 2 once one does: the
// candidate keeps version 1, a candidate sent a link later gets version 2,
// and the next cycle of the body starts from version 2's questions.
func TestQuestionsAreVersionedOnceALinkIsSent(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c, races, cand := newCycle(t, db)
		setQuestions(t, s, c.ID, "Draft")
		first := setQuestions(t, s, c.ID, "Rent control")
		if got, err := s.Questions(ctx, c.ID, 0); err != nil || len(got) != 1 || got[0].Text != "Rent control" ||
			got[0].Version != 1 || got[0].TextES != "¿Rent control?" || got[0].ID != first[0].ID {
			t.Fatalf("version 1 = %+v, %v", got, err)
		}
		if _, err := s.NewQuestionnaireLink(ctx, cand.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAnswers(ctx, cand.ID, nil, false, open); err != nil {
			t.Fatal(err)
		}
		setQuestions(t, s, c.ID, "Rent control", "Police budget", "Transit")
		if got, err := s.Questions(ctx, c.ID, 0); err != nil || len(got) != 3 || got[0].Version != 2 {
			t.Fatalf("current = %+v, %v", got, err)
		}
		if got, err := s.Questions(ctx, c.ID, 1); err != nil || len(got) != 1 {
			t.Fatalf("version 1 after = %+v, %v", got, err)
		}
		q, err := s.Questionnaire(ctx, cand.ID)
		if err != nil || q.Version != 1 || len(q.Questions) != 1 || q.Questions[0].ID != first[0].ID {
			t.Fatalf("the candidate's questionnaire = %+v, %v", q, err)
		}
		later := &rankfile.EndorsementCandidate{RaceID: races[1].ID, Name: "Ana Ruiz"}
		if err := s.SaveCandidate(ctx, later); err != nil {
			t.Fatal(err)
		}
		if _, err := s.NewQuestionnaireLink(ctx, later.ID); err != nil {
			t.Fatal(err)
		}
		if q, err := s.Questionnaire(ctx, later.ID); err != nil || q.Version != 2 || len(q.Questions) != 3 {
			t.Fatalf("the later candidate's questionnaire = %+v, %v", q, err)
		}
		if err := s.SetQuestions(ctx, c.ID, nil); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("no questions: %v", err)
		}
		if err := s.SetQuestions(ctx, 999, []*rankfile.EndorsementQuestion{{Text: "x"}}); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("no such cycle: %v", err)
		}
		next := *c
		next.ID, next.Name = 0, "2028 primary"
		if err := s.CreateCycle(ctx, &next, nil); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Questions(ctx, next.ID, 0); err != nil || len(got) != 3 || got[2].Text != "Transit" {
			t.Errorf("the next cycle's questions = %+v, %v", got, err)
		}
	})
}

// TestALinkToNoQuestionsKeepsNothing sends a candidate a link before the
// cycle has questions: the questions set after are theirs, in place, and
// until then nothing can be submitted.
func TestALinkToNoQuestionsKeepsNothing(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c, _, cand := newCycle(t, db)
		if _, err := s.NewQuestionnaireLink(ctx, cand.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveAnswers(ctx, cand.ID, nil, true, open); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("submitting no questions: %v", err)
		}
		setQuestions(t, s, c.ID, "Rent control")
		q, err := s.Questionnaire(ctx, cand.ID)
		if err != nil || q.Version != 1 || len(q.Questions) != 1 || !q.SubmittedAt.IsZero() {
			t.Fatalf("the candidate's questionnaire = %+v, %v", q, err)
		}
	})
}

// TestAnswersAreSavedThenSubmittedAsTheyWere saves answers twice (the
// second replacing the first), refuses a submission with a question
// unanswered, an answer to another version's question, and an answer
// after the check refuses, each changing nothing; then submits.
func TestAnswersAreSavedThenSubmittedAsTheyWere(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c, _, cand := newCycle(t, db)
		qs := setQuestions(t, s, c.ID, "Rent control", "Police budget")
		if err := s.SaveAnswers(ctx, cand.ID, nil, false, open); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("answers before any link: %v", err)
		}
		if _, err := s.NewQuestionnaireLink(ctx, cand.ID); err != nil {
			t.Fatal(err)
		}
		save := func(submit bool, check func(*rankfile.EndorsementCandidate) error, answers ...string) error {
			var as []rankfile.EndorsementAnswer
			for i, a := range answers {
				as = append(as, rankfile.EndorsementAnswer{QuestionID: qs[i].ID, Answer: a})
			}
			return s.SaveAnswers(ctx, cand.ID, as, submit, check)
		}
		if err := save(false, open, "Yes, universal.", "Cut it"); err != nil {
			t.Fatal(err)
		}
		if err := save(false, open, " Yes, with vacancy control. "); err != nil {
			t.Fatal(err)
		}
		if err := save(true, open, "Everything", ""); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a submission with a blank: %v", err)
		}
		other := []rankfile.EndorsementAnswer{{QuestionID: qs[0].ID + 1000, Answer: "x"}}
		if err := s.SaveAnswers(ctx, cand.ID, other, false, open); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("another questionnaire's question: %v", err)
		}
		closed := func(*rankfile.EndorsementCandidate) error { return rankfile.Errorf(rankfile.ECONFLICT, "closed") }
		if err := save(false, closed, "Too late"); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a refused save: %v", err)
		}
		q, err := s.Questionnaire(ctx, cand.ID)
		if err != nil || len(q.Answers) != 1 || q.Answers[qs[0].ID] != "Yes, with vacancy control." || q.SavedAt.IsZero() ||
			!q.SubmittedAt.IsZero() {
			t.Fatalf("saved = %+v, %v", q, err)
		}
		if err := save(true, open, "Yes.", "Defund."); err != nil {
			t.Fatal(err)
		}
		found, err := s.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ID: cand.ID})
		if err != nil || !found[0].Submitted() {
			t.Fatalf("submitted = %+v, %v", found, err)
		}
		if q, err := s.Questionnaire(ctx, cand.ID); err != nil || q.Answers[qs[1].ID] != "Defund." || q.SubmittedAt.IsZero() {
			t.Errorf("as submitted = %+v, %v", q, err)
		}
	})
}

// TestDocumentsAreTheCandidatesOwn attaches documents up to the limit,
// refuses a kind not allowed and one more, and lets no candidate remove
// or read another's.
func TestDocumentsAreTheCandidatesOwn(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c, races, cand := newCycle(t, db)
		setQuestions(t, s, c.ID, "Rent control")
		other := &rankfile.EndorsementCandidate{RaceID: races[0].ID, Name: "Ana Ruiz"}
		if err := s.SaveCandidate(ctx, other); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{cand.ID, other.ID} {
			if _, err := s.NewQuestionnaireLink(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		pdf := []byte("%PDF-1.4 platform")
		var docs []*rankfile.EndorsementDocument
		for range rankfile.MaxDocuments {
			d := &rankfile.EndorsementDocument{CandidateID: cand.ID, Name: "platform.pdf", ContentType: "application/pdf", Data: pdf}
			if err := s.AddDocument(ctx, d, open); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, d)
		}
		more := &rankfile.EndorsementDocument{CandidateID: cand.ID, Name: "more.pdf", ContentType: "application/pdf", Data: pdf}
		if err := s.AddDocument(ctx, more, open); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("one too many: %v", err)
		}
		html := &rankfile.EndorsementDocument{CandidateID: other.ID, Name: "x.html", ContentType: "text/html; charset=utf-8", Data: []byte("<p>")}
		if err := s.AddDocument(ctx, html, open); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a page: %v", err)
		}
		if err := s.RemoveDocument(ctx, other.ID, docs[0].ID, open); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("another's document removed: %v", err)
		}
		if _, err := s.Document(ctx, other.ID, docs[0].ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("another's document read: %v", err)
		}
		got, err := s.Document(ctx, cand.ID, docs[0].ID)
		if err != nil || !bytes.Equal(got.Data, pdf) || got.Size != len(pdf) || got.ContentType != "application/pdf" {
			t.Fatalf("document = %+v, %v", got, err)
		}
		if err := s.RemoveDocument(ctx, cand.ID, docs[0].ID, open); err != nil {
			t.Fatal(err)
		}
		if q, err := s.Questionnaire(ctx, cand.ID); err != nil || len(q.Documents) != rankfile.MaxDocuments-1 || q.Documents[0].Data != nil {
			t.Errorf("documents after = %d, %v", len(q.Documents), err)
		}
	})
}
