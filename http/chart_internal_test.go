package http

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/locale"
)

// TestAMissingFigureIsAGap checks that a line's missing figure (NaN)
// breaks the line rather than drawing it at zero, and a point left alone
// between gaps is drawn as a dot.
func TestAMissingFigureIsAGap(t *testing.T) {
	nan := math.NaN()
	if got := chartRuns([]float64{1, nan, 3, 4, nan}, 1); !reflect.DeepEqual(got, [][]int{{0}, {2, 3}}) {
		t.Errorf("runs %v", got)
	}
	svg := string(lineChart{Series: []chartSeries{{Values: []float64{10, nan, 30, 40}}}}.SVG())
	if strings.Contains(svg, "NaN") || strings.Count(svg, "<polyline") != 1 || strings.Count(svg, "<circle") != 1 {
		t.Errorf("the chart:\n%s", svg)
	}
}

// TestTheSharesLegendMatchesItsLines checks the dashboard's shares chart:
// each share's legend entry has the colour its line is drawn in.
func TestTheSharesLegendMatchesItsLines(t *testing.T) {
	days := []*rankfile.Benchmark{{Day: rankfile.MustParseDate("2026-12-01")}, {Day: rankfile.MustParseDate("2026-12-02")}}
	d := dashboard(locale.For("en"), &app.BenchmarkReport{Days: days}, "")
	svg := string(d.ShareChart)
	for _, item := range d.ShareLegend {
		if !strings.Contains(svg, `stroke="`+item.Color+`"`) {
			t.Errorf("the legend's %s is not the colour of a line", item.Color)
		}
	}
	if len(d.ShareLegend) == 0 {
		t.Fatal("no legend")
	}
}
