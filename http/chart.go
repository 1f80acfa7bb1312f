package http

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Charts drawn on the server as SVG: no script, no library, the same
// picture in every browser. A chart scales to the width of its column
// (its viewBox is 360 units wide, a phone's width), its text is the
// page's language, and the page gives its figures as a table too, for
// screen readers and for reading exact numbers. The legend is HTML beside
// it (chartLegend), so that it wraps on a phone.

// Geometry of a chart, in viewBox units.
const (
	chartWidth  = 360
	chartHeight = 190
	chartLeft   = 40 // room for the y axis's labels
	chartRight  = 8
	chartTop    = 10
	chartBottom = 22 // room for the x axis's labels
	chartPoints = 180
)

// chartColors are the series' colours, told apart also by their place in
// the legend and by the table; each has a dash pattern of its own.
var chartColors = []struct{ color, dash string }{
	{"#6b7280", "4 3"}, {"#2563eb", ""}, {"#059669", ""}, {"#d97706", ""}, {"#be123c", ""},
	{"#7c3aed", "6 2"}, {"#0e7490", "6 2"}, {"#a16207", "2 2"},
}

// chartSeries is one line of a chart.
type chartSeries struct {
	Name   string
	Values []float64
}

// chartLabel is a label on the x axis, at a point's index.
type chartLabel struct {
	At   int
	Text string
}

// lineChart is a line chart of series over the same points in time.
type lineChart struct {
	Title   string
	Series  []chartSeries
	XLabels []chartLabel
	Percent bool // values are shares (0 to 1) and read as percentages
	// First is the colour of the first series: 1 skips the grey one that
	// the benchmarks keep for members at no stage.
	First int
}

// chartColor returns the colour and dash pattern of the i-th series.
func chartColor(i int) (string, string) {
	c := chartColors[i%len(chartColors)]
	return c.color, c.dash
}

// SVG draws the chart.
func (c lineChart) SVG() template.HTML {
	n, top := 0, 0.0
	for _, s := range c.Series {
		n = max(n, len(s.Values))
		for _, v := range s.Values {
			if !math.IsNaN(v) {
				top = max(top, v)
			}
		}
	}
	top = niceCeiling(top, c.Percent)
	var b strings.Builder
	chartOpen(&b, c.Title)
	yAxis(&b, top, c.Percent)
	xLabels(&b, c.XLabels, n)
	step := max(1, (n+chartPoints-1)/chartPoints) // at most chartPoints points a line
	for i, s := range c.Series {
		color, dash := chartColor(c.First + i)
		for _, run := range chartRuns(s.Values, step) {
			if len(run) == 1 {
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`, xOf(run[0], n), yOf(s.Values[run[0]], top), color)
				continue
			}
			fmt.Fprintf(&b, `<polyline fill="none" stroke="%s" stroke-width="2" stroke-dasharray="%s" points="`, color, dash)
			for _, j := range run {
				fmt.Fprintf(&b, "%.1f,%.1f ", xOf(j, n), yOf(s.Values[j], top))
			}
			b.WriteString(`"/>`)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartRuns returns the indexes of the points a line is drawn through,
// every step-th and the last, in runs broken where a value is NaN: a
// figure that does not exist (a quarter in which nobody was trained has
// no median) is a gap in the line, not a fall to zero.
func chartRuns(values []float64, step int) [][]int {
	var runs [][]int
	var run []int
	for j := 0; j < len(values); j++ {
		if j%step != 0 && j != len(values)-1 {
			continue
		}
		if math.IsNaN(values[j]) {
			if len(run) > 0 {
				runs = append(runs, run)
			}
			run = nil
			continue
		}
		run = append(run, j)
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}

// barChart is a chart of bars above and below a zero line, one pair a
// point: moves up (above) and down (below) the ladder by month.
type barChart struct {
	Title    string
	Up, Down []float64
	XLabels  []chartLabel
}

// SVG draws the chart.
func (c barChart) SVG() template.HTML {
	n, top := len(c.Up), 0.0
	for i := range c.Up {
		top = max(top, c.Up[i], c.Down[i])
	}
	top = niceCeiling(top, false)
	var b strings.Builder
	chartOpen(&b, c.Title)
	mid := float64(chartTop) + float64(chartHeight-chartTop-chartBottom)/2
	half := mid - chartTop
	for _, v := range []float64{top, 0, -top} {
		y := mid - v/top*half
		fmt.Fprintf(&b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#d1d5db"/>`, chartLeft, chartWidth-chartRight, y, y)
		fmt.Fprintf(&b, `<text x="%d" y="%.1f" text-anchor="end" font-size="12" fill="#374151">%s</text>`, chartLeft-4, y+4, chartNumber(math.Abs(v), false))
	}
	slot := float64(chartWidth-chartLeft-chartRight) / float64(max(n, 1))
	w := max(1, slot*0.7)
	for i := range n {
		x := float64(chartLeft) + slot*float64(i) + (slot-w)/2
		up, down := c.Up[i]/top*half, c.Down[i]/top*half
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#059669"/>`, x, mid-up, w, up)
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#be123c"/>`, x, mid, w, down)
	}
	for _, l := range c.XLabels {
		x := float64(chartLeft) + slot*(float64(l.At)+0.5)
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" font-size="12" fill="#374151">%s</text>`,
			x, chartHeight-6, template.HTMLEscapeString(l.Text))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartOpen starts a chart's SVG, named for screen readers by its title.
func chartOpen(b *strings.Builder, title string) {
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" preserveAspectRatio="xMidYMid meet">`,
		chartWidth, chartHeight, template.HTMLEscapeString(title))
	fmt.Fprintf(b, `<title>%s</title>`, template.HTMLEscapeString(title))
}

// yAxis draws the horizontal lines at 0, half and the top, labelled.
func yAxis(b *strings.Builder, top float64, percent bool) {
	for _, v := range []float64{0, top / 2, top} {
		y := yOf(v, top)
		fmt.Fprintf(b, `<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#d1d5db"/>`, chartLeft, chartWidth-chartRight, y, y)
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end" font-size="12" fill="#374151">%s</text>`, chartLeft-4, y+4, chartNumber(v, percent))
	}
}

// xLabels writes the labels under the x axis, the first left-aligned and
// the last right-aligned so that neither is cut at the edge.
func xLabels(b *strings.Builder, labels []chartLabel, n int) {
	for i, l := range labels {
		anchor := "middle"
		switch {
		case i == 0:
			anchor = "start"
		case i == len(labels)-1:
			anchor = "end"
		}
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="%s" font-size="12" fill="#374151">%s</text>`,
			xOf(l.At, n), chartHeight-6, anchor, template.HTMLEscapeString(l.Text))
	}
}

// xOf is the x of the i-th of n points.
func xOf(i, n int) float64 {
	if n <= 1 {
		return chartLeft
	}
	return chartLeft + float64(i)/float64(n-1)*float64(chartWidth-chartLeft-chartRight)
}

// yOf is the y of value v on an axis from 0 to top.
func yOf(v, top float64) float64 {
	return float64(chartHeight-chartBottom) - v/top*float64(chartHeight-chartBottom-chartTop)
}

// niceCeiling returns the top of an axis for values up to v: 100% for
// shares, else a round number (1, 2 or 5 times a power of ten) at least v.
func niceCeiling(v float64, percent bool) float64 {
	if percent {
		return 1
	}
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// chartNumber writes an axis's value: a percentage, or a whole number
// shortened with k above ten thousand.
func chartNumber(v float64, percent bool) string {
	switch {
	case percent:
		return fmt.Sprintf("%.0f%%", v*100)
	case v >= 10000:
		return fmt.Sprintf("%.0fk", v/1000)
	case v != math.Trunc(v): // half of an odd top
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.0f", v)
}
