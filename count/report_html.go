package count

import (
	"embed"
	"html/template"
	"io"
	"strconv"
)

//go:embed templates/report.html.tmpl
var templateFS embed.FS

var reportTemplate = template.Must(template.ParseFS(templateFS, "templates/report.html.tmpl"))

// htmlView is what the report template shows.
type htmlView struct {
	Title, Rule, Quota, Seed string
	Seats, Places            int
	Ballots, Valid           int64
	Constraints, Elected     []string
	Rounds                   []int
	Rows                     []htmlRow
	Exhausted, Quotas        []string
	Decisions                []htmlDecision
	Chart                    chart
}

type htmlRow struct {
	Name, Class, Outcome string
	Cells                []string
}

type htmlDecision struct {
	Round int
	Text  string
}

// WriteHTML writes the report as an HTML fragment for the web app: the
// winners, an inline SVG chart of each candidate's votes by round (no
// script), the same figures as an accessible table, and every decision with
// its reason.
func (r *Report) WriteHTML(w io.Writer) error {
	return reportTemplate.ExecuteTemplate(w, "report", r.htmlView())
}

func (r *Report) htmlView() htmlView {
	v := htmlView{
		Title: r.Title, Rule: r.Method.Title(), Quota: r.Quota.String(), Seed: r.Seed,
		Seats: r.Seats, Places: r.Places, Ballots: r.Ballots, Valid: r.Valid,
		Elected: r.names(r.Elected), Chart: r.chart(),
	}
	if v.Title == "" {
		v.Title = "Count"
	}
	for _, k := range r.Constraints {
		v.Constraints = append(v.Constraints, k.String())
	}
	for i := range r.Rounds {
		rd := &r.Rounds[i]
		v.Rounds = append(v.Rounds, rd.Number)
		v.Exhausted = append(v.Exhausted, rd.Exhausted.String())
		v.Quotas = append(v.Quotas, rd.Quota.String())
		for _, d := range r.decisionsInOrder(rd) {
			v.Decisions = append(v.Decisions, htmlDecision{rd.Number, r.decisionText(d)})
		}
	}
	for c := range r.Candidates {
		if !containsInt(r.Withdrawn, c) {
			v.Rows = append(v.Rows, r.htmlRow(c))
		}
	}
	return v
}

// htmlRow gives a candidate's votes at each round, blank where they were
// out of the count, and their outcome.
func (r *Report) htmlRow(c int) htmlRow {
	row := htmlRow{Name: r.Candidates[c], Class: "not-elected", Outcome: "not elected"}
	for _, rd := range r.Rounds {
		cell := ""
		if rd.Counted[c] {
			cell = rd.Tallies[c].String()
		}
		row.Cells = append(row.Cells, cell)
	}
	for i, e := range r.Elected {
		if e == c {
			row.Class, row.Outcome = "elected", "elected ("+ordinal(i+1)+")"
		}
	}
	return row
}

func (r *Report) decisionText(d roundDecision) string {
	if d.Reason == ReasonSeatsFilled {
		return r.Candidates[d.Candidate] + " not elected: every seat is filled"
	}
	return r.Candidates[d.Candidate] + " " + d.outcome + ": " + string(d.Reason) + r.tieNote(d.Tie)
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
