package http

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
)

// The training report's tables as CSV, one download a table
// (?table=trained, courses, joins or feedback, with the page's choice).
// They hold counts and averages and name nobody, as the benchmarks'
// download, so a download is not written to the audit log.

// reportTables are the tables a download may be of, with their writers.
var reportTables = map[string]func(*app.TrainingReport) [][]string{
	"trained":  trainedCSV,
	"courses":  coursesCSV,
	"joins":    joinsCSV,
	"feedback": feedbackCSV,
}

func (s *Server) trainingReportCSV(w http.ResponseWriter, r *http.Request) error {
	rp, err := s.app.TrainingReport(r.Context(), req(r).actor, trainingReportQuery(r))
	if err != nil {
		return err
	}
	table := r.URL.Query().Get("table")
	write, ok := reportTables[table]
	if !ok {
		return rankfile.Errorf(rankfile.EINVALID, "choose a table: trained, courses, joins or feedback")
	}
	w.Header().Set("Content-Type", textCSV)
	w.Header().Set("Content-Disposition", `attachment; filename="training-`+table+`-`+rp.Filter.From.String()+`-`+
		rp.Filter.To.String()+`.csv"`)
	cw := csv.NewWriter(w)
	for _, row := range write(rp) {
		cw.Write(rankfile.SpreadsheetSafe(row...))
	}
	cw.Flush()
	return cw.Error()
}

// countCSV writes a count.
func countCSV(n int) string { return strconv.Itoa(n) }

// shareCSV writes a share with three decimals, "" when there is nothing to
// divide.
func shareCSV(n, of int) string {
	if of == 0 {
		return ""
	}
	return strconv.FormatFloat(rankfile.Share(n, of), 'f', 3, 64)
}

// trainedCSV is members trained, a row a quarter, branch and level; the
// branch "" is members with none, "*" all of them, and the level "*" all.
func trainedCSV(rp *app.TrainingReport) [][]string {
	slugs := map[int64]string{}
	for _, b := range rp.Branches {
		slugs[b.ID] = b.Slug
	}
	out := [][]string{{"quarter", "branch", "level", "members_trained"}}
	for _, t := range rp.Figures.Trained {
		branch, level := slugs[t.BranchID], t.Level
		if t.AllBranches {
			branch = "*"
		}
		if t.AllLevels {
			level = "*"
		}
		out = append(out, []string{t.Quarter.String(), branch, level, countCSV(t.Members)})
	}
	return out
}

// coursesCSV is each course's quarter: sessions, counts and rates.
func coursesCSV(rp *app.TrainingReport) [][]string {
	out := [][]string{{"quarter", "course_id", "course", "level", "sessions", "registered", "checked_in", "complete", "partial",
		"absent", "no_shows", "completion_rate", "no_show_rate"}}
	for _, c := range rp.Figures.Courses {
		level := ""
		if k := rp.Course(c.CourseID); k != nil {
			level = k.Level
		}
		out = append(out, []string{c.Quarter.String(), strconv.FormatInt(c.CourseID, 10), courseTitle(rp, c.CourseID), level,
			countCSV(c.Sessions), countCSV(c.Registered), countCSV(c.CheckedIn), countCSV(c.Complete), countCSV(c.Partial), countCSV(c.Absent),
			countCSV(c.NoShows), shareCSV(c.Complete, c.Registered), shareCSV(c.NoShows, c.Registered)})
	}
	return out
}

// joinsCSV is each quarter's joiners and the days they took to a first
// course; the quartiles are "" when none has one.
func joinsCSV(rp *app.TrainingReport) [][]string {
	out := [][]string{{"quarter_joined", "joined", "trained", "not_yet", "lower_quartile_days", "median_days", "upper_quartile_days"}}
	for _, j := range rp.Figures.Joins {
		row := []string{j.Quarter.String(), countCSV(j.Joined), countCSV(j.Trained), countCSV(j.NotYet), "", "", ""}
		if j.Trained > 0 {
			for i, v := range []float64{j.Lower, j.Median, j.Upper} {
				row[4+i] = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
		out = append(out, row)
	}
	return out
}

// feedbackCSV is each course's quarter's averages, a column a question,
// empty where no session had five answers.
func feedbackCSV(rp *app.TrainingReport) [][]string {
	questions := rankfile.CurrentFeedbackForm().Questions
	head := []string{"quarter", "course_id", "course", "sessions", "sessions_counted", "answered"}
	for _, k := range questions {
		head = append(head, "average_"+k)
	}
	out := [][]string{head}
	for _, f := range rp.Feedback {
		row := []string{f.Quarter.String(), strconv.FormatInt(f.CourseID, 10), courseTitle(rp, f.CourseID), countCSV(f.Sessions),
			countCSV(f.Counted), ""}
		if f.Shown() {
			row[5] = countCSV(f.Answered)
		}
		for _, k := range questions {
			avg := ""
			if f.Shown() {
				avg = strconv.FormatFloat(f.Average(k), 'f', 2, 64)
			}
			row = append(row, avg)
		}
		out = append(out, row)
	}
	return out
}
