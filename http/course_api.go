package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// The training program's JSON API: the same services as the pages.

func (s *Server) apiCourses(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.CourseCatalogue(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

func (s *Server) apiCourseLevels(w http.ResponseWriter, r *http.Request) error {
	list, err := s.app.CourseLevels(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, list)
}

const levelShape = "a level: slug, name and name_es"

func (s *Server) apiSaveCourseLevel(w http.ResponseWriter, r *http.Request) error {
	l := &rankfile.CourseLevel{}
	if err := decodeBody(r, l, levelShape); err != nil {
		return err
	}
	if err := s.app.SaveCourseLevel(r.Context(), req(r).actor, l); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, l)
}

const courseShape = "a course: title, level, body_ids, and optionally description, materials, duration_minutes, validity_months and prerequisites"

func (s *Server) apiCreateCourse(w http.ResponseWriter, r *http.Request) error {
	c := &rankfile.Course{}
	if err := decodeBody(r, c, courseShape); err != nil {
		return err
	}
	if err := s.app.CreateCourse(r.Context(), req(r).actor, c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, c)
}

func (s *Server) apiCourse(w http.ResponseWriter, r *http.Request) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	v, err := s.app.Course(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

func (s *Server) apiUpdateCourse(w http.ResponseWriter, r *http.Request) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	c := &rankfile.Course{}
	if err := decodeBody(r, c, courseShape); err != nil {
		return err
	}
	c.ID = id
	if err := s.app.UpdateCourse(r.Context(), req(r).actor, c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, c)
}

// memberReason is what the API takes to name a member, with a reason
// where one is needed.
type memberReason struct {
	MemberID int64  `json:"member_id"`
	Reason   string `json:"reason"`
}

const memberShape = "member_id, and reason where one is needed"

// courseMemberInput reads the course's id and the member named.
func courseMemberInput(r *http.Request) (int64, *memberReason, error) {
	id, err := courseID(r)
	if err != nil {
		return 0, nil, err
	}
	in := &memberReason{}
	return id, in, decodeBody(r, in, memberShape)
}

func (s *Server) apiAddTrainer(w http.ResponseWriter, r *http.Request) error {
	id, in, err := courseMemberInput(r)
	if err == nil {
		err = s.app.AddTrainer(r.Context(), req(r).actor, id, in.MemberID)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiRemoveTrainer(w http.ResponseWriter, r *http.Request) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	member, err := pathID(r, "mid", "member")
	if err == nil {
		err = s.app.RemoveTrainer(r.Context(), req(r).actor, id, member)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiFoundingTrainer(w http.ResponseWriter, r *http.Request) error {
	id, in, err := courseMemberInput(r)
	if err == nil {
		err = s.app.RecordFoundingTrainer(r.Context(), req(r).actor, id, in.MemberID, in.Reason)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiCourseException(w http.ResponseWriter, r *http.Request) error {
	id, in, err := courseMemberInput(r)
	if err == nil {
		err = s.app.GrantException(r.Context(), req(r).actor, id, in.MemberID, in.Reason)
	}
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// sessionInput is a session as the API takes it: an event, its
// recurrence and its trainers.
type sessionInput struct {
	eventInput
	TrainerIDs []int64 `json:"trainer_ids"`
}

const sessionShape = "a session: body_id, starts_at, ends_at, address or online_url, audience, trainer_ids, and optionally title, registration, capacity and recurrence"

func (s *Server) apiScheduleSession(w http.ResponseWriter, r *http.Request) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	in := &sessionInput{}
	if err := decodeBody(r, in, sessionShape); err != nil {
		return err
	}
	events, err := s.app.ScheduleSession(r.Context(), req(r).actor, id, &in.Event, in.Recurrence, in.TrainerIDs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, events)
}

func (s *Server) apiCompletion(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	v, err := s.app.SessionCompletion(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v)
}

const outcomesShape = "a list of {member_id, outcome}, outcome being complete, partial or absent"

func (s *Server) apiRecordCompletion(w http.ResponseWriter, r *http.Request) error {
	id, err := eventID(r)
	if err != nil {
		return err
	}
	var in []rankfile.SessionOutcome
	if err := decodeBody(r, &in, outcomesShape); err != nil {
		return err
	}
	if err := s.app.RecordCompletions(r.Context(), req(r).actor, id, in); err != nil {
		return err
	}
	return s.apiCompletion(w, r)
}

func (s *Server) apiMyTraining(w http.ResponseWriter, r *http.Request) error {
	rec, err := s.app.TrainingRecord(r.Context(), req(r).actor, req(r).actor.ID())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}

func (s *Server) apiMemberTraining(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id", "member")
	if err != nil {
		return err
	}
	rec, err := s.app.TrainingRecord(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rec)
}
