package http

import (
	"html/template"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/locale"
)

// The benchmarks' dashboard: a scope's figures over a period as charts
// drawn on the server, the latest day's figures in words, and every
// month's figures as a table (the charts' text equivalent). The same
// figures come as CSV (benchmark_csv.go) and JSON (benchmark_api.go).

// benchmarkPeriodOrder is the order the period choice lists them in.
var benchmarkPeriodOrder = []string{"90d", "1y", "2y"}

// benchmarksData is the dashboard's page.
type benchmarksData struct {
	Report      *app.BenchmarkReport
	Slug        string // "" for the chapter
	Periods     []string
	Latest      *rankfile.Benchmark
	StageChart  template.HTML
	StageLegend []legendItem
	ShareChart  template.HTML
	ShareLegend []legendItem
	MovesChart  template.HTML
	Months      []benchmarkMonth
}

// legendItem names a chart's series and shows its colour.
type legendItem struct{ Name, Color, Dash string }

// benchmarkMonth is a row of the table: the month's last day's figures
// and the month's moves.
type benchmarkMonth struct {
	Label    string
	Day      *rankfile.Benchmark
	Up, Down int
}

func (s *Server) benchmarksPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	report, err := s.app.BenchmarkReport(r.Context(), req(r).actor, q.Get("scope"), q.Get("period"))
	if err != nil {
		return err
	}
	return s.render(w, r, "benchmarks.html", dashboard(req(r).l, report, q.Get("scope")))
}

// dashboard prepares the page's charts and table from the report.
func dashboard(l *locale.Localizer, rp *app.BenchmarkReport, slug string) benchmarksData {
	d := benchmarksData{Report: rp, Slug: slug, Periods: benchmarkPeriodOrder, Latest: rp.Latest(), Months: benchmarkMonths(l, rp)}
	if len(rp.Days) == 0 {
		return d
	}
	labels := dayLabels(l, rp.Days)
	stages := lineChart{Title: l.T("benchmarks.chart.stages"), XLabels: labels}
	for i, key := range rp.Stages {
		stages.Series = append(stages.Series, chartSeries{Name: l.Stage(key), Values: dayValues(rp.Days, func(b *rankfile.Benchmark) float64 { return float64(b.Stages[key]) })})
		d.StageLegend = append(d.StageLegend, legend(i, l.Stage(key)))
	}
	shares := lineChart{Title: l.T("benchmarks.chart.shares"), XLabels: labels, Percent: true, First: 1}
	for i, sh := range benchmarkShares {
		shares.Series = append(shares.Series, chartSeries{Name: l.T(sh.key), Values: dayValues(rp.Days, sh.of)})
		d.ShareLegend = append(d.ShareLegend, legend(i+1, l.T(sh.key)))
	}
	d.StageChart, d.ShareChart, d.MovesChart = stages.SVG(), shares.SVG(), movesChart(l, rp.Months)
	return d
}

// benchmarkShares are the shares the second chart draws, by message.
var benchmarkShares = []struct {
	key string
	of  func(*rankfile.Benchmark) float64
}{
	{"benchmarks.share.reached", func(b *rankfile.Benchmark) float64 { return rankfile.Share(b.NewReached, b.NewMembers) }},
	{"benchmarks.share.oriented", func(b *rankfile.Benchmark) float64 { return rankfile.Share(b.NewOriented, b.NewMembers) }},
	{"benchmarks.share.meeting", func(b *rankfile.Benchmark) float64 { return rankfile.Share(b.AtMeeting, b.Members) }},
	{"benchmarks.share.oneonone", func(b *rankfile.Benchmark) float64 { return rankfile.Share(b.OneOnOneYear, b.Members) }},
}

// legend returns the legend of the i-th series.
func legend(i int, name string) legendItem {
	color, dash := chartColor(i)
	return legendItem{Name: name, Color: color, Dash: dash}
}

// dayValues returns a figure of each day.
func dayValues(days []*rankfile.Benchmark, of func(*rankfile.Benchmark) float64) []float64 {
	out := make([]float64, len(days))
	for i, d := range days {
		out[i] = of(d)
	}
	return out
}

// dayLabels labels the first, middle and last days by month and year.
func dayLabels(l *locale.Localizer, days []*rankfile.Benchmark) []chartLabel {
	n := len(days)
	if n < 3 {
		return []chartLabel{{0, l.Date(days[0].Day)}}
	}
	var out []chartLabel
	for _, i := range []int{0, n / 2, n - 1} {
		out = append(out, chartLabel{i, l.MonthYear(days[i].Day)})
	}
	return out
}

// movesChart draws the moves up and down by month.
func movesChart(l *locale.Localizer, months []app.MonthMoves) template.HTML {
	c := barChart{Title: l.T("benchmarks.chart.moves")}
	every := max(1, (len(months)+7)/8) // at most eight labels
	for i, m := range months {
		c.Up, c.Down = append(c.Up, float64(m.Up)), append(c.Down, float64(m.Down))
		if i%every == 0 {
			c.XLabels = append(c.XLabels, chartLabel{i, shortMonth(l, m.Month)})
		}
	}
	return c.SVG()
}

// shortMonth writes a YYYY-MM month as its name's first three letters.
func shortMonth(l *locale.Localizer, month string) string {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return month
	}
	name := []rune(l.Month(t.Month()))
	return string(name[:min(3, len(name))])
}

// benchmarkMonths returns the table's rows, the latest month first.
func benchmarkMonths(l *locale.Localizer, rp *app.BenchmarkReport) []benchmarkMonth {
	var out []benchmarkMonth
	i := 0
	for _, m := range rp.Months {
		for i+1 < len(rp.Days) && rp.Days[i+1].Day.String()[:7] == m.Month {
			i++
		}
		row := benchmarkMonth{Label: m.Month, Day: rp.Days[i], Up: m.Up, Down: m.Down}
		row.Label = l.MonthYear(rp.Days[i].Day)
		out = append([]benchmarkMonth{row}, out...)
		i++
	}
	return out
}

// percent writes n as a whole percentage of of, "–" when of is 0.
func percent(n, of int) string {
	if of == 0 {
		return "–"
	}
	return strconv.Itoa(int(math.Round(rankfile.Share(n, of)*100))) + "%"
}
