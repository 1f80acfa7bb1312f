package app

import (
	"context"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// What a candidate does through their questionnaire's secret link: they
// are not members and do not sign in; the secret is who they are. Each
// operation first finds the candidate whose current link the secret is (a
// replaced link is ENOTFOUND), then does only what the link lets them:
// their own answers and documents, while the questionnaire takes answers.

// QuestionnaireLinkView is a candidate's questionnaire as their link
// opens it.
type QuestionnaireLinkView struct {
	Candidate     *rankfile.EndorsementCandidate
	Race          *rankfile.EndorsementRace
	Cycle         *rankfile.EndorsementCycle
	Questionnaire *rankfile.EndorsementQuestionnaire
	// Closed says why the questionnaire takes no more answers (submitted,
	// past due, withdrawn); nil while it does.
	Closed error
}

// QuestionnaireByLink opens the questionnaire the secret links to.
func (a *App) QuestionnaireByLink(ctx context.Context, secret string) (*QuestionnaireLinkView, error) {
	c, err := a.Endorsements.FindQuestionnaireLink(ctx, secret)
	if err != nil {
		return nil, err
	}
	cycles, err := a.Endorsements.FindCycles(ctx, rankfile.EndorsementCycleFilter{ID: c.CycleID})
	if err != nil {
		return nil, err
	}
	race, err := a.Endorsements.FindRace(ctx, c.RaceID)
	if err != nil {
		return nil, err
	}
	q, err := a.Endorsements.Questionnaire(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	c.Email = "" // the page needs no address, and shows none to whoever holds the link
	return &QuestionnaireLinkView{Candidate: c, Race: race, Cycle: cycles[0], Questionnaire: q,
		Closed: c.CheckAnswerable(cycles[0], a.Now().In(a.Zone))}, nil
}

// answerable is the check the store runs on the candidate, in the
// transaction that changes their questionnaire.
func (a *App) answerable(ctx context.Context, c *rankfile.EndorsementCandidate) error {
	cycles, err := a.Endorsements.FindCycles(ctx, rankfile.EndorsementCycleFilter{ID: c.CycleID})
	if err != nil {
		return err
	}
	return c.CheckAnswerable(cycles[0], a.Now().In(a.Zone))
}

// linkCandidate finds the candidate whose current link the secret is, and
// the check their changes go through.
func (a *App) linkCandidate(ctx context.Context, secret string) (*rankfile.EndorsementCandidate, func(*rankfile.EndorsementCandidate) error, error) {
	c, err := a.Endorsements.FindQuestionnaireLink(ctx, secret)
	if err != nil {
		return nil, nil, err
	}
	check := func(held *rankfile.EndorsementCandidate) error { return a.answerable(ctx, held) }
	return c, check, nil
}

// SaveAnswersByLink stores the answers of the candidate whose link the
// secret is in place of those saved; submit confirms them, after which
// they are kept as they were submitted.
func (a *App) SaveAnswersByLink(ctx context.Context, secret string, answers []rankfile.EndorsementAnswer, submit bool) error {
	c, check, err := a.linkCandidate(ctx, secret)
	if err != nil {
		return err
	}
	return a.Endorsements.SaveAnswers(ctx, c.ID, answers, submit, check)
}

// AddDocumentByLink attaches a document to the questionnaire the secret
// links to; its kind is read from its bytes.
func (a *App) AddDocumentByLink(ctx context.Context, secret, name string, data []byte) (*rankfile.EndorsementDocument, error) {
	c, check, err := a.linkCandidate(ctx, secret)
	if err != nil {
		return nil, err
	}
	d := &rankfile.EndorsementDocument{CandidateID: c.ID, Name: name, ContentType: sniffDocument(data), Data: data}
	if err := a.Endorsements.AddDocument(ctx, d, check); err != nil {
		return nil, err
	}
	return d, nil
}

// RemoveDocumentByLink removes a document of the questionnaire the secret
// links to; another candidate's document is ENOTFOUND.
func (a *App) RemoveDocumentByLink(ctx context.Context, secret string, documentID int64) error {
	c, check, err := a.linkCandidate(ctx, secret)
	if err != nil {
		return err
	}
	return a.Endorsements.RemoveDocument(ctx, c.ID, documentID, check)
}

// DocumentByLink returns a document of the questionnaire the secret links
// to, with its data; another candidate's is ENOTFOUND.
func (a *App) DocumentByLink(ctx context.Context, secret string, documentID int64) (*rankfile.EndorsementDocument, error) {
	c, err := a.Endorsements.FindQuestionnaireLink(ctx, secret)
	if err != nil {
		return nil, err
	}
	return a.Endorsements.Document(ctx, c.ID, documentID)
}

// QuestionnaireLink is a link just made to a candidate's questionnaire.
type QuestionnaireLink struct {
	// URL is the link, shown once to the one who made it: only its hash
	// is kept.
	URL string
	// EmailedTo is the address the link was sent to, "" when the
	// candidate has none or the email could not be sent (EmailFailed).
	EmailedTo   string
	EmailFailed bool
}

// NewQuestionnaireLink makes a new link to a candidate's questionnaire,
// ending the one before, for those who run the cycle, and emails it to the
// candidate when they have an address (and the chapter sends email).
// linkFor turns the secret into the
// link. The email goes at once, not through the outbox: the outbox writes
// its emails from what the database keeps, and it keeps only the link's
// hash; the page says whether it went.
func (a *App) NewQuestionnaireLink(ctx context.Context, actor *rankfile.Actor, candidateID int64, linkFor func(secret string) string) (*QuestionnaireLink, error) {
	v, err := a.runCandidate(ctx, actor, candidateID)
	if err != nil {
		return nil, err
	}
	secret, err := a.Endorsements.NewQuestionnaireLink(as(ctx, actor), candidateID)
	if err != nil {
		return nil, err
	}
	out := &QuestionnaireLink{URL: linkFor(secret)}
	if v.Candidate.Email == "" || a.Mailer == nil {
		return out, nil
	}
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), mailTimeout)
	defer cancel()
	if err := a.Mailer.Send(mctx, a.questionnaireMessage(v, out.URL)); err != nil {
		a.Logger.Error("sending a questionnaire link", "candidate", candidateID, "err", err)
		out.EmailFailed = true
		return out, nil
	}
	out.EmailedTo = v.Candidate.Email
	return out, nil
}

// questionnaireMessage is the email with a candidate's link, in English
// and Spanish at once: the chapter does not know which the candidate
// reads.
func (a *App) questionnaireMessage(v *EndorsementCandidateView, link string) *rankfile.Message {
	var b strings.Builder
	var subjects []string
	for _, lang := range []string{"en", "es"} {
		l := locale.For(lang)
		subjects = append(subjects, l.T("questionnaire.mail.subject", "Org", a.Name))
		b.WriteString(l.T("questionnaire.mail.text", "Name", v.Candidate.Name, "Org", a.Name, "Race", v.Race.Title(),
			"Due", l.DateTime(v.Cycle.QuestionnaireDue, a.Zone)) + "\n\n" + link + "\n\n")
		b.WriteString(l.T("questionnaire.mail.keep") + "\n\n")
	}
	return &rankfile.Message{To: v.Candidate.Email, Subject: strings.Join(subjects, " / "), Text: b.String(),
		Kind: "questionnaire-link"}
}
