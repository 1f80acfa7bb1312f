package http

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// A course's sessions on a phone: the form that schedules one, the forms
// that add trainers and let members in, and the page where a trainer
// records who completed a session.

// courseSessionForm is the form that schedules a session, as typed.
type courseSessionForm struct {
	V                     *app.CourseView
	E                     *rankfile.Event
	Hosts                 []*rankfile.Body
	Audiences             []rankfile.Audience
	Trainers              []int64
	Starts, Ends          string
	Repeat, Until, Except string
	Problem               string
}

// Trains reports whether member id is ticked as a trainer.
func (f *courseSessionForm) Trains(id int64) bool { return slices.Contains(f.Trainers, id) }

func (s *Server) sessionFormPage(w http.ResponseWriter, r *http.Request, status int, f *courseSessionForm) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), req(r).actor
	if f.V, err = s.app.Course(ctx, actor, id); err != nil {
		return err
	}
	if err := actor.Require(f.V.Manage); err != nil {
		return err
	}
	all, err := s.app.ActiveBodyList(ctx, f.E.BodyID)
	if err != nil {
		return err
	}
	for _, b := range all {
		if actor.CanHostCourseSession(f.V.Course, b.ID) {
			f.Hosts = append(f.Hosts, b)
		}
	}
	f.Audiences = rankfile.Audiences
	f.Starts, f.Ends = timeField(f.E.StartsAt, s.app.Zone), timeField(f.E.EndsAt, s.app.Zone)
	return s.renderStatus(w, r, status, "course_session.html", f)
}

func (s *Server) newSessionPage(w http.ResponseWriter, r *http.Request) error {
	start := s.app.Today().AddDays(14).Time(s.app.Zone).Add(18 * time.Hour)
	e := &rankfile.Event{Audience: rankfile.AudienceMembers, Registration: true, StartsAt: start, EndsAt: start.Add(2 * time.Hour)}
	return s.sessionFormPage(w, r, http.StatusOK, &courseSessionForm{E: e})
}

func (s *Server) createSessionForm(w http.ResponseWriter, r *http.Request) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	f := &courseSessionForm{E: &rankfile.Event{}, Repeat: r.FormValue("repeat"), Until: r.FormValue("until"), Except: r.FormValue("except")}
	err = s.readSession(r, f)
	var rec *rankfile.Recurrence
	if err == nil {
		ef := &eventForm{Repeat: f.Repeat, Until: f.Until, Except: f.Except}
		rec, err = ef.recurrence()
	}
	var events []*rankfile.Event
	if err == nil {
		events, err = s.app.ScheduleSession(r.Context(), req(r).actor, id, f.E, rec, f.Trainers)
	}
	if err != nil {
		if !fixable(err) {
			return err
		}
		f.Problem = req(r).l.Error(err)
		return s.sessionFormPage(w, r, statuses[rankfile.ErrorCode(err)], f)
	}
	return redirect(w, r, fmt.Sprintf("/events/%d?done=created", events[0].ID))
}

// readSession reads the session form into f.
func (s *Server) readSession(r *http.Request, f *courseSessionForm) error {
	if err := r.ParseForm(); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the form could not be read")
	}
	e := f.E
	var err error
	if e.BodyID, err = formID(r, "body_id"); err != nil {
		return err
	}
	for _, v := range r.Form["trainer"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "trainer: %q is not a member", v)
		}
		f.Trainers = append(f.Trainers, id)
	}
	e.Title, e.Audience, e.Zone = r.FormValue("title"), rankfile.Audience(r.FormValue("audience")), s.app.Zone.String()
	e.Address, e.OnlineURL, e.PrivateDetails = r.FormValue("address"), r.FormValue("online_url"), r.FormValue("private_details")
	e.Registration = r.FormValue("registration") != ""
	if e.Capacity, err = formNumber(r, "capacity"); err != nil {
		return err
	}
	return readTimes(r, e)
}

// memberForm is what the forms naming a member (a trainer, a founding
// trainer, an exception) read: the member by national id or email.
func (s *Server) courseMemberForm(r *http.Request) (int64, *rankfile.Member, error) {
	id, err := courseID(r)
	if err != nil {
		return 0, nil, err
	}
	m, err := s.app.CourseMember(r.Context(), req(r).actor, id, r.FormValue("member"))
	return id, m, err
}

// courseFormDone answers a form on the course page: back to it, or the
// page again with the problem.
func (s *Server) courseFormDone(w http.ResponseWriter, r *http.Request, id int64, done string, err error) error {
	if err != nil {
		if !fixable(err) && rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			return err
		}
		return s.renderCourse(w, r, statuses[rankfile.ErrorCode(err)], req(r).l.Error(err))
	}
	return redirect(w, r, fmt.Sprintf("/courses/%d?done=%s", id, done))
}

func (s *Server) addTrainerForm(w http.ResponseWriter, r *http.Request) error {
	id, m, err := s.courseMemberForm(r)
	if err == nil {
		err = s.app.AddTrainer(r.Context(), req(r).actor, id, m.ID)
	}
	return s.courseFormDone(w, r, id, "trainer", err)
}

func (s *Server) removeTrainerForm(w http.ResponseWriter, r *http.Request) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	member, err := pathID(r, "mid", "member")
	if err != nil {
		return err
	}
	return s.courseFormDone(w, r, id, "removed", s.app.RemoveTrainer(r.Context(), req(r).actor, id, member))
}

func (s *Server) foundingTrainerForm(w http.ResponseWriter, r *http.Request) error {
	id, m, err := s.courseMemberForm(r)
	if err == nil {
		err = s.app.RecordFoundingTrainer(r.Context(), req(r).actor, id, m.ID, r.FormValue("reason"))
	}
	return s.courseFormDone(w, r, id, "trainer", err)
}

func (s *Server) exceptionForm(w http.ResponseWriter, r *http.Request) error {
	id, m, err := s.courseMemberForm(r)
	if err == nil {
		err = s.app.GrantException(r.Context(), req(r).actor, id, m.ID, r.FormValue("reason"))
	}
	return s.courseFormDone(w, r, id, "exception", err)
}

// completionData is a session's completion page.
type completionData struct {
	V        *app.CompletionView
	Outcomes []rankfile.CompletionOutcome
	Problem  string
	Done     string
}

func (s *Server) completionPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderCompletion(w, r, http.StatusOK, "")
}

func (s *Server) renderCompletion(w http.ResponseWriter, r *http.Request, status int, problem string) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	v, err := s.app.SessionCompletion(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	data := &completionData{V: v, Outcomes: rankfile.CompletionOutcomes, Problem: problem, Done: r.URL.Query().Get("done")}
	return s.renderStatus(w, r, status, "course_completion.html", data)
}

// completionForm records the outcome ticked for each attendee listed.
func (s *Server) completionForm(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the form could not be read")
	}
	var outcomes []rankfile.SessionOutcome
	for _, v := range r.Form["member"] {
		m, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "member: %q is not a member", v)
		}
		outcomes = append(outcomes, rankfile.SessionOutcome{MemberID: m, Outcome: rankfile.CompletionOutcome(r.FormValue("outcome_" + v))})
	}
	if err := s.app.RecordCompletions(r.Context(), req(r).actor, id, outcomes); err != nil {
		if !fixable(err) {
			return err
		}
		return s.renderCompletion(w, r, statuses[rankfile.ErrorCode(err)], req(r).l.Error(err))
	}
	return redirect(w, r, fmt.Sprintf("/events/%d/completion?done=recorded", id))
}
