package http_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/locale"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// decisionPlan is the campaign plan sent to national for Rita: only those
// who vet Housing's cycle see it.
const decisionPlan = "Plan: 4,000 doors in Boyle Heights by May"

// decisionSecrets has Housing's co-chair run an endorsement cycle decided
// by the chapter, with two races: in the first, candidate 3 (Rita), whom
// the chapter endorsed on a petition by the co-coordinator, with her
// recommendation, national asked with the plan, and a review; candidate 4
// (Ben), recommended, with no petition; in the second, candidate 5
// (Carla), with nothing yet: the candidates of endorsementSecrets, 1 and
// 2, come first. It returns the secrets with the plan and
// Rita's address, which only those who vet see.
func (w *world) decisionSecrets(secrets []private) []private {
	w.t.Helper()
	chen := w.actor("cochair")
	now := w.db.Now()
	cycle := &rankfile.EndorsementCycle{BodyID: w.bodies["housing"].ID, DecidingBodyID: w.bodies["chapter"].ID,
		Name: "Municipal endorsements", ElectionDate: rankfile.DateOf(now.AddDate(0, 6, 0)),
		QuestionnaireDue: now.Add(-48 * time.Hour), PublishAt: now.Add(-24 * time.Hour)}
	races := []*rankfile.EndorsementRace{{Office: "City Council", District: "District 14"}, {Office: "Mayor"}}
	if err := w.app.CreateEndorsementCycle(ctx, chen, cycle, races); err != nil {
		w.t.Fatal(err)
	}
	var cands []*rankfile.EndorsementCandidate
	for i, name := range []string{"Rita Luna", "Ben Ortiz", "Carla Diaz"} {
		c := &rankfile.EndorsementCandidate{RaceID: races[i/2].ID, Name: name,
			Email: strings.ToLower(strings.Fields(name)[0]) + ".candidate@example.net"}
		if err := w.app.SaveEndorsementCandidate(ctx, chen, c); err != nil {
			w.t.Fatal(err)
		}
		cands = append(cands, c)
	}
	w.submitQuestionnaire(cycle.ID, cands[0].ID)
	for _, c := range cands[:2] {
		rec := &rankfile.EndorsementRecommendation{CandidateID: c.ID, Position: rankfile.RecommendEndorse,
			Text: "Housing recommends " + c.Name + ".", For: 6, Against: 1, DecidedOn: rankfile.DateOf(now)}
		if err := w.app.SetEndorsementRecommendation(ctx, chen, rec); err != nil {
			w.t.Fatal(err)
		}
	}
	p, err := w.app.StartEndorsementPetition(ctx, w.actor("coordinator"), cands[0].ID)
	if err != nil {
		w.t.Fatal(err)
	}
	from := rankfile.ProposalCollecting
	for _, to := range []rankfile.ProposalStatus{rankfile.ProposalQualified, rankfile.ProposalScheduled, rankfile.ProposalAdopted} {
		if err := store.NewProposalService(w.db).StepProposal(ctx, p.ID, &rankfile.ProposalStep{From: from, To: to}); err != nil {
			w.t.Fatal(err)
		}
		from = to
	}
	if err := w.app.RequestNationalEndorsement(ctx, chen, cands[0].ID, decisionPlan); err != nil {
		w.t.Fatal(err)
	}
	if err := w.app.AddEndorsementReview(ctx, chen, &rankfile.EndorsementReview{CandidateID: cands[0].ID, Text: "Held office hours in every branch."}); err != nil {
		w.t.Fatal(err)
	}
	vetters := only("cochair", "admin")
	return append(secrets, private{"the campaign plan sent to national", decisionPlan, vetters},
		private{"Rita's address", "rita.candidate@example.net", vetters})
}

// submitQuestionnaire gives the cycle two questions, in English and
// Spanish, and has the candidate answer and submit them.
func (w *world) submitQuestionnaire(cycleID, candidateID int64) {
	w.t.Helper()
	s := store.NewEndorsementService(w.db)
	qs := []*rankfile.EndorsementQuestion{{Text: "Will you back rent control?", TextES: "¿Apoyarás el control de rentas?"},
		{Text: "Do you take corporate money?", TextES: "¿Aceptas dinero de empresas?"}}
	if err := s.SetQuestions(ctx, cycleID, qs); err != nil {
		w.t.Fatal(err)
	}
	if _, err := s.NewQuestionnaireLink(ctx, candidateID); err != nil {
		w.t.Fatal(err)
	}
	qs, err := s.Questions(ctx, cycleID, 0)
	if err != nil || len(qs) != 2 {
		w.t.Fatal(qs, err)
	}
	answers := []rankfile.EndorsementAnswer{{QuestionID: qs[0].ID, Answer: "Yes, universal rent control."},
		{QuestionID: qs[1].ID, Answer: "No corporate money, ever."}}
	if err := s.SaveAnswers(ctx, candidateID, answers, true, func(*rankfile.EndorsementCandidate) error { return nil }); err != nil {
		w.t.Fatal(err)
	}
}

// TestDecisionPageFlow goes through the decision page as its readers: a
// mistake in the recommendation is said at its form and changes nothing;
// a member starts Carla's and Ben's petitions, which open for
// signatures, the petition's page linking back to the candidate; the
// packet comes as a
// PDF to those who vet, and to no other member.
func TestDecisionPageFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.decisionSecrets(w.endorsementSecrets(nil))
		chen := w.client("cochair")
		status, page := w.do(chen, "POST", "/endorsements/candidates/5/recommendation", url.Values{"position": {"endorse"},
			"text": {"Carla."}, "for": {"x"}, "against": {"0"}, "abstain": {"0"}, "decided_on": {"2026-11-20"}})
		if status != http.StatusBadRequest || !strings.Contains(page, `id="for-problem"`) {
			t.Errorf("a recommendation with no vote: %d, want 400 with the problem at the vote", status)
		}
		if _, page := w.do(chen, "GET", "/endorsements/candidates/5/decision", nil); strings.Contains(page, "Carla.") {
			t.Errorf("the refused recommendation was stored")
		}
		mia := w.client("member")
		if status, _ := w.do(mia, "POST", "/endorsements/candidates/5/petition", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("starting Carla's petition: %d", status)
		}
		_, page = w.do(mia, "GET", "/endorsements/candidates/5/decision", nil)
		if !strings.Contains(page, "Endorse Carla Diaz for Mayor") {
			t.Errorf("the decision page does not show the petition")
		}
		if status, _ := w.do(mia, "POST", "/endorsements/candidates/4/petition", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("starting Ben's petition: %d", status)
		}
		ben := w.candidateProposal(4)
		_, page = w.do(mia, "GET", "/proposals/"+strconv.FormatInt(ben, 10), nil)
		if !strings.Contains(page, `href="/endorsements/candidates/4/decision"`) {
			t.Errorf("the petition's page does not link to Ben's decision")
		}
		if status, _ := w.do(mia, "GET", "/endorsements/candidates/3/packet.pdf", nil); status != http.StatusForbidden {
			t.Errorf("a member reading the packet: %d", status)
		}
		a := w.fetch(chen, "GET", "/endorsements/candidates/3/packet.pdf", nil, "")
		if a.status != http.StatusOK || a.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(a.body, "%PDF") {
			t.Errorf("the packet: %d %s %.10q", a.status, a.header.Get("Content-Type"), a.body)
		}
	})
}

// candidateProposal returns the id of a candidate's petition.
func (w *world) candidateProposal(candidateID int64) int64 {
	w.t.Helper()
	found, err := store.NewEndorsementService(w.db).FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ID: candidateID})
	if err != nil || found[0].ProposalID == 0 {
		w.t.Fatalf("candidate %d's petition: %v", candidateID, err)
	}
	return found[0].ProposalID
}

// TestASecondSignatureInARaceIsRefused signs Ben's petition through the
// API and then Rita's, in the same race: the second is a conflict that
// names Ben's petition, and Rita's petition keeps no signature of hers.
func TestASecondSignatureInARaceIsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.decisionSecrets(w.endorsementSecrets(nil))
		mia := "Bearer " + w.token("member")
		a := w.fetch(http.DefaultClient, "POST", "/api/v1/endorsements/candidates/4/petition", strings.NewReader(""), "application/json",
			"Authorization", mia)
		if a.status != http.StatusCreated {
			t.Fatalf("starting Ben's petition: %d %s", a.status, a.body)
		}
		var p rankfile.Proposal
		if err := json.Unmarshal([]byte(a.body), &p); err != nil || p.Status != rankfile.ProposalCollecting {
			t.Fatalf("the petition: %+v, %v", p, err)
		}
		sign := func(id int64) answer {
			return w.fetch(w.client("member"), "POST", "/proposals/"+strconv.FormatInt(id, 10)+"/sign", formBody(url.Values{}), formType)
		}
		if a := sign(p.ID); a.status != http.StatusSeeOther {
			t.Fatalf("signing Ben's petition: %d", a.status)
		}
		carla := w.fetch(http.DefaultClient, "POST", "/api/v1/endorsements/candidates/5/petition", strings.NewReader(""), "application/json",
			"Authorization", "Bearer "+w.token("coordinator"))
		if carla.status != http.StatusCreated {
			t.Fatalf("starting Carla's petition: %d", carla.status)
		}
		rival := w.startRivalPetition(p.ID)
		a = sign(rival)
		if a.status != http.StatusConflict || !strings.Contains(a.body, "Endorse Ben Ortiz") {
			t.Errorf("a second signature in the race: %d, want 409 naming Ben's petition", a.status)
		}
		if signed, _ := store.NewProposalService(w.db).Signed(ctx, rival, w.member("5").ID); signed {
			t.Errorf("the refused signature was stored")
		}
	})
}

// startRivalPetition starts a petition for a fourth candidate, in Ben's
// race, by the coordinator, and returns it.
func (w *world) startRivalPetition(benPetition int64) int64 {
	w.t.Helper()
	found, err := store.NewEndorsementService(w.db).FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ProposalID: benPetition})
	if err != nil || len(found) != 1 {
		w.t.Fatal(err)
	}
	dana := &rankfile.EndorsementCandidate{RaceID: found[0].RaceID, Name: "Dana Ruiz"}
	if err := w.app.SaveEndorsementCandidate(ctx, w.actor("cochair"), dana); err != nil {
		w.t.Fatal(err)
	}
	p, err := w.app.StartEndorsementPetition(ctx, w.actor("coordinator"), dana.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return p.ID
}

// TestDecisionPagesAreWhollySpanish reads the decision pages in Spanish,
// as their runner and as a member, with a mistake in a form, and finds no
// English and no message missing.
func TestDecisionPagesAreWhollySpanish(t *testing.T) {
	english := englishOnlyWords(t)
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.decisionSecrets(w.endorsementSecrets(nil))
	for _, role := range []string{"cochair", "member"} {
		c := w.client(role)
		for _, p := range []string{"/endorsements/candidates/3/decision", "/endorsements/candidates/4/decision", "/endorsements/candidates/5/decision"} {
			status, page := w.do(c, "GET", p, nil, "Cookie", "rankfile_lang=es")
			if status != http.StatusOK || locale.MissingMarker(page) {
				t.Errorf("%s as %s: status %d, missing message %v", p, role, status, locale.MissingMarker(page))
			}
			if found := englishIn(english, readable(withoutDecisionData(page))); len(found) > 0 {
				t.Errorf("%s as %s shows English: %s", p, role, strings.Join(found, ", "))
			}
		}
	}
	status, page := w.do(w.client("cochair"), "POST", "/endorsements/candidates/3/reviews", url.Values{"text": {" "}}, "Cookie", "rankfile_lang=es")
	if found := englishIn(english, readable(withoutDecisionData(page))); status != http.StatusBadRequest || len(found) > 0 {
		t.Errorf("an empty review in Spanish: %d, English %v", status, found)
	}
}

// withoutDecisionData leaves out of a page what decisionSecrets wrote in
// English: the race, the reviews and the petitions' titles, which are the
// records' own words, not the page's.
func withoutDecisionData(page string) string {
	return strings.NewReplacer("City Council", "", "District 14", "", "Municipal endorsements", "", "Held office hours in every branch.", "",
		"Endorse Rita Luna for", "", "Endorse Ben Ortiz for", "", "Housing recommends", "").Replace(page)
}

// TestThePacketPrintsInTheReadersLanguage prints Rita's packet for
// national in English and in Spanish, read back with pdftotext: its
// title, the candidate, the questionnaire as submitted (its questions in
// the reader's language), the recommendation and the plan; its JSON twin
// carries the same.
func TestThePacketPrintsInTheReadersLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) { packetInTheReadersLanguage(t, newWorld(t, dsn)) })
}

// packetInTheReadersLanguage is TestThePacketPrintsInTheReadersLanguage on
// one database.
func packetInTheReadersLanguage(t *testing.T, w *world) {
	w.decisionSecrets(w.endorsementSecrets(nil))
	chen := w.client("cochair")
	for lang, words := range map[string][]string{
		"en": {"Request for national's endorsement", "The body's recommendation", "No meeting's vote decided",
			"1. Will you back rent control?"},
		"es": {"Solicitud de respaldo nacional", "La recomendación del organismo", "Ninguna votación de asamblea",
			"1. ¿Apoyarás el control de rentas?"},
	} {
		a := w.fetch(chen, "GET", "/endorsements/candidates/3/packet.pdf", nil, "", "Cookie", "rankfile_lang="+lang)
		if a.status != http.StatusOK || !strings.HasPrefix(a.body, "%PDF") {
			t.Fatalf("the packet in %s: %d", lang, a.status)
		}
		doc := sheetText(t, a.body)
		if doc == "" {
			t.Skip("pdftotext is not installed")
		}
		for _, want := range append(words, "Rita Luna", "Housing recommends Rita Luna.", "4,000 doors in Boyle Heights",
			"Yes, universal rent control.", "No corporate money, ever.") {
			if !strings.Contains(strings.Join(strings.Fields(doc), " "), want) {
				t.Errorf("the packet in %s lacks %q:\n%s", lang, want, doc)
			}
		}
	}
	a := w.fetch(http.DefaultClient, "GET", "/api/v1/endorsements/candidates/3/packet", nil, "", "Authorization", "Bearer "+w.token("cochair"))
	var pk struct {
		Candidate     struct{ Name, Decision string }
		National      struct{ Plan string }
		Questionnaire struct {
			Answers []struct{ Question, Answer string }
		}
	}
	if err := json.Unmarshal([]byte(a.body), &pk); err != nil || pk.Candidate.Name != "Rita Luna" || pk.Candidate.Decision != "endorsed" ||
		pk.National.Plan != decisionPlan || len(pk.Questionnaire.Answers) != 2 || pk.Questionnaire.Answers[1].Answer != "No corporate money, ever." {
		t.Errorf("the packet as JSON: %d %+v, %v", a.status, pk, err)
	}
}
