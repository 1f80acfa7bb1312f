package http

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/locale"
)

// The training program's report (/training/report): members trained by
// quarter, branch and level; each course's sessions, completion and
// no-show rates; how soon joiners complete a first course; and feedback
// by course over time. Each chart (chart.go's, as the benchmarks draw)
// has its figures as a table under it; each table comes as CSV
// (course_report_csv.go), the whole as JSON (course_report_api.go).

// trainingReportData is the report's page.
type trainingReportData struct {
	R *app.TrainingReport
	Q app.TrainingReportQuery
	// Query is the report's choice as a query string, for the downloads.
	Query         template.URL
	TrainedChart  template.HTML
	TrainedLegend []legendItem
	TrainedHead   []string
	Trained       []reportRow
	RatesChart    template.HTML
	RatesLegend   []legendItem
	Courses       []courseRow
	JoinsChart    template.HTML
	JoinsLegend   []legendItem
	Joins         []joinRow
	Questions     []string
	Feedback      []feedbackRow
}

// reportRow is a row of the trained table: a quarter, a branch, and a
// count a level then all levels.
type reportRow struct {
	Quarter, Branch string
	Counts          []int
}

// courseRow is a row of the courses' table; Title is "" for a quarter's
// total over every course.
type courseRow struct {
	Title string
	*rankfile.CourseQuarter
}

// joinRow is a row of the joiners' table, its quartiles written out.
type joinRow struct {
	*rankfile.JoinQuarter
	Lower, Median, Upper string
}

// feedbackRow is a row of the feedback table.
type feedbackRow struct {
	Title string
	*app.CourseFeedback
	Averages []string
}

// trainingReportQuery reads the report's choice from a request.
func trainingReportQuery(r *http.Request) app.TrainingReportQuery {
	q := r.URL.Query()
	return app.TrainingReportQuery{From: q.Get("from"), To: q.Get("to"), Branch: q.Get("branch"), Level: q.Get("level")}
}

func (s *Server) trainingReportPage(w http.ResponseWriter, r *http.Request) error {
	q := trainingReportQuery(r)
	rp, err := s.app.TrainingReport(r.Context(), req(r).actor, q)
	if err != nil {
		return err
	}
	return s.render(w, r, "course_report.html", trainingReportPage(req(r).l, rp, q))
}

// trainingReportPage prepares the page's charts and tables.
func trainingReportPage(l *locale.Localizer, rp *app.TrainingReport, q app.TrainingReportQuery) *trainingReportData {
	d := &trainingReportData{R: rp, Q: q, Questions: rankfile.CurrentFeedbackForm().Questions}
	v := url.Values{"from": {rp.Filter.From.String()}, "to": {rp.Filter.To.String()}, "branch": {q.Branch}, "level": {q.Level}}
	d.Query = template.URL(v.Encode())
	labels := quarterLabels(rp.Quarters)
	d.trainedChart(l, rp, labels)
	d.ratesChart(l, rp, labels)
	d.joinsChart(l, rp, labels)
	d.feedbackRows(l, rp)
	return d
}

// quarterLabels labels the x axis with quarters, at most five of them.
func quarterLabels(qs []rankfile.Quarter) []chartLabel {
	every := max(1, (len(qs)+4)/5)
	var out []chartLabel
	for i, q := range qs {
		if i%every == 0 || i == len(qs)-1 && len(qs) <= 5 {
			out = append(out, chartLabel{i, q.String()})
		}
	}
	return out
}

// reportLevels returns the levels the report's columns show: the one
// chosen, or every level.
func reportLevels(rp *app.TrainingReport) []*rankfile.CourseLevel {
	var out []*rankfile.CourseLevel
	for _, lv := range rp.Levels {
		if rp.Filter.Level == "" || lv.Slug == rp.Filter.Level {
			out = append(out, lv)
		}
	}
	return out
}

// trained returns the count of members trained in quarter q, branch
// (all when nil) and level ("" for all).
func trained(rp *app.TrainingReport, q rankfile.Quarter, branch *int64, level string) int {
	for _, t := range rp.Figures.Trained {
		if t.Quarter == q && t.AllBranches == (branch == nil) && (branch == nil || *branch == t.BranchID) &&
			t.AllLevels == (level == "") && t.Level == level {
			return t.Members
		}
	}
	return 0
}

// trainedChart draws members trained in the chapter (or the branch
// chosen) by quarter, a line a level and one for all, and lays out the
// table: a row a quarter and branch with members trained, then the
// quarter's total.
func (d *trainingReportData) trainedChart(l *locale.Localizer, rp *app.TrainingReport, labels []chartLabel) {
	c := lineChart{Title: l.T("trainingreport.trained.title"), XLabels: labels, First: 1}
	levels := reportLevels(rp)
	slugs := []string{}
	for _, lv := range levels {
		slugs = append(slugs, lv.Slug)
		d.TrainedHead = append(d.TrainedHead, lv.NameIn(l.Lang()))
	}
	slugs = append(slugs, "")
	d.TrainedHead = append(d.TrainedHead, l.T("trainingreport.levels.all"))
	for i, slug := range slugs {
		s := chartSeries{Name: d.TrainedHead[i]}
		for _, q := range rp.Quarters {
			s.Values = append(s.Values, float64(trained(rp, q, nil, slug)))
		}
		c.Series = append(c.Series, s)
		d.TrainedLegend = append(d.TrainedLegend, legend(i+1, s.Name))
	}
	d.TrainedChart = c.SVG()
	for _, q := range rp.Quarters {
		d.Trained = append(d.Trained, d.trainedRows(l, rp, q, slugs)...)
	}
}

// trainedRows returns a quarter's rows: each branch with someone trained,
// members with no branch, then all.
func (d *trainingReportData) trainedRows(l *locale.Localizer, rp *app.TrainingReport, q rankfile.Quarter, slugs []string) []reportRow {
	var out []reportRow
	branches := append([]*rankfile.Body{}, rp.Branches...)
	branches = append(branches, &rankfile.Body{Name: l.T("trainingreport.branch.none")})
	for _, b := range branches {
		row := reportRow{Quarter: q.String(), Branch: b.Name}
		for _, slug := range slugs {
			row.Counts = append(row.Counts, trained(rp, q, &b.ID, slug))
		}
		if row.Counts[len(row.Counts)-1] > 0 {
			out = append(out, row)
		}
	}
	all := reportRow{Quarter: q.String(), Branch: l.T("trainingreport.branch.all")}
	if rp.Branch != nil {
		all.Branch = rp.Branch.Name
	}
	for _, slug := range slugs {
		all.Counts = append(all.Counts, trained(rp, q, nil, slug))
	}
	return append(out, all)
}

// ratesChart draws the completion and no-show rates over every course by
// quarter, and lays out the courses' table.
func (d *trainingReportData) ratesChart(l *locale.Localizer, rp *app.TrainingReport, labels []chartLabel) {
	c := lineChart{Title: l.T("trainingreport.rates.title"), XLabels: labels, Percent: true, First: 1}
	for i, r := range []struct {
		key string
		of  func(*rankfile.CourseQuarter) float64
	}{
		{"trainingreport.completion", (*rankfile.CourseQuarter).CompletionRate},
		{"trainingreport.noshow", (*rankfile.CourseQuarter).NoShowRate},
	} {
		s := chartSeries{Name: l.T(r.key)}
		for _, t := range rp.Totals {
			s.Values = append(s.Values, r.of(t))
		}
		c.Series = append(c.Series, s)
		d.RatesLegend = append(d.RatesLegend, legend(i+1, s.Name))
	}
	d.RatesChart = c.SVG()
	for _, t := range rp.Totals {
		for _, cq := range rp.Figures.Courses {
			if cq.Quarter == t.Quarter {
				d.Courses = append(d.Courses, courseRow{Title: courseTitle(rp, cq.CourseID), CourseQuarter: cq})
			}
		}
		d.Courses = append(d.Courses, courseRow{CourseQuarter: t})
	}
}

// courseTitle returns the title of the report's course with id.
func courseTitle(rp *app.TrainingReport, id int64) string {
	if c := rp.Course(id); c != nil {
		return c.Title
	}
	return "#" + strconv.FormatInt(id, 10)
}

// joinsChart draws the quartiles of the days from joining to a first
// course, by quarter joined.
func (d *trainingReportData) joinsChart(l *locale.Localizer, rp *app.TrainingReport, labels []chartLabel) {
	c := lineChart{Title: l.T("trainingreport.joins.title"), XLabels: labels, First: 1}
	for i, r := range []struct {
		key string
		of  func(*rankfile.JoinQuarter) float64
	}{
		{"trainingreport.joins.upper", func(j *rankfile.JoinQuarter) float64 { return j.Upper }},
		{"trainingreport.joins.median", func(j *rankfile.JoinQuarter) float64 { return j.Median }},
		{"trainingreport.joins.lower", func(j *rankfile.JoinQuarter) float64 { return j.Lower }},
	} {
		s := chartSeries{Name: l.T(r.key)}
		for _, j := range rp.Figures.Joins {
			v := r.of(j)
			if j.Trained == 0 {
				v = math.NaN() // nobody trained: no figure, a gap in the line
			}
			s.Values = append(s.Values, v)
		}
		c.Series = append(c.Series, s)
		d.JoinsLegend = append(d.JoinsLegend, legend(i+1, s.Name))
	}
	d.JoinsChart = c.SVG()
	for _, j := range rp.Figures.Joins {
		d.Joins = append(d.Joins, joinRow{JoinQuarter: j, Lower: days(j.Lower, j.Trained),
			Median: days(j.Median, j.Trained), Upper: days(j.Upper, j.Trained)})
	}
}

// feedbackRows lays out the feedback table: a course's quarter's
// averages, or none when fewer than five answered each session.
func (d *trainingReportData) feedbackRows(l *locale.Localizer, rp *app.TrainingReport) {
	for _, f := range rp.Feedback {
		row := feedbackRow{Title: courseTitle(rp, f.CourseID), CourseFeedback: f}
		for _, k := range d.Questions {
			row.Averages = append(row.Averages, fmt.Sprintf("%.1f", f.Average(k)))
		}
		d.Feedback = append(d.Feedback, row)
	}
}

// days writes a number of days as the tables show it, "–" for none.
func days(v float64, trained int) string {
	if trained == 0 {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
