package http

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The roles that require a course, on a page for admins and through the
// API: a seat, or leading events of a kind.

// requirementsData is the requirements' page.
type requirementsData struct {
	V             *app.RequirementsView
	Kinds         []rankfile.EventKind
	Done, Problem string
}

func (s *Server) requirementsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderRequirements(w, r, http.StatusOK, "")
}

func (s *Server) renderRequirements(w http.ResponseWriter, r *http.Request, status int, problem string) error {
	v, err := s.app.CourseRequirements(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	data := &requirementsData{V: v, Kinds: rankfile.EventKinds, Problem: problem, Done: r.URL.Query().Get("done")}
	return s.renderStatus(w, r, status, "course_requirements.html", data)
}

// setRequirementForm sets a role's course: role is "seat-ID" or
// "kind-KIND", course a course's id or 0 for none.
func (s *Server) setRequirementForm(w http.ResponseWriter, r *http.Request) error {
	rule := &rankfile.CourseRequirement{}
	err := readRequirement(r, rule)
	if err == nil {
		err = s.app.SetCourseRequirement(r.Context(), req(r).actor, rule)
	}
	if err != nil {
		if !fixable(err) && rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			return err
		}
		return s.renderRequirements(w, r, statuses[rankfile.ErrorCode(err)], req(r).l.Error(err))
	}
	return redirect(w, r, "/courses/requirements?done=saved")
}

func readRequirement(r *http.Request, c *rankfile.CourseRequirement) error {
	role := r.FormValue("role")
	if id, ok := strings.CutPrefix(role, "seat-"); ok {
		c.SeatID, _ = strconv.ParseInt(id, 10, 64)
	} else if kind, ok := strings.CutPrefix(role, "kind-"); ok {
		c.EventKind = rankfile.EventKind(kind)
	}
	var err error
	if c.CourseID, err = formID(r, "course"); err != nil {
		return err
	}
	return c.Validate()
}

func (s *Server) apiCourseRequirements(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.CourseRequirements(r.Context(), req(r).actor)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, v.Requirements)
}

func (s *Server) apiSetCourseRequirement(w http.ResponseWriter, r *http.Request) error {
	c := &rankfile.CourseRequirement{}
	if err := decodeBody(r, c, "a requirement: seat_id or event_kind, and course_id (0 for none)"); err != nil {
		return err
	}
	if err := s.app.SetCourseRequirement(r.Context(), req(r).actor, c); err != nil {
		return err
	}
	return s.apiCourseRequirements(w, r)
}
