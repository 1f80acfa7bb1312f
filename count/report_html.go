package count

import (
	"embed"
	"html/template"
	"io"
	"strings"
	"sync"
)

//go:embed templates/report.html.tmpl
var templateFS embed.FS

// reportTemplate is parsed on first use: a count printed as text or JSON
// does not pay for it.
var reportTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.ParseFS(templateFS, "templates/report.html.tmpl"))
})

// htmlView is what the report template shows.
type htmlView struct {
	T                    Translator
	Title, Rule, Seed    string
	Seats, Quota         string // in words: "5 seats", "quota 1,234.5"
	Places               int
	Ballots, Valid       int64
	Constraints, Elected []string
	Rounds               []int
	Rows                 []htmlRow
	Exhausted, Quotas    []string
	Decisions            []htmlDecision
	Chart                chart
}

type htmlRow struct {
	Name, Class, Outcome string
	Cells                []string
}

type htmlDecision struct {
	Round int
	Text  string
}

// WriteHTML writes the report as an HTML fragment for the web app, its
// figures rounded to two decimals for reading (every place stays in the
// JSON and BLT files): the winners, an inline SVG chart of each candidate's votes by round (no
// script), the same figures as an accessible table, and every decision with
// its reason.
func (r *Report) WriteHTML(w io.Writer) error { return r.WriteHTMLIn(w, english) }

// WriteHTMLIn is WriteHTML with the words of the report (headings,
// outcomes, reasons) from t, in the reader's language.
func (r *Report) WriteHTMLIn(w io.Writer, t Translator) error {
	return reportTemplate().ExecuteTemplate(w, "report", r.htmlView(t))
}

func (r *Report) htmlView(t Translator) htmlView {
	v := htmlView{
		T: t, Title: r.Title, Rule: t("method." + string(r.Method)), Quota: r.quotaIn(t), Seed: r.Seed,
		Seats: r.seatsIn(t), Places: r.Places, Ballots: r.Ballots, Valid: r.Valid,
		Elected: r.names(r.Elected), Chart: r.chart(t),
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
		v.Exhausted = append(v.Exhausted, rd.Exhausted.Reading(readingPlaces))
		v.Quotas = append(v.Quotas, rd.Quota.Reading(readingPlaces))
		for _, d := range r.decisionsInOrder(rd) {
			v.Decisions = append(v.Decisions, htmlDecision{rd.Number, r.decisionText(d, t)})
		}
	}
	for c := range r.Candidates {
		if !containsInt(r.Withdrawn, c) {
			v.Rows = append(v.Rows, r.htmlRow(c, t))
		}
	}
	return v
}

// htmlRow gives a candidate's votes at each round, blank where they were
// out of the count, and their outcome.
func (r *Report) htmlRow(c int, t Translator) htmlRow {
	row := htmlRow{Name: r.Candidates[c], Class: "not-elected", Outcome: t("count.notelected")}
	for _, rd := range r.Rounds {
		cell := ""
		if rd.Counted[c] {
			cell = rd.Tallies[c].Reading(readingPlaces)
		}
		row.Cells = append(row.Cells, cell)
	}
	for i, e := range r.Elected {
		if e == c {
			row.Class, row.Outcome = "elected", t("count.electedplace", "N", i+1)
		}
	}
	return row
}

func (r *Report) decisionText(d roundDecision, t Translator) string {
	name := r.Candidates[d.Candidate]
	if d.Reason == ReasonSeatsFilled {
		return t("count.filled", "Name", name)
	}
	key := "count.wasexcluded"
	if d.outcome == "elected" {
		key = "count.waselected"
	}
	return t(key, "Name", name, "Reason", t(reasonKeys[d.Reason]), "Tie", r.tieWords(d.Tie, t))
}

// tieWords says how a tie was broken, in t's words.
func (r *Report) tieWords(tie *Tie, t Translator) string {
	if tie == nil {
		return ""
	}
	tied := strings.Join(r.names(tie.Candidates), ", ")
	switch {
	case tie.ByLot && len(r.TieOrder) > 0:
		return t("count.tie.order", "Tied", tied)
	case tie.ByLot:
		return t("count.tie.lot", "Tied", tied, "Seed", r.Seed)
	}
	return t("count.tie.stage", "Tied", tied, "Stage", tie.Stage)
}

// seatsIn says the number of seats in t's words.
func (r *Report) seatsIn(t Translator) string {
	if r.Seats == 1 {
		return t("count.seats.one")
	}
	return t("count.seats.other", "N", r.Seats)
}

// quotaIn says the quota in t's words, as the text report's quotaWords does.
func (r *Report) quotaIn(t Translator) string {
	final := r.Quota.Reading(readingPlaces)
	first, changed := r.firstQuota()
	if !changed {
		return t("count.quotafixed", "Quota", final)
	}
	return t("count.quotameek", "Final", final, "First", first.Reading(readingPlaces))
}
