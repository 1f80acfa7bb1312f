package count

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestChartFitsAPhone checks that a count's chart is drawn at one size
// whatever the names, that its legend is a list of the page's own text,
// and that the rounds' labels do not run into each other on a long count.
func TestChartFitsAPhone(t *testing.T) {
	const n = 40
	out := longCountHTML(t, n)
	if !strings.Contains(out, fmt.Sprintf(`viewBox="0 0 %d %d"`, chartWidth, chartHeight)) {
		t.Errorf("the chart is not drawn at %dx%d whatever the names:\n%s", chartWidth, chartHeight, out[:min(len(out), 2000)])
	}
	legend := out[strings.Index(out, `<ul class="legend">`):]
	legend = legend[:strings.Index(legend, "</ul>")]
	if got := strings.Count(legend, "<li>"); got != n {
		t.Errorf("legend entries: got %d, want %d", got, n)
	}
	if !strings.Contains(legend, "Candidate with a rather long name number 40</li>") {
		t.Errorf("legend does not name the candidates as text: %s", legend[:min(len(legend), 400)])
	}
	for c := 3; c <= 60; c++ {
		checkRoundLabelsApart(t, longCountHTML(t, c))
	}
}

// longCountHTML counts, by IRV, an election of n candidates in which
// candidate c has c first preferences, and returns its HTML report: one
// candidate is excluded a round until one has a majority.
func longCountHTML(t *testing.T, n int) string {
	t.Helper()
	var blt strings.Builder
	fmt.Fprintf(&blt, "%d 1\n", n)
	for c := 1; c <= n; c++ {
		fmt.Fprintf(&blt, "%d %d 0\n", c, c) // candidate c has c first preferences: no ties
	}
	blt.WriteString("0\n")
	for c := 1; c <= n; c++ {
		fmt.Fprintf(&blt, "\"Candidate with a rather long name number %d\"\n", c)
	}
	blt.WriteString("\"Long count\"\n")
	var b strings.Builder
	if err := mustCount(t, mustReadBLT(t, blt.String()), Options{Method: IRV}).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkRoundLabelsApart fails if two labels of the round axis are closer
// than chartTickGap, or if the last round is not labelled.
func checkRoundLabelsApart(t *testing.T, out string) {
	t.Helper()
	y := strconv.Itoa(chartBottom + 20)
	labels := regexp.MustCompile(`<text x="([0-9.]+)" y="`+y+`" text-anchor="middle">(\d+)</text>`).FindAllStringSubmatch(out, -1)
	if len(labels) < 2 {
		t.Fatalf("round labels: got %d", len(labels))
	}
	prev := -1e9
	for _, l := range labels {
		x, _ := strconv.ParseFloat(l[1], 64)
		if x-prev < chartTickGap-0.5 {
			t.Errorf("round %s labelled %.1f after the one before it, less than %d", l[2], x-prev, chartTickGap)
		}
		prev = x
	}
	if x, _ := strconv.ParseFloat(labels[len(labels)-1][1], 64); x != chartRight {
		t.Errorf("last round's label at x=%v, want the axis's end %d", x, chartRight)
	}
}
