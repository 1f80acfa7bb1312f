package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A cycle's candidates: the form that adds one to a race (on the cycle's
// page), a candidate's page with the links to their questionnaire,
// vetting and decision, and the forms that change, withdraw a candidate
// and make their questionnaire's link.

// candidateOfForm reads a candidate's form.
func candidateOfForm(r *http.Request) *rankfile.EndorsementCandidate {
	return &rankfile.EndorsementCandidate{Name: r.FormValue("name"), Email: r.FormValue("email"),
		Party: r.FormValue("party"), Website: r.FormValue("website")}
}

func (s *Server) addCandidateForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "race")
	if err != nil {
		return err
	}
	c := candidateOfForm(r)
	c.RaceID = id
	err = s.app.SaveEndorsementCandidate(r.Context(), req(r).actor, c)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderRace(w, r, http.StatusBadRequest, nil, problemOf(req(r), err, nil))
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/endorsements/candidates/"+strconv.FormatInt(c.ID, 10)+"?done=added")
}

// candidateData is a candidate's page.
type candidateData struct {
	*app.EndorsementCandidateView
	Done    string
	Problem *fieldProblem
	// Link is the questionnaire's link just made, shown once, and where
	// it was emailed.
	Link *app.QuestionnaireLink
}

func (s *Server) candidatePage(w http.ResponseWriter, r *http.Request) error {
	return s.renderCandidate(w, r, http.StatusOK, nil, nil, nil)
}

// renderCandidate shows a candidate's page; edited, when not nil, is the
// candidate as their refused form had them.
func (s *Server) renderCandidate(w http.ResponseWriter, r *http.Request, status int, edited *rankfile.EndorsementCandidate, problem *fieldProblem, link *app.QuestionnaireLink) error {
	id, err := pathID(r, "id", "candidate")
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementCandidate(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	if edited != nil {
		c := *v.Candidate
		c.Name, c.Email, c.Party, c.Website = edited.Name, edited.Email, edited.Party, edited.Website
		v.Candidate = &c
	}
	data := &candidateData{EndorsementCandidateView: v, Done: r.URL.Query().Get("done"), Problem: problem, Link: link}
	return s.renderStatus(w, r, status, "endorsement_candidate.html", data)
}

func (s *Server) editCandidateForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "candidate")
	if err != nil {
		return err
	}
	c := candidateOfForm(r)
	c.ID = id
	err = s.app.SaveEndorsementCandidate(r.Context(), req(r).actor, c)
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderCandidate(w, r, http.StatusBadRequest, c, problemOf(req(r), err, nil), nil)
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/endorsements/candidates/"+strconv.FormatInt(id, 10)+"?done=saved")
}

func (s *Server) withdrawCandidateForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "candidate")
	if err != nil {
		return err
	}
	if err := s.app.WithdrawEndorsementCandidate(r.Context(), req(r).actor, id); err != nil {
		return err
	}
	return redirect(w, r, "/endorsements/candidates/"+strconv.FormatInt(id, 10)+"?done=withdrawn")
}

// questionnaireLinkForm makes a new link to the candidate's questionnaire
// and shows it once, on the candidate's page.
func (s *Server) questionnaireLinkForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "candidate")
	if err != nil {
		return err
	}
	link, err := s.newQuestionnaireLink(r, id)
	if err != nil {
		return err
	}
	return s.renderCandidate(w, r, http.StatusOK, nil, nil, link)
}
