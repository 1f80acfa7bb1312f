package http_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestACandidateFillsInTheQuestionnaireOnAPhone opens a candidate's link
// on a phone 390 pixels wide, not signed in: reads the questions in
// Spanish, answers, saves, attaches a PDF, submits after the confirmation,
// and finds the answers kept read-only. Each page fits the phone and
// passes axe-core.
func TestACandidateFillsInTheQuestionnaireOnAPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		q := w.questionnaire()
		axe, err := os.ReadFile("testdata/axe-core/axe.min.js")
		if err != nil {
			t.Fatal(err)
		}
		pdf := filepath.Join(t.TempDir(), "plataforma.pdf")
		if err := os.WriteFile(pdf, []byte("%PDF-1.4\nplataforma"), 0o600); err != nil {
			t.Fatal(err)
		}
		link := w.srv.URL + "/questionnaire/" + q.secret
		first, second := "#answer_"+itoa(q.questions[0].ID), "#answer_"+itoa(q.questions[1].ID)
		ctx := browser(t)
		do(t, ctx, "opening the link on a phone",
			chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(link),
			chromedp.WaitVisible(chromedp.CSS(first)))
		inSpanish(t, ctx)
		if label := text(t, ctx, `label[for="`+first[1:]+`"]`); label != "1. ¿Apoyarás el control de rentas?" {
			t.Errorf("the first question in Spanish reads %q", label)
		}
		fitsThePhone(t, ctx, "the questionnaire")
		screenshot(t, ctx, "questionnaire-es.png")
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector("`+first+`").value = "") === ""`)); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "answering and saving",
			chromedp.SendKeys(chromedp.CSS(first), "Sí, sin excepciones."),
			chromedp.SendKeys(chromedp.CSS(second), "Reducirlo a la mitad."),
			click(`button[value="save"]`),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := w.questionnaireOf(q.candidate.ID).Answers[q.questions[1].ID]; got != "Reducirlo a la mitad." {
			t.Errorf("saved %q", got)
		}
		do(t, ctx, "attaching a PDF",
			chromedp.SetUploadFiles(chromedp.ID("document"), []string{pdf}),
			click(`form[enctype="multipart/form-data"] button`),
			chromedp.WaitVisible(chromedp.CSS(`ul.documents li:nth-child(2)`)))
		for _, problem := range pageProblems(ctx, link, string(axe)) {
			t.Errorf("the questionnaire: %s", problem)
		}
		do(t, ctx, "asking to submit",
			chromedp.WaitVisible(chromedp.CSS(first)),
			click(`button[value="submit"]`),
			chromedp.WaitVisible(chromedp.CSS(`main button.danger`)))
		if answers := text(t, ctx, "dl.questionnaire"); !strings.Contains(answers, "Reducirlo a la mitad.") {
			t.Errorf("the confirmation shows %q", answers)
		}
		fitsThePhone(t, ctx, "the confirmation")
		screenshot(t, ctx, "questionnaire-confirm-es.png")
		do(t, ctx, "confirming",
			click(`main button.danger`),
			chromedp.WaitVisible(chromedp.CSS(`.notice.warning`)))
		if notice := text(t, ctx, `.notice[role="status"]`); notice != "Gracias: tu cuestionario está enviado." {
			t.Errorf("after submitting the page says %q", notice)
		}
		if n := read(ctx, chromedp.Evaluate[int](`document.querySelectorAll("main textarea, main input[type=file]").length`)); n != 0 {
			t.Errorf("%d fields still take answers once submitted", n)
		}
		fitsThePhone(t, ctx, "the submitted questionnaire")
		screenshot(t, ctx, "questionnaire-submitted-es.png")
		kept := w.questionnaireOf(q.candidate.ID)
		if kept.SubmittedAt.IsZero() || kept.Answers[q.questions[0].ID] != "Sí, sin excepciones." || len(kept.Documents) != 2 {
			t.Errorf("as kept: %+v", kept)
		}
	})
}
