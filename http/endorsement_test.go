package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// endorsementSecrets gives the matrix's chapter an endorsement cycle (1)
// run by Housing and decided by the chapter, with a race (1), a candidate
// (1) whose address only those who vet see, and a candidate (2) whom
// Housing's co-chair withdraws in the matrix.
func (w *world) endorsementSecrets(secrets []private) []private {
	w.t.Helper()
	chen := w.actor("cochair")
	due := w.db.Now().Add(14 * 24 * time.Hour)
	c := &rankfile.EndorsementCycle{BodyID: w.bodies["housing"].ID, DecidingBodyID: w.bodies["chapter"].ID,
		Name: "Municipal 2027", ElectionDate: w.db.Today().AddDays(120), QuestionnaireDue: due, PublishAt: due.Add(48 * time.Hour)}
	races := []*rankfile.EndorsementRace{{Office: "City Council", District: "District 4"}}
	if err := w.app.CreateEndorsementCycle(ctx, chen, c, races); err != nil {
		w.t.Fatal(err)
	}
	for _, cand := range []*rankfile.EndorsementCandidate{{RaceID: races[0].ID, Name: "Rosa Parra", Email: "rosa.parra@example.net"},
		{RaceID: races[0].ID, Name: "Walt Away"}} {
		if err := w.app.SaveEndorsementCandidate(ctx, chen, cand); err != nil {
			w.t.Fatal(err)
		}
	}
	return append(secrets, private{"a candidate's email", "rosa.parra@example.net", only("cochair", "admin")})
}

// TestEndorsementCycleFromThePages starts a cycle as Housing's co-chair,
// adds a race and a candidate through the forms, makes the candidate's
// link (shown once), and sees a member read the candidate without their
// address or the link.
func TestEndorsementCycleFromThePages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		chen := w.client("cochair")
		form := url.Values{"body": {itoa(w.bodies["housing"].ID)}, "deciding_body": {itoa(w.bodies["chapter"].ID)},
			"name": {"Municipal 2027"}, "election_date": {"2027-06-01"}, "questionnaire_due": {"2027-02-01T17:00"},
			"publish_at": {"2027-01-01T17:00"}, "threshold": {"two_thirds"}}
		status, body := w.do(chen, "POST", "/endorsements", form)
		if status != http.StatusBadRequest || !strings.Contains(body, "published once the questionnaire is due") {
			t.Fatalf("publishing before the due date: %d", status)
		}
		form.Set("publish_at", "2027-02-03T17:00")
		w.mustMove(chen, "/endorsements", form)
		cycles, err := w.app.Endorsements.FindCycles(ctx, rankfile.EndorsementCycleFilter{})
		if err != nil || len(cycles) != 1 || cycles[0].Threshold != rankfile.ThresholdTwoThirds {
			t.Fatal(cycles, err)
		}
		cycle := "/endorsements/cycles/" + itoa(cycles[0].ID)
		w.mustMove(chen, cycle+"/races", url.Values{"office": {"City Council"}, "district": {"District 4"}, "seats": {"1"}})
		races, _ := w.app.Endorsements.Races(ctx, cycles[0].ID)
		w.mustMove(chen, "/endorsements/races/"+itoa(races[0].ID)+"/candidates", url.Values{"name": {"Rosa Parra"}, "email": {"rosa@example.net"}})
		found, _ := w.app.Endorsements.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{RaceID: races[0].ID})
		candidate := "/endorsements/candidates/" + itoa(found[0].ID)
		if status, page := w.do(chen, "POST", candidate+"/link", nil); status != http.StatusOK || !strings.Contains(page, "/questionnaire/q-") {
			t.Fatalf("the link is not shown once made: %d %s", status, page)
		}
		if _, page := w.do(chen, "GET", cycle, nil); !strings.Contains(page, "City Council, District 4") || !strings.Contains(page, "Rosa Parra") {
			t.Errorf("the cycle's page lacks its race or candidate: %s", page)
		}
		status, page := w.do(w.client("member"), "GET", candidate, nil)
		if status != http.StatusOK || !strings.Contains(page, "Rosa Parra") || strings.Contains(page, "rosa@example.net") ||
			strings.Contains(page, "/questionnaire/q-") {
			t.Errorf("a member's view of the candidate: %d %s", status, page)
		}
	})
}

// mustMove posts a form that must answer with a redirect.
func (w *world) mustMove(c *http.Client, path string, form url.Values) {
	w.t.Helper()
	if status, body := w.do(c, "POST", path, form); status != http.StatusSeeOther {
		w.t.Fatalf("POST %s: %d %s", path, status, body)
	}
}

// TestTheAgendaSaysTheRecommendation puts a candidate's petition on the
// meeting under way: its item says the vote waits for Housing's
// recommendation, then says the recommendation and the two thirds the
// cycle asks, and the chair opening the vote at a majority, the meeting
// quorate, is told so, with no vote opened.
func TestTheAgendaSaysTheRecommendation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		w.endorsementSecrets(nil)
		p, err := w.app.StartEndorsementPetition(ctx, w.actor("member"), 1)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.app.Proposals.StepProposal(ctx, p.ID, rankfile.NewProposalStep(rankfile.ProposalCollecting, rankfile.ProposalQualified, "")); err != nil {
			t.Fatal(err)
		}
		admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
		item := &rankfile.AgendaItem{Kind: rankfile.AgendaProposal, ProposalID: p.ID}
		if err := w.app.AddAgendaItem(ctx, admin, 1, item); err != nil {
			t.Fatal(err)
		}
		if _, page := w.do(w.client("member"), "GET", "/meetings/1", nil); !strings.Contains(page, "Housing has not written its recommendation") {
			t.Errorf("the agenda before the recommendation: %s", page)
		}
		rec := &rankfile.EndorsementRecommendation{CandidateID: 1, Position: rankfile.RecommendEndorse, Text: "Endorse her.",
			For: 6, Against: 1, DecidedOn: w.db.Today()}
		if err := w.app.SetEndorsementRecommendation(ctx, w.actor("cochair"), rec); err != nil {
			t.Fatal(err)
		}
		_, page := w.do(w.client("member"), "GET", "/meetings/1", nil)
		if !strings.Contains(page, "Housing recommends: Endorse (6 for, 1 against, 0 abstaining)") ||
			!strings.Contains(page, "an endorsement needs two thirds of votes cast") {
			t.Errorf("the agenda after the recommendation: %s", page)
		}
		for _, id := range []string{"1", "3", "5"} {
			if err := w.app.CheckIn(ctx, admin, 1, 1, w.member(id).ID); err != nil {
				t.Fatal(err)
			}
		}
		status, page := w.do(w.client("coordinator"), "POST", "/meetings/1/votes", url.Values{"item": {itoa(item.ID)}, "threshold": {"majority"}})
		if status == http.StatusSeeOther || !strings.Contains(page, "an endorsement needs two thirds of the votes") {
			t.Errorf("a vote at a majority: %d %s", status, page)
		}
		if votes, err := w.app.Votes.FindVotes(ctx, 1); err != nil || len(votes) != 0 {
			t.Errorf("votes after the refusal: %v, %v", votes, err)
		}
	})
}
