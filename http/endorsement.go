package http

import (
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// Endorsement cycles: the list, a cycle's page with its races and
// candidates, and the form that starts or changes a cycle.

// endorsementsData is the list of cycles.
type endorsementsData struct {
	Cycles   []*rankfile.EndorsementCycle
	CanStart bool
}

func (s *Server) endorsementsPage(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	list, err := s.app.FindEndorsementCycles(r.Context(), actor, 0)
	if err != nil {
		return err
	}
	return s.render(w, r, "endorsements.html", &endorsementsData{Cycles: list, CanStart: actor.CanStartEndorsementCycles()})
}

// endorsementData is a cycle's page.
type endorsementData struct {
	*app.EndorsementCycleView
	Done string
	// Problem is a race's or a candidate's form refused; Form names it.
	Problem *fieldProblem
	Form    string
}

func (s *Server) endorsementPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderEndorsement(w, r, http.StatusOK, "", nil)
}

// renderEndorsement shows a cycle's page, with the problem of the form
// named, if any.
func (s *Server) renderEndorsement(w http.ResponseWriter, r *http.Request, status int, form string, problem *fieldProblem) error {
	id, err := pathID(r, "id", "endorsement cycle")
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementCycle(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	data := &endorsementData{EndorsementCycleView: v, Done: r.URL.Query().Get("done"), Problem: problem, Form: form}
	return s.renderStatus(w, r, status, "endorsement.html", data)
}

// endorsementFormData is the form that starts or changes a cycle.
type endorsementFormData struct {
	Cycle      *rankfile.EndorsementCycle
	Bodies     []*rankfile.Body // those the reader runs cycles of
	All        []*rankfile.Body // those that may decide
	Thresholds []rankfile.Threshold
	Problem    *fieldProblem
}

func (s *Server) newEndorsementPage(w http.ResponseWriter, r *http.Request) error {
	c := &rankfile.EndorsementCycle{Threshold: rankfile.DefaultEndorsementThreshold}
	return s.renderEndorsementForm(w, r, http.StatusOK, c, nil)
}

func (s *Server) renderEndorsementForm(w http.ResponseWriter, r *http.Request, status int, c *rankfile.EndorsementCycle, problem *fieldProblem) error {
	data := &endorsementFormData{Cycle: c, Problem: problem,
		Thresholds: []rankfile.Threshold{rankfile.ThresholdMajority, rankfile.ThresholdTwoThirds, rankfile.ThresholdThreeQuarters}}
	if c.ID == 0 {
		runs, all, err := s.app.EndorsementBodies(r.Context(), req(r).actor)
		if err != nil {
			return err
		}
		data.Bodies, data.All = runs, all
		if c.DecidingBodyID == 0 {
			c.DecidingBodyID = chapterOf(all)
		}
	}
	return s.renderStatus(w, r, status, "endorsement_form.html", data)
}

// chapterOf returns the id of the chapter among bodies, 0 if none is.
func chapterOf(bodies []*rankfile.Body) int64 {
	for _, b := range bodies {
		if b.Kind == rankfile.KindChapter {
			return b.ID
		}
	}
	return 0
}

func (s *Server) createEndorsementForm(w http.ResponseWriter, r *http.Request) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanStartEndorsementCycles()); err != nil {
		return err
	}
	c, err := s.cycleOfForm(r)
	if err == nil {
		c.BodyID, _ = strconv.ParseInt(r.FormValue("body"), 10, 64)
		c.DecidingBodyID, _ = strconv.ParseInt(r.FormValue("deciding_body"), 10, 64)
		err = s.app.CreateEndorsementCycle(r.Context(), actor, c, nil)
	}
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderEndorsementForm(w, r, http.StatusBadRequest, c, problemOf(req(r), err, nil))
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/endorsements/cycles/"+strconv.FormatInt(c.ID, 10)+"?done=created")
}

// cycleOfForm reads the fields a cycle's form shows; a field that does not
// read is refused by its name.
func (s *Server) cycleOfForm(r *http.Request) (*rankfile.EndorsementCycle, error) {
	c := &rankfile.EndorsementCycle{Name: r.FormValue("name"), Threshold: rankfile.Threshold(r.FormValue("threshold"))}
	var err error
	if c.ElectionDate, err = dateParam(r.FormValue("election_date"), rankfile.Date{}); err != nil {
		return c, inField("election_date", err)
	}
	if c.DecideBy, err = dateParam(r.FormValue("decide_by"), rankfile.Date{}); err != nil {
		return c, inField("decide_by", err)
	}
	if c.QuestionnaireDue, err = s.formTime(r, "questionnaire_due"); err != nil {
		return c, inField("questionnaire_due", err)
	}
	if c.PublishAt, err = s.formTime(r, "publish_at"); err != nil {
		return c, inField("publish_at", err)
	}
	return c, nil
}

func (s *Server) editEndorsementPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "endorsement cycle")
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementCycle(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	if err := req(r).actor.Require(v.CanRun); err != nil {
		return err
	}
	return s.renderEndorsementForm(w, r, http.StatusOK, v.Cycle, nil)
}

func (s *Server) editEndorsementForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "endorsement cycle")
	if err != nil {
		return err
	}
	c, err := s.cycleOfForm(r)
	c.ID = id
	if err == nil {
		err = s.app.UpdateEndorsementCycle(r.Context(), req(r).actor, c)
	}
	if rankfile.ErrorCode(err) == rankfile.EINVALID {
		return s.renderEndorsementForm(w, r, http.StatusBadRequest, c, problemOf(req(r), err, nil))
	} else if err != nil {
		return err
	}
	return redirect(w, r, "/endorsements/cycles/"+strconv.FormatInt(id, 10)+"?done=saved")
}
