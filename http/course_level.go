package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
)

// The program's levels on a page for admins: each renamed in English and
// Spanish, and new ones added after them.

// levelsData is the levels' page.
type levelsData struct {
	Levels        []*rankfile.CourseLevel
	Done, Problem string
	// Sent is the level the form that had a problem sent.
	Sent *rankfile.CourseLevel
}

func (s *Server) levelsPage(w http.ResponseWriter, r *http.Request) error {
	return s.renderLevels(w, r, http.StatusOK, &levelsData{Done: r.URL.Query().Get("done")})
}

func (s *Server) renderLevels(w http.ResponseWriter, r *http.Request, status int, data *levelsData) error {
	actor := req(r).actor
	if err := actor.Require(actor.CanManageCourseLevels()); err != nil {
		return err
	}
	var err error
	if data.Levels, err = s.app.CourseLevels(r.Context(), actor); err != nil {
		return err
	}
	return s.renderStatus(w, r, status, "course_levels.html", data)
}

// saveLevelForm adds a level or renames one.
func (s *Server) saveLevelForm(w http.ResponseWriter, r *http.Request) error {
	l := &rankfile.CourseLevel{Slug: r.FormValue("slug"), Name: r.FormValue("name"), NameEs: r.FormValue("name_es")}
	if err := s.app.SaveCourseLevel(r.Context(), req(r).actor, l); err != nil {
		if !fixable(err) {
			return err
		}
		return s.renderLevels(w, r, statuses[rankfile.ErrorCode(err)], &levelsData{Problem: req(r).l.Error(err), Sent: l})
	}
	return redirect(w, r, "/courses/levels?done=saved")
}
