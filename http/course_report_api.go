package http

import (
	"net/http"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// trainingReportJSON is the training report in the API, with the same
// choice and permission as the page: the courses it covers, then its
// four tables.
type trainingReportJSON struct {
	From      rankfile.Quarter         `json:"from"`
	To        rankfile.Quarter         `json:"to"`
	Branch    string                   `json:"branch"` // a branch's slug, "" for all
	Level     string                   `json:"level"`  // a level's slug, "" for all
	Chapter   bool                     `json:"chapter"`
	Threshold int                      `json:"threshold"`
	Courses   []reportCourseJSON       `json:"courses"`
	Trained   []*rankfile.TrainedCount `json:"trained"`
	Sessions  []courseQuarterJSON      `json:"course_quarters"`
	Joins     []*rankfile.JoinQuarter  `json:"joins"`
	Feedback  []courseFeedbackJSON     `json:"feedback"`
}

// reportCourseJSON names a course the report covers.
type reportCourseJSON struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Level string `json:"level"`
}

// courseQuarterJSON is a course's quarter with its rates.
type courseQuarterJSON struct {
	*rankfile.CourseQuarter
	CompletionRate float64 `json:"completion_rate"`
	NoShowRate     float64 `json:"no_show_rate"`
}

// courseFeedbackJSON is a course's quarter's feedback: Averages is null
// unless a session had FeedbackThreshold answers.
type courseFeedbackJSON struct {
	*app.CourseFeedback
	Averages []questionAverageJSON `json:"averages"`
}

// questionAverageJSON is a question's average score.
type questionAverageJSON struct {
	Key     string  `json:"key"`
	Average float64 `json:"average"`
}

func (s *Server) apiTrainingReport(w http.ResponseWriter, r *http.Request) error {
	q := trainingReportQuery(r)
	rp, err := s.app.TrainingReport(r.Context(), req(r).actor, q)
	if err != nil {
		return err
	}
	out := trainingReportJSON{From: rp.Filter.From, To: rp.Filter.To, Branch: q.Branch, Level: rp.Filter.Level,
		Chapter: rp.Chapter, Threshold: rankfile.FeedbackThreshold, Courses: []reportCourseJSON{},
		Trained: rp.Figures.Trained, Sessions: []courseQuarterJSON{}, Joins: rp.Figures.Joins, Feedback: []courseFeedbackJSON{}}
	if out.Trained == nil {
		out.Trained = []*rankfile.TrainedCount{}
	}
	for _, c := range rp.Courses {
		out.Courses = append(out.Courses, reportCourseJSON{ID: c.ID, Title: c.Title, Level: c.Level})
	}
	for _, c := range rp.Figures.Courses {
		out.Sessions = append(out.Sessions, courseQuarterJSON{CourseQuarter: c, CompletionRate: c.CompletionRate(), NoShowRate: c.NoShowRate()})
	}
	for _, f := range rp.Feedback {
		out.Feedback = append(out.Feedback, feedbackJSON(f))
	}
	return writeJSON(w, http.StatusOK, out)
}

// feedbackJSON writes a course's quarter's averages, none when hidden.
func feedbackJSON(f *app.CourseFeedback) courseFeedbackJSON {
	out := courseFeedbackJSON{CourseFeedback: f}
	if !f.Shown() {
		return out
	}
	out.Averages = []questionAverageJSON{}
	for _, q := range f.Questions {
		out.Averages = append(out.Averages, questionAverageJSON{Key: q.Key, Average: q.Average})
	}
	return out
}
