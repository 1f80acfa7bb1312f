package http

import (
	"fmt"
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A candidate's vetting page, for the members of the cycle's body and
// those who run it: the notes each may read, a form to write one, the
// interviews with links to their events, and (for those who put the
// body's events on the calendar) a form to schedule one.

// vettingData is the vetting page.
type vettingData struct {
	*app.EndorsementVettingView
	Kinds []rankfile.NoteKind
	// Note and Interview are the forms as typed when one comes back.
	Note      *rankfile.EndorsementNote
	Interview *rankfile.Event
	// Schedules is whether the reader may put an interview on the
	// calendar.
	Schedules bool
	Done      string
	// NoteProblem and InterviewProblem say what was wrong with a form.
	NoteProblem, InterviewProblem *fieldProblem
}

func (s *Server) endorsementVettingPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderVetting(w, r, http.StatusOK, vettingData{})
}

// renderVetting shows the vetting page with d's forms and problems.
func (s *Server) renderVetting(w http.ResponseWriter, r *http.Request, status int, d vettingData) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	v, err := s.app.EndorsementVetting(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	d.EndorsementVettingView, d.Kinds = v, rankfile.NoteKinds
	d.Schedules = req(r).actor.CanCreateEvent(v.Cycle.BodyID) && !v.Candidate.Withdrawn()
	if d.Note == nil {
		d.Note = &rankfile.EndorsementNote{Kind: rankfile.NoteGeneral}
	}
	if d.Interview == nil {
		d.Interview = &rankfile.Event{}
	}
	switch done := r.URL.Query().Get("done"); done {
	case "note", "interview":
		d.Done = done
	}
	return s.renderStatus(w, r, status, "endorsement_vetting.html", d)
}

// addEndorsementNoteForm writes a note; one with a mistake comes back as
// typed.
func (s *Server) addEndorsementNoteForm(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	n := &rankfile.EndorsementNote{CandidateID: id, Kind: rankfile.NoteKind(r.FormValue("kind")), Text: r.FormValue("text")}
	err = s.app.AddEndorsementNote(r.Context(), req(r).actor, n)
	if code := rankfile.ErrorCode(err); code == rankfile.EINVALID {
		return s.renderVetting(w, r, statuses[code], vettingData{Note: n, NoteProblem: aboveForm(problemOf(req(r), err, nil))})
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/endorsements/candidates/%d/vetting?done=note#notes", id))
}

// scheduleInterviewForm puts an interview on the body's calendar; a
// mistake comes back as typed.
func (s *Server) scheduleInterviewForm(w http.ResponseWriter, r *http.Request) error {
	id, err := endorsementCandidateID(r)
	if err != nil {
		return err
	}
	e := &rankfile.Event{Address: r.FormValue("address"), OnlineURL: r.FormValue("online_url")}
	e.StartsAt, err = s.formTime(r, "starts_at")
	if err == nil {
		_, err = s.app.ScheduleInterview(r.Context(), req(r).actor, id, e)
	}
	if code := rankfile.ErrorCode(err); code == rankfile.EINVALID || code == rankfile.ECONFLICT {
		return s.renderVetting(w, r, statuses[code], vettingData{Interview: e, InterviewProblem: aboveForm(problemOf(req(r), err, nil))})
	} else if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/endorsements/candidates/%d/vetting?done=interview#interviews", id))
}
