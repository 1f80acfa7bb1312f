package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A candidate's decision page: the body's recommendation (written by
// those who run the cycle), members' petition for the endorsement, the
// chapter's decision and campaign, national's endorsement, the election's
// result and the chapter's reviews. Each form posts to its own route and
// comes back here; one sent with a mistake comes back with it said by the
// form it concerns.

// decisionData is the decision page.
type decisionData struct {
	*app.EndorsementDecisionView
	Positions []rankfile.Recommendation
	Stage     rankfile.CandidateStage
	// Rec, Plan, Answer, Note, Outcome and Review are what the forms show:
	// what is stored, or what was typed with a mistake.
	Rec     *rankfile.EndorsementRecommendation
	Plan    string
	Answer  rankfile.NationalStatus
	Note    string
	Outcome *rankfile.ElectionOutcome
	Review  string
	// Form is the form Problem is of.
	Form    string
	Problem *fieldProblem
	Done    string
	Now     time.Time
}

// Endorsed reports whether the chapter endorsed the candidate: what the
// forms after the decision need.
func (d *decisionData) Endorsed() bool { return d.Candidate.Decision == rankfile.Endorsed }

func candidateID(r *http.Request) (int64, error) { return pathID(r, "id", "candidate") }

// decisionOf reads the decision page's data for the request's reader.
func (s *Server) decisionOf(r *http.Request) (*decisionData, error) {
	id, err := candidateID(r)
	if err != nil {
		return nil, err
	}
	v, err := s.app.EndorsementDecision(r.Context(), req(r).actor, id)
	if err != nil {
		return nil, err
	}
	d := &decisionData{EndorsementDecisionView: v, Positions: rankfile.Recommendations, Rec: v.Recommendation,
		Stage: v.Candidate.Stage(), Outcome: v.Candidate.Outcome, Done: r.URL.Query().Get("done"), Now: s.app.Now()}
	if d.Rec == nil {
		d.Rec = &rankfile.EndorsementRecommendation{Position: rankfile.RecommendEndorse, DecidedOn: s.app.Today()}
	}
	if d.Outcome == nil {
		d.Outcome = &rankfile.ElectionOutcome{}
	}
	if n := v.Candidate.National; n != nil {
		d.Plan, d.Answer, d.Note = n.Plan, n.Status, n.Note
	}
	return d, nil
}

func (s *Server) decisionPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.decisionOf(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "endorsement_decision.html", d)
}

// decisionStep runs a form's operation: on success the reader goes back
// to the page, at the form's part; a mistake shows the page again with
// it said at the form, as typed (keep puts what was typed in the page's
// data).
func (s *Server) decisionStep(w http.ResponseWriter, r *http.Request, form string, do func(id int64) error, keep func(d *decisionData)) error {
	id, err := candidateID(r)
	if err != nil {
		return err
	}
	err = do(id)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		d, derr := s.decisionOf(r)
		if derr != nil {
			return derr
		}
		d.Form, d.Problem = form, problemOf(req(r), err, nil)
		if fe := rankfile.FieldOf(err); fe != nil {
			d.Problem.Field = fe.Field
		}
		keep(d)
		return s.renderStatus(w, r, http.StatusBadRequest, "endorsement_decision.html", d)
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/endorsements/candidates/"+strconv.FormatInt(id, 10)+"/decision?done="+form+"#"+form)
}

// formInt reads a count from a form: 0 when left blank, -1 for one that
// is not a number (the domain's check then refuses it, by its field).
func formInt(r *http.Request, name string) int {
	v := strings.TrimSpace(r.FormValue(name))
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return n
}

func (s *Server) recommendationForm(w http.ResponseWriter, r *http.Request) error {
	rec := &rankfile.EndorsementRecommendation{Position: rankfile.Recommendation(r.FormValue("position")),
		Text: r.FormValue("text"), For: formInt(r, "for"), Against: formInt(r, "against"), Abstain: formInt(r, "abstain")}
	rec.DecidedOn, _ = rankfile.ParseDate(r.FormValue("decided_on")) // a day not given is refused by its field
	return s.decisionStep(w, r, "recommendation", func(id int64) error {
		rec.CandidateID = id
		return s.app.SetEndorsementRecommendation(r.Context(), req(r).actor, rec)
	}, func(d *decisionData) { d.Rec = rec })
}

func (s *Server) petitionForm(w http.ResponseWriter, r *http.Request) error {
	return s.decisionStep(w, r, "petition", func(id int64) error {
		_, err := s.app.StartEndorsementPetition(r.Context(), req(r).actor, id)
		return err
	}, func(*decisionData) {})
}

func (s *Server) nationalForm(w http.ResponseWriter, r *http.Request) error {
	plan := strings.TrimSpace(r.FormValue("plan"))
	return s.decisionStep(w, r, "national", func(id int64) error {
		return s.app.RequestNationalEndorsement(r.Context(), req(r).actor, id, plan)
	}, func(d *decisionData) { d.Plan = plan })
}

func (s *Server) nationalAnswerForm(w http.ResponseWriter, r *http.Request) error {
	status, note := rankfile.NationalStatus(r.FormValue("status")), strings.TrimSpace(r.FormValue("note"))
	return s.decisionStep(w, r, "answer", func(id int64) error {
		return s.app.AnswerNationalEndorsement(r.Context(), req(r).actor, id, status, note)
	}, func(d *decisionData) { d.Answer, d.Note = status, note })
}

func (s *Server) outcomeForm(w http.ResponseWriter, r *http.Request) error {
	o := &rankfile.ElectionOutcome{Won: r.FormValue("won") == "yes", Note: r.FormValue("note")}
	if v := strings.TrimSpace(r.FormValue("percent")); v != "" {
		var err error
		if o.Percent, err = strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64); err != nil {
			o.Percent = -1 // refused by Validate, by its field
		}
	}
	return s.decisionStep(w, r, "outcome", func(id int64) error {
		return s.app.SetEndorsementOutcome(r.Context(), req(r).actor, id, o)
	}, func(d *decisionData) { d.Outcome = o })
}

func (s *Server) reviewForm(w http.ResponseWriter, r *http.Request) error {
	text := r.FormValue("text")
	return s.decisionStep(w, r, "review", func(id int64) error {
		return s.app.AddEndorsementReview(r.Context(), req(r).actor, &rankfile.EndorsementReview{CandidateID: id, Text: text})
	}, func(d *decisionData) { d.Review = text })
}

// ProblemOf returns the problem of the form named, nil for any other.
func (d *decisionData) ProblemOf(form string) *fieldProblem {
	if d.Form != form {
		return nil
	}
	return d.Problem
}
