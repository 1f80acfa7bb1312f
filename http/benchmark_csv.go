package http

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/rankfile/rankfile"
)

// benchmarksCSV sends the dashboard's figures, a row a day, as CSV: the
// counts (shares are theirs to divide), a column a stage.
func (s *Server) benchmarksCSV(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	report, err := s.app.BenchmarkReport(r.Context(), req(r).actor, q.Get("scope"), q.Get("period"))
	if err != nil {
		return err
	}
	scope := "chapter"
	if report.Scope != nil {
		scope = report.Scope.Slug
	}
	w.Header().Set("Content-Type", textCSV)
	w.Header().Set("Content-Disposition", `attachment; filename="benchmarks-`+scope+`.csv"`)
	cw := csv.NewWriter(w)
	head := []string{"day", "scope", "members"}
	for _, k := range report.Stages {
		head = append(head, "stage:"+k)
	}
	cw.Write(append(head, "new_members", "new_reached", "new_oriented", "at_meeting", "one_on_one_year", "moved_up", "moved_down"))
	for _, d := range report.Days {
		cw.Write(rankfile.SpreadsheetSafe(benchmarkRow(d, scope, report.Stages)...))
	}
	cw.Flush()
	return cw.Error()
}

// benchmarkRow is a day's figures as the CSV's columns.
func benchmarkRow(d *rankfile.Benchmark, scope string, stages []string) []string {
	row := []string{d.Day.String(), scope, strconv.Itoa(d.Members)}
	for _, k := range stages {
		row = append(row, strconv.Itoa(d.Stages[k]))
	}
	for _, n := range []int{d.NewMembers, d.NewReached, d.NewOriented, d.AtMeeting, d.OneOnOneYear, d.MovedUp, d.MovedDown} {
		row = append(row, strconv.Itoa(n))
	}
	return row
}
