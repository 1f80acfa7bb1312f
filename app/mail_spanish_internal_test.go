package app

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
)

// TestEveryEmailInSpanish writes every email rankfile sends, of every kind,
// to a member who reads Spanish, and looks in each for a message missing
// from the catalogs and for English the catalog finder knows. The data are
// Spanish, so that any English found is rankfile's own.
func TestEveryEmailInSpanish(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	a := &App{Name: "Capítulo de prueba", Zone: la, Now: time.Now}
	l := locale.For("es")
	m := &rankfile.Member{FirstName: "Lupita", LastName: "Ruiz", Email: "lupita@example.org"}
	start := time.Now().Add(48 * time.Hour)
	e := &rankfile.Event{ID: 3, Title: "Asamblea de vecinos", StartsAt: start, EndsAt: start.Add(2 * time.Hour), Zone: "America/Los_Angeles",
		Address: "Calle Uno 1", OnlineURL: "https://llamada.example/1", PrivateDetails: "Clave 4242", Registration: true, Capacity: 10}
	election := &rankfile.Election{Title: "Copresidencia", VotingClose: start, NominationsClose: start}
	p := &rankfile.Proposal{Title: "Autobuses gratis", Status: rankfile.ProposalAdopted, Signatures: rankfile.SignatureCount{Total: 5, Valid: 4}}
	var msgs []*rankfile.Message
	msgs = append(msgs, signInMessage(l, a.Name, m.Email, []rankfile.SignInLink{{Member: m, Token: "x"}}, func(s string) string { return "https://r.example/" + s }),
		signInMessage(l, a.Name, m.Email, []rankfile.SignInLink{{Member: m, Token: "x"}, {Member: m, Token: "y"}}, func(s string) string { return "https://r.example/" + s }),
		a.nominationMessage(l, election, &rankfile.Contest{Title: "Copresidencia"}, m, m, "https://r.example/e"))
	for _, kind := range []string{rankfile.MailOpening, rankfile.MailReminder, rankfile.MailResults} {
		msgs = append(msgs, electionMessage(l, a, election, kind, m, "https://r.example/e"))
	}
	for _, kind := range []string{rankfile.MailProposalQualified, rankfile.MailProposalScheduled, rankfile.MailProposalDecided} {
		note := rankfile.NoteMessage("proposal.note.scheduled", "Meeting", "Asamblea general", "At", start)
		msgs = append(msgs, proposalMessage(l, a, p, kind, note, m, "https://r.example/p"))
	}
	to := &recipient{email: m.Email, name: m.FirstName, l: l, link: "https://r.example/r"}
	reg := &rankfile.Registration{Place: 2, ExpiresAt: start}
	for _, kind := range []rankfile.NoticeKind{rankfile.NoticeConfirm, rankfile.NoticeRegistered, rankfile.NoticeWaitlisted,
		rankfile.NoticePromoted, rankfile.NoticeReminder, rankfile.NoticeMoved, rankfile.NoticeCancelled} {
		msg, _, err := a.eventMessage(&rankfile.Notice{Kind: kind}, e, reg, to, "https://r.example")
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, msg)
	}
	spanish := &rankfile.Member{FirstName: m.FirstName, Email: m.Email, Preferences: rankfile.Preferences{Language: "es"}}
	msgs = append(msgs, a.welcomeMessage(spanish, "https://r.example", 1), orientationMessage(spanish, e, "https://r.example", 2))
	weekly := &weeklyCopy{l: l, m: m, events: []*rankfile.Event{e}, base: "https://r.example", unsubscribe: "https://r.example/u",
		c: &weeklyContent{weekly: &rankfile.WeeklyEmail{Intro: "Come along."}, bodies: map[int64]*rankfile.Body{}}}
	msgs = append(msgs, &rankfile.Message{Subject: WeeklySubject(l, &rankfile.WeeklyEmail{WeekOf: rankfile.DateOf(start).Monday()}),
		Text: strings.Replace(weekly.text(a.Name), "Come along.", "", 1), Kind: "weekly"})
	english := locale.EnglishOnly()
	for _, msg := range msgs {
		text := msg.Subject + "\n" + msg.Text
		var found []string
		for _, w := range locale.Words(links.ReplaceAllString(text, " ")) {
			if english[w] {
				found = append(found, w)
			}
		}
		if locale.MissingMarker(text) || len(found) > 0 {
			t.Errorf("the %s email in Spanish shows English %v or a missing message:\n%s", msg.Kind, found, text)
		}
	}
}

// links are the addresses in an email, which are not words.
var links = regexp.MustCompile(`https?://\S+`)
