package http

import (
	"strings"
	"testing"
)

// TestAChartsAxisSaysItsValues labels the lines of an axis whose top is 5:
// half of it is 2.5, not 2.
func TestAChartsAxisSaysItsValues(t *testing.T) {
	svg := string(lineChart{Title: "t", Series: []chartSeries{{Name: "a", Values: []float64{1, 4, 3}}}}.SVG())
	for _, want := range []string{">0<", ">2.5<", ">5<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the axis lacks %s: %s", want, svg)
		}
	}
	for _, c := range []struct {
		v       float64
		percent bool
		want    string
	}{{0.5, true, "50%"}, {20000, false, "20k"}, {1000, false, "1000"}} {
		if got := chartNumber(c.v, c.percent); got != c.want {
			t.Errorf("chartNumber(%v): %q, want %q", c.v, got, c.want)
		}
	}
}
