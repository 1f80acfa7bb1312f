package store_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// newCycle makes an endorsement cycle of the chapter's first body with
// two races, a candidate in the first.
func newCycle(t *testing.T, db *store.DB) (*store.EndorsementService, *rankfile.EndorsementCycle, []*rankfile.EndorsementRace, *rankfile.EndorsementCandidate) {
	t.Helper()
	oneOnOneBranch(t, db)
	bodies, err := store.NewBodyService(db).FindBodies(ctx, rankfile.BodyFilter{})
	if err != nil || len(bodies) == 0 {
		t.Fatal(bodies, err)
	}
	s := store.NewEndorsementService(db)
	due := time.Date(2027, 2, 1, 17, 0, 0, 0, time.UTC)
	c := &rankfile.EndorsementCycle{BodyID: bodies[0].ID, DecidingBodyID: bodies[0].ID, Name: "2027 municipal",
		ElectionDate: rankfile.DateOf(time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)), QuestionnaireDue: due, PublishAt: due.Add(48 * time.Hour)}
	races := []*rankfile.EndorsementRace{{Office: "City Council", District: "District 4"}, {Office: "Mayor"}}
	if err := s.CreateCycle(ctx, c, races); err != nil {
		t.Fatal(err)
	}
	cand := &rankfile.EndorsementCandidate{RaceID: races[0].ID, Name: "Rosa Parra", Email: "rosa@example.net"}
	if err := s.SaveCandidate(ctx, cand); err != nil {
		t.Fatal(err)
	}
	return s, c, races, cand
}

// TestEndorsementCycle stores a cycle with its races and a candidate, and
// reads them back as stored, the threshold the bylaws' default.
func TestEndorsementCycle(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c, races, cand := newCycle(t, db)
		got, err := s.FindCycles(ctx, rankfile.EndorsementCycleFilter{ID: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if g := got[0]; g.Name != c.Name || g.Threshold != rankfile.ThresholdTwoThirds || g.ElectionDate != c.ElectionDate ||
			!g.QuestionnaireDue.Equal(c.QuestionnaireDue) || g.QuestionnaireVersion != 1 {
			t.Errorf("got %+v, want %+v", g, c)
		}
		stored, err := s.Races(ctx, c.ID)
		if err != nil || len(stored) != 2 || stored[0].Title() != "City Council, District 4" || stored[1].Seats != 1 ||
			stored[1].ID != races[1].ID {
			t.Fatalf("races %+v, %v", stored, err)
		}
		found, err := s.FindCandidates(ctx, rankfile.EndorsementCandidateFilter{CycleID: c.ID})
		if err != nil || len(found) != 1 || found[0].Name != cand.Name || found[0].CycleID != c.ID || found[0].National != nil {
			t.Fatalf("candidates %+v, %v", found, err)
		}
		if _, err := s.FindCycles(ctx, rankfile.EndorsementCycleFilter{ID: 999}); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("cycle 999: %v", err)
		}
	})
}

// TestQuestionnaireLink makes a candidate's link twice: the first stops
// working, the second finds the candidate with the cycle's questionnaire
// version; a withdrawn candidate's link finds them withdrawn, and they get
// no new one.
func TestQuestionnaireLink(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, _, _, cand := newCycle(t, db)
		first, err := s.NewQuestionnaireLink(ctx, cand.ID)
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.NewQuestionnaireLink(ctx, cand.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindQuestionnaireLink(ctx, first); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("the replaced link: %v", err)
		}
		got, err := s.FindQuestionnaireLink(ctx, second)
		if err != nil || got.ID != cand.ID || got.QuestionnaireVersion != 1 || got.LinkSentAt.IsZero() {
			t.Fatalf("got %+v, %v", got, err)
		}
		if err := s.WithdrawCandidate(ctx, cand.ID); err != nil {
			t.Fatal(err)
		}
		if got, err := s.FindQuestionnaireLink(ctx, second); err != nil || !got.Withdrawn() {
			t.Errorf("withdrawn: %+v, %v", got, err)
		}
		if _, err := s.NewQuestionnaireLink(ctx, cand.ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a link for a withdrawn candidate: %v", err)
		}
	})
}
