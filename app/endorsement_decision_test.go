package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// endorsementCycle has the admin start a cycle of the chapter, deciding
// at its own meetings at the bylaws' two thirds, with two candidates for
// a council seat and one for mayor, and sets the chapter's petitions to
// need two signatures.
func (w *votingWorld) endorsementCycle() (*rankfile.EndorsementCycle, []*rankfile.EndorsementCandidate) {
	w.t.Helper()
	c := &rankfile.EndorsementCycle{BodyID: w.chapter.ID, DecidingBodyID: w.chapter.ID, Name: "2027 municipal",
		ElectionDate: rankfile.MustParseDate("2027-06-01"), QuestionnaireDue: w.now.Add(-48 * time.Hour),
		PublishAt: w.now.Add(-24 * time.Hour), DecideBy: rankfile.MustParseDate("2026-12-01")}
	races := []*rankfile.EndorsementRace{{Office: "City Council", District: "District 4"}, {Office: "Mayor"}}
	if err := w.app.CreateEndorsementCycle(ctx, w.admin, c, races); err != nil {
		w.t.Fatal(err)
	}
	var out []*rankfile.EndorsementCandidate
	for i, name := range []string{"Rosa Parra", "Ben Ortiz", "Carla Diaz"} {
		cand := &rankfile.EndorsementCandidate{RaceID: races[i/2].ID, Name: name}
		if err := w.app.SaveEndorsementCandidate(ctx, w.admin, cand); err != nil {
			w.t.Fatal(err)
		}
		out = append(out, cand)
	}
	if err := w.db.SetSetting(ctx, "signatures_needed.chapter", "2"); err != nil {
		w.t.Fatal(err)
	}
	return c, out
}

// TestAPetitionIsSignedOnceARace has members start petitions: one a
// candidate, open at once until the cycle's day of decision, refused to a
// lapsed member; a member signs one petition in a race, the second
// refused naming the first and no longer offered, and another race's
// freely.
func TestAPetitionIsSignedOnceARace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		_, cands := w.endorsementCycle()
		if _, err := w.app.StartEndorsementPetition(ctx, w.voter(votingVoters+1), cands[0].ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a lapsed member starting a petition: %v; want forbidden", err)
		}
		var petitions []*rankfile.Proposal
		for i, c := range cands {
			p, err := w.app.StartEndorsementPetition(ctx, w.voter(3+i), c.ID)
			if err != nil {
				t.Fatal(err)
			}
			petitions = append(petitions, p)
		}
		p := petitions[0]
		if p.Status != rankfile.ProposalCollecting || p.Threshold != 2 || p.Kind != rankfile.ProposalEndorsement ||
			!p.Deadline.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, w.now.Location())) {
			t.Errorf("petition %+v: want collecting 2 signatures until the cycle's day of decision", p)
		}
		if _, err := w.app.StartEndorsementPetition(ctx, w.voter(9), cands[0].ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a second petition for Rosa: %v; want conflict", err)
		}
		if err := w.app.Sign(ctx, w.voter(20), petitions[0].ID, false); err != nil {
			t.Fatal(err)
		}
		err := w.app.Sign(ctx, w.voter(20), petitions[1].ID, false)
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), petitions[0].Title) {
			t.Errorf("a second signature in the race: %v; want a conflict naming %q", err, petitions[0].Title)
		}
		if page := w.proposal(w.voter(20), petitions[1].ID); page.Signed || len(page.Signatures) != 0 || page.CanSign {
			t.Errorf("the refused signature was stored (%+v), or the page still offers it (%v)", page.Signatures, page.CanSign)
		}
		if page := w.proposal(w.voter(21), petitions[1].ID); !page.CanSign {
			t.Errorf("a member who signed nothing in the race is not offered the petition")
		}
		if err := w.app.Sign(ctx, w.voter(20), petitions[2].ID, false); err != nil {
			t.Errorf("a signature in another race: %v", err)
		}
	})
}

// TestTheMeetingDecidesAtTheCycleThreshold puts a candidate's petition
// on a general meeting's agenda: its vote waits for the body's
// recommendation, takes the cycle's threshold unless the chair asks more,
// never less; the recommendation stays once voted on, and adoption
// endorses the candidate, with their campaign, for national's request.
func TestTheMeetingDecidesAtTheCycleThreshold(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		_, cands := w.endorsementCycle()
		rosa := cands[0]
		p, err := w.app.StartEndorsementPetition(ctx, w.voter(3), rosa.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{20, 21} {
			if err := w.app.Sign(ctx, w.voter(n), p.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		m := w.newMeeting(p)
		if err := w.app.CreateMeeting(ctx, w.admin, m); err != nil {
			t.Fatal(err)
		}
		for _, n := range span(10, 17) {
			if err := w.app.CheckIn(ctx, w.voter(5), m.ID, m.Sessions[0].ID, w.member(n).ID); err != nil {
				t.Fatal(err)
			}
		}
		v := &rankfile.MeetingVote{AgendaItemID: m.Agenda[1].ID}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a vote with no recommendation: %v; want conflict", err)
		}
		rec := &rankfile.EndorsementRecommendation{CandidateID: rosa.ID, Position: rankfile.RecommendEndorse,
			Text: "Rosa organized the tenants of District 4.", For: 9, Against: 2, Abstain: 1, DecidedOn: rankfile.MustParseDate("2026-10-28")}
		if err := w.app.SetEndorsementRecommendation(ctx, w.voter(3), rec); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member writing the recommendation: %v; want forbidden", err)
		}
		if err := w.app.SetEndorsementRecommendation(ctx, w.admin, rec); err != nil {
			t.Fatalf("the first recommendation, the petition scheduled: %v", err)
		}
		low := &rankfile.MeetingVote{AgendaItemID: m.Agenda[1].ID, Threshold: rankfile.ThresholdMajority}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, low); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a vote at a majority: %v; want invalid", err)
		}
		if err := w.app.OpenVote(ctx, w.voter(5), m.ID, v); err != nil {
			t.Fatal(err)
		}
		if v.Threshold != rankfile.ThresholdTwoThirds {
			t.Errorf("threshold %s, want the cycle's two thirds", v.Threshold)
		}
		rec.Text = "Changed during the vote."
		if err := w.app.SetEndorsementRecommendation(ctx, w.admin, rec); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a recommendation changed during the vote: %v; want conflict", err)
		}
		for _, n := range span(10, 15) {
			w.vote(m, v, n, rankfile.OptionYes)
		}
		w.vote(m, v, 15, rankfile.OptionNo)
		if _, err := w.app.CloseVote(ctx, w.voter(5), m.ID, v.ID, true); err != nil {
			t.Fatal(err)
		}
		view, err := w.app.EndorsementDecision(ctx, w.voter(30), rosa.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c := view.Candidate; c.Decision != rankfile.Endorsed || c.CampaignID == 0 || view.Petition.Status != rankfile.ProposalAdopted ||
			view.Recommendation.Text != "Rosa organized the tenants of District 4." || view.CanPetition || view.CanRecommend {
			t.Errorf("after the vote: %+v, petition %+v", c, view.Petition)
		}
		if err := w.app.RequestNationalEndorsement(ctx, w.voter(3), rosa.ID, "Doors."); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member asking national: %v; want forbidden", err)
		}
		if err := w.app.RequestNationalEndorsement(ctx, w.admin, rosa.ID, "Ten thousand doors in District 4."); err != nil {
			t.Fatal(err)
		}
		if view, _ := w.app.EndorsementDecision(ctx, w.voter(30), rosa.ID); view.Candidate.National == nil ||
			view.Candidate.National.Plan != "" {
			t.Errorf("a member sees national's request %+v; want it without the plan", view.Candidate.National)
		}
		if view, _ := w.app.EndorsementDecision(ctx, w.admin, rosa.ID); view.Candidate.National.Plan == "" {
			t.Errorf("the cycle's runner does not see the plan")
		}
		if _, err := w.app.EndorsementPacket(ctx, w.voter(30), rosa.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member reading the packet: %v; want forbidden", err)
		}
		pk, err := w.app.EndorsementPacket(ctx, w.admin, rosa.ID)
		if err != nil {
			t.Fatal(err)
		}
		if pv := pk.Vote; pv == nil || !pv.Carried || pv.Threshold != rankfile.ThresholdTwoThirds || len(pv.Sessions) != 2 ||
			pv.Sessions[0].Counts[rankfile.OptionYes] != 5 || pv.Sessions[0].Counts[rankfile.OptionNo] != 1 || pv.Combined.Counts[0] != 5 {
			t.Errorf("the packet's vote %+v; want 5 to 1 in Central, carried at two thirds", pv)
		}
		if pk.Recommendation == nil || pk.Recommendation.For != 9 || pk.National.Plan != "Ten thousand doors in District 4." ||
			pk.Race.District != "District 4" || pk.Candidate.Decision != rankfile.Endorsed {
			t.Errorf("the packet %+v", pk)
		}
	})
}
