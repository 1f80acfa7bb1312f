package store_test

import (
	"sync"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// startPetition starts the petition for a candidate, by member 1,
// collecting until a week on and needing threshold signatures.
func startPetition(t *testing.T, db *store.DB, s *store.EndorsementService, cycle *rankfile.EndorsementCycle,
	race *rankfile.EndorsementRace, c *rankfile.EndorsementCandidate, threshold int) *rankfile.Proposal {
	t.Helper()
	p := rankfile.PetitionProposal(c, race, cycle)
	p.Authors = []rankfile.ProposalAuthor{{MemberID: member(t, db, "1").ID}}
	if err := s.StartPetition(ctx, c.ID, p, threshold, db.Now().Add(7*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	c.ProposalID = p.ID
	return p
}

// addCandidate adds a candidate to a race.
func addCandidate(t *testing.T, s *store.EndorsementService, raceID int64, name string) *rankfile.EndorsementCandidate {
	t.Helper()
	c := &rankfile.EndorsementCandidate{RaceID: raceID, Name: name}
	if err := s.SaveCandidate(ctx, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// countSigned counts a member's signatures on the proposals.
func countSigned(t *testing.T, proposals *store.ProposalService, memberID int64, ids ...int64) int {
	t.Helper()
	n := 0
	for _, id := range ids {
		signed, err := proposals.Signed(ctx, id, memberID)
		if err != nil {
			t.Fatal(err)
		}
		if signed {
			n++
		}
	}
	return n
}

// TestAMemberSignsOnePetitionARace starts petitions for two candidates of
// one race and one of another: a member's two signatures in the race sent
// at the same moment store exactly one, the other refused naming the
// petition signed; the other race takes theirs; a signature taken back,
// or on a petition withdrawn, frees the race.
func TestAMemberSignsOnePetitionARace(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, cycle, races, rosa := newCycle(t, db)
		ben := addCandidate(t, s, races[0].ID, "Ben Ortiz")
		mayor := addCandidate(t, s, races[1].ID, "Carla Diaz")
		pRosa := startPetition(t, db, s, cycle, races[0], rosa, 5)
		pBen := startPetition(t, db, s, cycle, races[0], ben, 5)
		pMayor := startPetition(t, db, s, cycle, races[1], mayor, 5)
		again := rankfile.PetitionProposal(rosa, races[0], cycle)
		again.Authors = []rankfile.ProposalAuthor{{MemberID: member(t, db, "3").ID}}
		if err := s.StartPetition(ctx, rosa.ID, again, 5, db.Now().Add(time.Hour)); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a second petition for a candidate: %v, want a conflict", err)
		}
		m := member(t, db, "2")
		mctx := rankfile.WithActor(ctx, &rankfile.Actor{Member: m})
		proposals := store.NewProposalService(db)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, id := range []int64{pRosa.ID, pBen.ID} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = proposals.Sign(mctx, &rankfile.Signature{ProposalID: id, MemberID: m.ID}, nil)
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("two signatures in a race at once: %v, %v; want exactly one refused", errs[0], errs[1])
		}
		refused := errs[0]
		if refused == nil {
			refused = errs[1]
		}
		if rankfile.ErrorCode(refused) != rankfile.ECONFLICT {
			t.Errorf("the second signature: %v, want a conflict", refused)
		}
		if n := countSigned(t, proposals, m.ID, pRosa.ID, pBen.ID); n != 1 {
			t.Errorf("%d signatures stored in the race, want 1", n)
		}
		if err := proposals.Sign(mctx, &rankfile.Signature{ProposalID: pMayor.ID, MemberID: m.ID}, nil); err != nil {
			t.Errorf("a signature in another race: %v", err)
		}
		signed, other := pRosa.ID, pBen.ID
		if errs[0] != nil {
			signed, other = other, signed
		}
		if got, err := s.SignedInRace(ctx, other, m.ID); err != nil || got == nil || got.ID != signed {
			t.Errorf("the petition signed in the race, seen from the other: %+v, %v", got, err)
		}
		if got, err := s.SignedInRace(ctx, signed, m.ID); err != nil || got != nil {
			t.Errorf("the petition signed in the race, seen from itself: %+v, %v; want none", got, err)
		}
		if err := proposals.Unsign(mctx, signed, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := proposals.Sign(mctx, &rankfile.Signature{ProposalID: other, MemberID: m.ID}, nil); err != nil {
			t.Errorf("signing the other petition after taking the first back: %v", err)
		}
		if err := proposals.Sign(mctx, &rankfile.Signature{ProposalID: signed, MemberID: m.ID}, nil); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("signing the first again: %v, want a conflict", err)
		}
		stepTo(t, db, other, rankfile.ProposalWithdrawn)
		if err := proposals.Sign(mctx, &rankfile.Signature{ProposalID: signed, MemberID: m.ID}, nil); err != nil {
			t.Errorf("signing the first again once the other was withdrawn: %v", err)
		}
	})
}

// stepTo takes a proposal through the steps given, in order, from
// collecting.
func stepTo(t *testing.T, db *store.DB, id int64, to ...rankfile.ProposalStatus) {
	t.Helper()
	from := rankfile.ProposalCollecting
	for _, status := range to {
		if err := store.NewProposalService(db).StepProposal(ctx, id, &rankfile.ProposalStep{From: from, To: status}); err != nil {
			t.Fatal(err)
		}
		from = status
	}
}

// findCandidate reads a candidate back.
func findCandidate(t *testing.T, s *store.EndorsementService, id int64) *rankfile.EndorsementCandidate {
	t.Helper()
	found, err := s.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{ID: id})
	if err != nil {
		t.Fatal(err)
	}
	return found[0]
}

// TestThePetitionsStepDecides writes a recommendation, which stays once
// the petition is on an agenda (the first is still taken then, the vote
// waiting for it); the meeting's adoption endorses the candidate and
// starts their campaign in the step's transaction, a rejection declines
// the other candidate with no campaign.
func TestThePetitionsStepDecides(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, cycle, races, rosa := newCycle(t, db)
		ben := addCandidate(t, s, races[0].ID, "Ben Ortiz")
		rec := &rankfile.EndorsementRecommendation{CandidateID: rosa.ID, Position: rankfile.RecommendEndorse,
			Text: "Rosa organized tenants.", For: 7, Against: 1, DecidedOn: rankfile.MustParseDate("2026-10-30")}
		if err := s.SetRecommendation(ctx, rec); err != nil {
			t.Fatal(err)
		}
		pRosa := startPetition(t, db, s, cycle, races[0], rosa, 1)
		pBen := startPetition(t, db, s, cycle, races[0], ben, 1)
		stepTo(t, db, pRosa.ID, rankfile.ProposalQualified, rankfile.ProposalScheduled)
		rec.Text = "Changed after scheduling."
		if err := s.SetRecommendation(ctx, rec); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a recommendation changed once on the agenda: %v, want a conflict", err)
		}
		if got, err := s.Recommendation(ctx, rosa.ID); err != nil || got.Text != "Rosa organized tenants." || got.For != 7 {
			t.Errorf("recommendation %+v, %v", got, err)
		}
		if _, err := s.Recommendation(ctx, ben.ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("no recommendation: %v", err)
		}
		stepTo(t, db, pRosa.ID) // nothing: still scheduled
		if err := store.NewProposalService(db).StepProposal(ctx, pRosa.ID, &rankfile.ProposalStep{From: rankfile.ProposalScheduled,
			To: rankfile.ProposalAdopted}); err != nil {
			t.Fatal(err)
		}
		got := findCandidate(t, s, rosa.ID)
		if got.Decision != rankfile.Endorsed || got.CampaignID == 0 {
			t.Fatalf("after adoption %+v, want endorsed with a campaign", got)
		}
		camps, err := store.NewCampaignService(db).FindCampaigns(ctx, got.CampaignID)
		if err != nil || camps[0].Kind != rankfile.CampaignCandidate || camps[0].BodyID != cycle.BodyID ||
			camps[0].Name != "Rosa Parra for City Council, District 4" {
			t.Errorf("campaign %+v, %v", camps, err)
		}
		stepTo(t, db, pBen.ID, rankfile.ProposalQualified, rankfile.ProposalScheduled)
		benRec := &rankfile.EndorsementRecommendation{CandidateID: ben.ID, Position: rankfile.RecommendNoEndorse,
			Text: "Ben did not answer.", For: 5, DecidedOn: rankfile.MustParseDate("2026-10-30")}
		if err := s.SetRecommendation(ctx, benRec); err != nil {
			t.Errorf("the first recommendation once the petition is on the agenda: %v", err)
		}
		if err := s.SetRecommendation(ctx, benRec); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("changing it then: %v, want a conflict", err)
		}
		if err := store.NewProposalService(db).StepProposal(ctx, pBen.ID, &rankfile.ProposalStep{From: rankfile.ProposalScheduled,
			To: rankfile.ProposalRejected}); err != nil {
			t.Fatal(err)
		}
		if got := findCandidate(t, s, ben.ID); got.Decision != rankfile.Declined || got.CampaignID != 0 {
			t.Errorf("after rejection %+v, want declined with no campaign", got)
		}
	})
}

// TestNationalResultAndReviews asks national to endorse a candidate the
// chapter endorsed, records its answer, the result and a review; a
// declined candidate gets none of them.
func TestNationalResultAndReviews(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, cycle, races, rosa := newCycle(t, db)
		ben := addCandidate(t, s, races[0].ID, "Ben Ortiz")
		stepTo(t, db, startPetition(t, db, s, cycle, races[0], rosa, 1).ID, rankfile.ProposalQualified,
			rankfile.ProposalScheduled, rankfile.ProposalAdopted)
		stepTo(t, db, startPetition(t, db, s, cycle, races[0], ben, 1).ID, rankfile.ProposalQualified,
			rankfile.ProposalScheduled, rankfile.ProposalRejected)
		if err := s.AnswerNational(ctx, rosa.ID, rankfile.NationalEndorsed, ""); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("an answer with no request: %v", err)
		}
		if err := s.RequestNational(ctx, ben.ID, "Doors."); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a request for a declined candidate: %v", err)
		}
		if err := s.RequestNational(ctx, rosa.ID, "Ten thousand doors."); err != nil {
			t.Fatal(err)
		}
		if err := s.RequestNational(ctx, rosa.ID, "Again."); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a second request: %v", err)
		}
		if err := s.AnswerNational(ctx, rosa.ID, rankfile.NationalEndorsed, "With the state's support."); err != nil {
			t.Fatal(err)
		}
		if err := s.SetOutcome(ctx, rosa.ID, &rankfile.ElectionOutcome{Won: true, Percent: 54.5}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetOutcome(ctx, ben.ID, &rankfile.ElectionOutcome{Won: true}); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a result for a declined candidate: %v", err)
		}
		got := findCandidate(t, s, rosa.ID)
		if n := got.National; n == nil || n.Status != rankfile.NationalEndorsed || n.Plan != "Ten thousand doors." ||
			n.Note != "With the state's support." || n.AnsweredAt.IsZero() {
			t.Errorf("national %+v", n)
		}
		if o := got.Outcome; o == nil || !o.Won || o.Percent != 54.5 {
			t.Errorf("outcome %+v", o)
		}
		rctx := rankfile.WithActor(ctx, &rankfile.Actor{Label: "the chair"})
		for _, text := range []string{"Voted for the tenant protections.", "Kept the office hours promised."} {
			if err := s.AddReview(rctx, &rankfile.EndorsementReview{CandidateID: rosa.ID, Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddReview(rctx, &rankfile.EndorsementReview{CandidateID: ben.ID, Text: "No."}); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a review of a declined candidate: %v", err)
		}
		reviews, err := s.Reviews(ctx, rosa.ID)
		if err != nil || len(reviews) != 2 || reviews[0].Text != "Voted for the tenant protections." || reviews[1].By != "the chair" {
			t.Errorf("reviews %+v, %v", reviews, err)
		}
	})
}
