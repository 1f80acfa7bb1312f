package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/store/storetest"
)

// endorsementWorld is the voting world's chapter running an endorsement
// cycle whose questionnaire is due in a week: two candidates, and the
// questions set.
type endorsementWorld struct {
	*votingWorld
	cycle      *rankfile.EndorsementCycle
	candidates []*rankfile.EndorsementCandidate
	questions  []*rankfile.EndorsementQuestion
}

func newEndorsementWorld(t *testing.T, dsn string) *endorsementWorld {
	w := &endorsementWorld{votingWorld: newVotingWorldOf(t, dsn, 12)}
	due := w.now.Add(7 * 24 * time.Hour)
	w.cycle = &rankfile.EndorsementCycle{BodyID: w.chapter.ID, DecidingBodyID: w.chapter.ID, Name: "2027 municipal",
		ElectionDate: rankfile.MustParseDate("2027-06-01"), QuestionnaireDue: due, PublishAt: due.Add(24 * time.Hour)}
	races := []*rankfile.EndorsementRace{{Office: "City Council", District: "District 4"}}
	if err := w.app.CreateEndorsementCycle(ctx, w.admin, w.cycle, races); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*rankfile.EndorsementCandidate{{Name: "Rosa Parra", Email: "rosa@example.net"}, {Name: "Ana Ruiz"}} {
		c.RaceID = races[0].ID
		if err := w.app.SaveEndorsementCandidate(ctx, w.admin, c); err != nil {
			t.Fatal(err)
		}
		w.candidates = append(w.candidates, c)
	}
	w.questions = []*rankfile.EndorsementQuestion{{Text: "Rent control?", TextES: "¿Control de rentas?"}, {Text: "Police budget?"}}
	if _, err := w.app.SetEndorsementQuestions(ctx, w.admin, w.cycle.ID, w.questions); err != nil {
		t.Fatal(err)
	}
	return w
}

// link makes a candidate's link and returns its secret.
func (w *endorsementWorld) link(i int) (string, *app.QuestionnaireLink) {
	w.t.Helper()
	var secret string
	l, err := w.app.NewQuestionnaireLink(ctx, w.admin, w.candidates[i].ID, func(s string) string {
		secret = s
		return "https://rankfile.example/questionnaire/" + s
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return secret, l
}

// answers answers the world's questions in order.
func (w *endorsementWorld) answers(texts ...string) []rankfile.EndorsementAnswer {
	var out []rankfile.EndorsementAnswer
	for i, text := range texts {
		out = append(out, rankfile.EndorsementAnswer{QuestionID: w.questions[i].ID, Answer: text})
	}
	return out
}

// TestACandidateAnswersThroughTheirLink emails a candidate their link in
// both languages, has them save, attach and submit through it, and
// refuses a replaced link, another candidate's link on their document, a
// page posing as a document, and answers once submitted, each changing
// nothing.
func TestACandidateAnswersThroughTheirLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newEndorsementWorld(t, dsn)
		old, _ := w.link(0)
		smtp := w.withMail()
		secret, l := w.link(0)
		if l.EmailedTo != "rosa@example.net" || l.EmailFailed || !strings.HasSuffix(l.URL, secret) {
			t.Fatalf("link = %+v", l)
		}
		msg := smtp.Wait(t, "rosa@example.net", 5*time.Second)
		if !strings.Contains(msg.Text, l.URL) || !strings.Contains(msg.Text, "Rosa Parra") || !strings.Contains(msg.Subject, "/") {
			t.Errorf("email %q: %q", msg.Subject, msg.Text)
		}
		other, noMail := w.link(1)
		if noMail.EmailedTo != "" || noMail.EmailFailed {
			t.Errorf("a candidate with no address: %+v", noMail)
		}
		if err := w.app.SaveAnswersByLink(ctx, secret, w.answers("Yes, universal."), false); err != nil {
			t.Fatal(err)
		}
		if err := w.app.SaveAnswersByLink(ctx, old, w.answers("Replaced"), false); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a replaced link: %v", err)
		}
		doc, err := w.app.AddDocumentByLink(ctx, secret, "platform.pdf", []byte("%PDF-1.4\nplatform"))
		if err != nil || doc.ContentType != "application/pdf" {
			t.Fatalf("document = %+v, %v", doc, err)
		}
		if _, err := w.app.AddDocumentByLink(ctx, secret, "fake.pdf", []byte("<html><script>")); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a page posing as a PDF: %v", err)
		}
		if err := w.app.RemoveDocumentByLink(ctx, other, doc.ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("another's link removing the document: %v", err)
		}
		if _, err := w.app.DocumentByLink(ctx, other, doc.ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("another's link reading the document: %v", err)
		}
		if err := w.app.SaveAnswersByLink(ctx, secret, w.answers("Yes"), true); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a submission with a question left: %v", err)
		}
		if err := w.app.SaveAnswersByLink(ctx, secret, w.answers("Yes, universal.", "Halve it."), true); err != nil {
			t.Fatal(err)
		}
		if err := w.app.SaveAnswersByLink(ctx, secret, w.answers("Changed my mind", "x"), false); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("answers after submitting: %v", err)
		}
		if _, err := w.app.AddDocumentByLink(ctx, secret, "late.pdf", []byte("%PDF-1.4\nlate")); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a document after submitting: %v", err)
		}
		v, err := w.app.QuestionnaireByLink(ctx, secret)
		if err != nil || v.Closed == nil || v.Questionnaire.Answers[w.questions[0].ID] != "Yes, universal." ||
			len(v.Questionnaire.Documents) != 1 || v.Candidate.Email != "" {
			t.Fatalf("after = %+v, %v", v, err)
		}
		w.now = w.cycle.QuestionnaireDue.Add(time.Minute)
		if err := w.app.SaveAnswersByLink(ctx, other, w.answers("Late"), false); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("answers past due: %v", err)
		}
	})
}

// TestMembersReadAnswersOncePublished lets those who vet read a
// candidate's answers before they are published, and members only after,
// and only a questionnaire that was submitted.
func TestMembersReadAnswersOncePublished(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newEndorsementWorld(t, dsn)
		secret, _ := w.link(0)
		w.link(1)
		if err := w.app.SaveAnswersByLink(ctx, secret, w.answers("Yes.", "No."), true); err != nil {
			t.Fatal(err)
		}
		member := w.voter(5)
		vetter := &rankfile.Actor{Member: w.member(6), Belongs: []int64{w.chapter.ID}}
		if _, err := w.app.CandidateQuestionnaire(ctx, member, w.candidates[0].ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member before publication: %v", err)
		}
		if v, err := w.app.CandidateQuestionnaire(ctx, vetter, w.candidates[0].ID); err != nil || v.Questionnaire.Answers[w.questions[1].ID] != "No." {
			t.Errorf("one who vets: %+v, %v", v, err)
		}
		if _, err := w.app.CandidateQuestionnaire(ctx, rankfile.Anonymous, w.candidates[0].ID); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("nobody signed in: %v", err)
		}
		w.now = w.cycle.PublishAt
		v, err := w.app.CandidateQuestionnaire(ctx, member, w.candidates[0].ID)
		if err != nil || v.Questionnaire.Answers[w.questions[0].ID] != "Yes." || v.Candidate.Email != "" {
			t.Fatalf("a member once published: %+v, %v", v, err)
		}
		if _, err := w.app.CandidateQuestionnaire(ctx, member, w.candidates[1].ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a questionnaire never submitted: %v", err)
		}
	})
}

// TestQuestionsMakeANewVersionOnceSent reports a change of the questions
// after a link was sent as a new version, for those who run the cycle
// only.
func TestQuestionsMakeANewVersionOnceSent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newEndorsementWorld(t, dsn)
		if v, err := w.app.EndorsementQuestions(ctx, w.admin, w.cycle.ID); err != nil || v.Sent || len(v.Questions) != 2 {
			t.Fatalf("before any link: %+v, %v", v, err)
		}
		w.link(0)
		qs := []*rankfile.EndorsementQuestion{{Text: "Transit?"}}
		if _, err := w.app.SetEndorsementQuestions(ctx, w.voter(5), w.cycle.ID, qs); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member setting questions: %v", err)
		}
		if newVersion, err := w.app.SetEndorsementQuestions(ctx, w.admin, w.cycle.ID, qs); err != nil || !newVersion {
			t.Errorf("after a link: new version %v, %v", newVersion, err)
		}
		if v, err := w.app.EndorsementQuestions(ctx, w.admin, w.cycle.ID); err != nil || v.Sent || v.Cycle.QuestionnaireVersion != 2 {
			t.Errorf("version 2: %+v, %v", v, err)
		}
	})
}
