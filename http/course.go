package http

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The training program on a phone: the catalogue (/courses), a course's
// page with its sessions, and the form that adds or changes a course.

// coursesData is the catalogue: the courses by level.
type coursesData struct {
	Levels    []courseLevelGroup
	CanCreate bool
	// Report says whether the viewer may see the program's report.
	Report bool
	// CanSetRules says whether the reader sets the program's rules: the
	// roles that require a course, and the levels.
	CanSetRules bool
	// Unoffered are the courses with no session this quarter that the
	// reader is told of: the courses they manage, or all for the steering
	// committee.
	Unoffered []*rankfile.Course
}

type courseLevelGroup struct {
	Level   *rankfile.CourseLevel
	Courses []*rankfile.Course
	// Next is each course's next session the reader may see, by course id;
	// missing when none is scheduled.
	Next map[int64]*rankfile.Event
}

func (s *Server) coursesPage(w http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), req(r).actor
	courses, err := s.app.CourseCatalogue(ctx, actor)
	if err != nil {
		return err
	}
	levels, err := s.app.CourseLevels(ctx, actor)
	if err != nil {
		return err
	}
	data := &coursesData{CanCreate: actor.CanCreateCourses(), CanSetRules: actor.CanSetCourseRequirements(),
		Report: actor.CanSeeTrainingReport(nil) || slices.ContainsFunc(courses, actor.CanSeeTrainingReport)}
	if data.Unoffered, err = s.app.NotOfferedThisQuarter(ctx, actor); err != nil {
		return err
	}
	for _, l := range levels {
		g := courseLevelGroup{Level: l, Next: map[int64]*rankfile.Event{}}
		for _, c := range courses {
			if c.Level != l.Slug {
				continue
			}
			g.Courses = append(g.Courses, c)
			if g.Next[c.ID], err = s.app.NextSession(ctx, actor, c.ID); err != nil {
				return err
			}
		}
		data.Levels = append(data.Levels, g)
	}
	return s.render(w, r, "courses.html", data)
}

// courseData is a course's page.
type courseData struct {
	V *app.CourseView
	// Next is the next session of the course the viewer misses.
	Next    *rankfile.Event
	Problem string
	Done    string
}

func courseID(r *http.Request) (int64, error) { return pathID(r, "id", "course") }

func (s *Server) coursePage(w http.ResponseWriter, r *http.Request) error {
	return s.renderCourse(w, r, http.StatusOK, "")
}

// renderCourse shows a course's page, with a problem a form on it had.
func (s *Server) renderCourse(w http.ResponseWriter, r *http.Request, status int, problem string) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	ctx, actor := r.Context(), req(r).actor
	v, err := s.app.Course(ctx, actor, id)
	if err != nil {
		return err
	}
	data := &courseData{V: v, Problem: problem, Done: r.URL.Query().Get("done")}
	if v.Missing != nil {
		if data.Next, err = s.app.NextSession(ctx, actor, v.Missing.CourseID); err != nil {
			return err
		}
	}
	return s.renderStatus(w, r, status, "course.html", data)
}

// courseForm is the form that adds or changes a course, as typed.
type courseForm struct {
	C         *rankfile.Course
	Levels    []*rankfile.CourseLevel
	Owners    []*rankfile.Body
	Others    []*rankfile.Course
	Materials string
	Problem   string
}

// Owns reports whether the form's course is developed by body id.
func (f *courseForm) Owns(id int64) bool {
	for _, b := range f.C.BodyIDs {
		if b == id {
			return true
		}
	}
	return false
}

// Requires returns the form's prerequisite on course id, nil for none.
func (f *courseForm) Requires(id int64) *rankfile.Prerequisite {
	for i, p := range f.C.Prerequisites {
		if p.CourseID == id {
			return &f.C.Prerequisites[i]
		}
	}
	return nil
}

func (s *Server) courseFormPage(w http.ResponseWriter, r *http.Request, status int, f *courseForm) error {
	ctx, actor := r.Context(), req(r).actor
	all, err := s.app.ActiveBodyList(ctx, f.C.BodyIDs...)
	if err != nil {
		return err
	}
	for _, b := range all {
		if (b.Kind == rankfile.KindCommittee || b.Kind == rankfile.KindWorkingGroup) &&
			(actor.CanCreateCourse([]int64{b.ID}) || f.Owns(b.ID)) {
			f.Owners = append(f.Owners, b)
		}
	}
	if len(f.Owners) == 0 {
		return actor.Require(false)
	}
	if f.Levels, err = s.app.CourseLevels(ctx, actor); err != nil {
		return err
	}
	courses, err := s.app.CourseCatalogue(ctx, actor)
	if err != nil {
		return err
	}
	for _, c := range courses {
		if c.ID != f.C.ID {
			f.Others = append(f.Others, c)
		}
	}
	return s.renderStatus(w, r, status, "course_form.html", f)
}

func (s *Server) newCoursePage(w http.ResponseWriter, r *http.Request) error {
	if err := req(r).actor.Require(req(r).actor.CanCreateCourses()); err != nil {
		return err
	}
	return s.courseFormPage(w, r, http.StatusOK, &courseForm{C: &rankfile.Course{Level: "fundamental"}})
}

func (s *Server) createCourseForm(w http.ResponseWriter, r *http.Request) error {
	f := &courseForm{C: &rankfile.Course{}, Materials: r.FormValue("materials")}
	err := readCourse(r, f.C)
	if err == nil {
		err = s.app.CreateCourse(r.Context(), req(r).actor, f.C)
	}
	if err != nil {
		return s.courseFormProblem(w, r, f, err)
	}
	return redirect(w, r, fmt.Sprintf("/courses/%d?done=created", f.C.ID))
}

func (s *Server) editCoursePage(w http.ResponseWriter, r *http.Request) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	v, err := s.app.Course(r.Context(), req(r).actor, id)
	if err != nil {
		return err
	}
	if err := req(r).actor.Require(v.Manage); err != nil {
		return err
	}
	var m strings.Builder
	for _, x := range v.Course.Materials {
		fmt.Fprintf(&m, "%s | %s\n", x.Title, x.URL)
	}
	return s.courseFormPage(w, r, http.StatusOK, &courseForm{C: v.Course, Materials: m.String()})
}

func (s *Server) updateCourseForm(w http.ResponseWriter, r *http.Request) error {
	id, err := courseID(r)
	if err != nil {
		return err
	}
	f := &courseForm{C: &rankfile.Course{ID: id}, Materials: r.FormValue("materials")}
	if err = readCourse(r, f.C); err == nil {
		err = s.app.UpdateCourse(r.Context(), req(r).actor, f.C)
	}
	if err != nil {
		return s.courseFormProblem(w, r, f, err)
	}
	return redirect(w, r, fmt.Sprintf("/courses/%d?done=saved", id))
}

// courseFormProblem shows the form again as sent, saying what was wrong.
func (s *Server) courseFormProblem(w http.ResponseWriter, r *http.Request, f *courseForm, err error) error {
	if !fixable(err) {
		return err
	}
	f.Problem = req(r).l.Error(err)
	return s.courseFormPage(w, r, statuses[rankfile.ErrorCode(err)], f)
}

// readCourse reads the form's course into c; Validate checks what it reads.
func readCourse(r *http.Request, c *rankfile.Course) error {
	if err := r.ParseForm(); err != nil {
		return rankfile.Errorf(rankfile.EINVALID, "the form could not be read")
	}
	c.Title, c.Level, c.Description = r.FormValue("title"), r.FormValue("level"), r.FormValue("description")
	for _, v := range r.Form["owner"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "owner: %q is not a body", v)
		}
		c.BodyIDs = append(c.BodyIDs, id)
	}
	var err error
	if c.DurationMinutes, err = formNumber(r, "duration"); err != nil {
		return err
	}
	if c.ValidityMonths, err = formNumber(r, "validity"); err != nil {
		return err
	}
	if c.Materials, err = readMaterials(r.FormValue("materials")); err != nil {
		return err
	}
	return readPrerequisites(r, c)
}

// formNumber reads a whole number field, 0 when empty.
func formNumber(r *http.Request, name string) (int, error) {
	v := strings.TrimSpace(r.FormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, rankfile.Errorf(rankfile.EINVALID, "%s: %q is not a number", name, v)
	}
	return n, nil
}

// readMaterials reads one material a line: "title | https://...".
func readMaterials(text string) ([]rankfile.CourseMaterial, error) {
	var out []rankfile.CourseMaterial
	for _, line := range lines(text) {
		title, link, ok := strings.Cut(line, "|")
		if !ok {
			return nil, rankfile.Errorf(rankfile.EINVALID, "write each material as a title, a bar and its link: %q", line)
		}
		out = append(out, rankfile.CourseMaterial{Title: title, URL: link})
	}
	return out, nil
}

// readPrerequisites reads the courses ticked as required, each with the
// months within which it counts (empty for ever).
func readPrerequisites(r *http.Request, c *rankfile.Course) error {
	for _, v := range r.Form["requires"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "requires: %q is not a course", v)
		}
		within, err := formNumber(r, "within_"+v)
		if err != nil {
			return err
		}
		c.Prerequisites = append(c.Prerequisites, rankfile.Prerequisite{CourseID: id, WithinMonths: within})
	}
	return nil
}
