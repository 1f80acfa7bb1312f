package http

import (
	"math"
	"reflect"
	"strings"
	"testing"
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
