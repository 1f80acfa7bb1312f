package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The JSON API of a candidate's decision: the same operations as the
// decision page.

// decisionJSON is a candidate's decision as the API answers it.
type decisionJSON struct {
	CandidateID    int64                               `json:"candidate_id"`
	Name           string                              `json:"name"`
	RaceID         int64                               `json:"race_id"`
	CycleID        int64                               `json:"cycle_id"`
	Stage          rankfile.CandidateStage             `json:"stage"`
	Decision       string                              `json:"decision,omitempty"`
	CampaignID     int64                               `json:"campaign_id,omitempty"`
	Threshold      rankfile.Threshold                  `json:"threshold"`
	Recommendation *rankfile.EndorsementRecommendation `json:"recommendation,omitempty"`
	Petition       *rankfile.Proposal                  `json:"petition,omitempty"`
	National       *rankfile.NationalRequest           `json:"national,omitempty"`
	Outcome        *rankfile.ElectionOutcome           `json:"outcome,omitempty"`
	Reviews        []*rankfile.EndorsementReview       `json:"reviews"`
	CanRun         bool                                `json:"can_run"`
	CanVet         bool                                `json:"can_vet"`
	CanPetition    bool                                `json:"can_petition"`
	CanRecommend   bool                                `json:"can_recommend"`
}

// decisionAnswer makes the API's answer of a decision view.
func decisionAnswer(v *app.EndorsementDecisionView) *decisionJSON {
	c := v.Candidate
	return &decisionJSON{CandidateID: c.ID, Name: c.Name, RaceID: c.RaceID, CycleID: c.CycleID,
		Stage: c.Stage(), Decision: c.Decision, CampaignID: c.CampaignID, Threshold: v.Cycle.Threshold,
		Recommendation: v.Recommendation, Petition: v.Petition, National: c.National, Outcome: c.Outcome,
		Reviews: nonNilList(v.Reviews), CanRun: v.CanRun, CanVet: v.CanVet, CanPetition: v.CanPetition, CanRecommend: v.CanRecommend}
}

// writeDecision answers with the candidate's decision as it now stands.
func (s *Server) writeDecision(w http.ResponseWriter, r *http.Request, id int64) error {
	v, err := s.app.EndorsementDecision(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, decisionAnswer(v))
}

func (s *Server) apiDecision(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	return s.writeDecision(w, r, id)
}

func (s *Server) apiRecommendation(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	rec, err := s.app.EndorsementRecommendation(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

const recommendationShape = `a recommendation: position ("endorse", "do_not_endorse" or "no_recommendation"), text, ` +
	`for, against, abstain and decided_on (YYYY-MM-DD)`

func (s *Server) apiSetRecommendation(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	rec := &rankfile.EndorsementRecommendation{}
	if err := decodeBody(r, rec, recommendationShape); err != nil {
		return err
	}
	rec.CandidateID = id
	if err := s.app.SetEndorsementRecommendation(r.Context(), req(r).actor, rec); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

func (s *Server) apiStartPetition(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	p, err := s.app.StartEndorsementPetition(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, p)
}

func (s *Server) apiRequestNational(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	var body struct {
		Plan string `json:"plan"`
	}
	if err := decodeBody(r, &body, "a request for national's endorsement: plan, the campaign plan in markdown"); err != nil {
		return err
	}
	if err := s.app.RequestNationalEndorsement(r.Context(), req(r).actor, id, body.Plan); err != nil {
		return err
	}
	return s.writeDecision(w, r, id)
}

func (s *Server) apiAnswerNational(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	var body struct {
		Status rankfile.NationalStatus `json:"status"`
		Note   string                  `json:"note"`
	}
	if err := decodeBody(r, &body, `national's answer: status ("endorsed" or "declined") and optionally note`); err != nil {
		return err
	}
	if err := s.app.AnswerNationalEndorsement(r.Context(), req(r).actor, id, body.Status, body.Note); err != nil {
		return err
	}
	return s.writeDecision(w, r, id)
}

func (s *Server) apiSetOutcome(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	o := &rankfile.ElectionOutcome{}
	if err := decodeBody(r, o, "the election's result: won, and optionally percent and note"); err != nil {
		return err
	}
	if err := s.app.SetEndorsementOutcome(r.Context(), req(r).actor, id, o); err != nil {
		return err
	}
	return s.writeDecision(w, r, id)
}

func (s *Server) apiReviews(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	list, err := s.app.EndorsementReviews(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, nonNilList(list))
}

func (s *Server) apiAddReview(w http.ResponseWriter, r *http.Request) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	rev := &rankfile.EndorsementReview{}
	if err := decodeBody(r, rev, "a review: text"); err != nil {
		return err
	}
	rev.ID, rev.CandidateID = 0, id
	if err := s.app.AddEndorsementReview(r.Context(), req(r).actor, rev); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, rev)
}
