package count

import (
	"math/bits"
	"strconv"
	"strings"
)

// chart is the geometry of the SVG line chart of a count: one line per
// candidate through their votes at each round, and the quota. The legend
// is a list below the picture, not part of it, so that names are read at
// the page's own size on a phone and the picture keeps one width however
// long the names are.
type chart struct {
	T                                       Translator
	Label                                   string
	Width, Height, Left, Right, Top, Bottom int
	Lines                                   []chartLine
	QuotaPoints                             string
	YTicks, XTicks                          []chartTick
}

type chartLine struct {
	Name, Color, Dash, Points string
}

type chartTick struct {
	X, Y, Label string
}

// The palette is Okabe and Ito's, distinguishable with common colour
// blindness; after it runs out, lines repeat it dashed.
var chartColors = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"}
var chartDashes = []string{"", "6 3", "2 2", "8 3 2 3"}

// The picture is drawn about as wide as a phone's screen, so that it is
// shown near its own size there and its labels (chartFontSize) stay
// readable; a wider screen shows it larger.
const (
	chartWidth, chartHeight = 420, 292
	chartLeft, chartRight   = 56, 408
	chartTop, chartBottom   = 12, 264
	// chartTickGap is the least room, in the picture's units, between
	// the labels of two rounds; rounds closer together are labelled in
	// steps.
	chartTickGap = 28
)

func (r *Report) chart(t Translator) chart {
	ch := chart{
		T:     t,
		Label: t("count.chart"),
		Width: chartWidth, Height: chartHeight, Left: chartLeft, Right: chartRight, Top: chartTop, Bottom: chartBottom,
	}
	step := niceStep(r.chartMax(), r.Places)
	if len(r.Rounds) == 0 || step == 0 {
		return ch
	}
	top := step * ((r.chartMax() + step - 1) / step)
	var quota []string
	every := r.roundLabelStep()
	for i, rd := range r.Rounds {
		quota = append(quota, point(r.chartX(i), chartY(rd.Quota.Units, top)))
		if r.labelsRound(i, every) {
			ch.XTicks = append(ch.XTicks, chartTick{X: fmtCoord(r.chartX(i)), Y: strconv.Itoa(chartBottom + 20), Label: strconv.Itoa(rd.Number)})
		}
	}
	if r.Method != IRV {
		ch.QuotaPoints = strings.Join(quota, " ")
	}
	for v := int64(0); v <= top; v += step {
		ch.YTicks = append(ch.YTicks, chartTick{X: strconv.Itoa(chartLeft - 6), Y: fmtCoord(chartY(v, top)), Label: Decimal{Units: v, Places: r.Places}.wholePart()})
	}
	for c := range r.Candidates {
		if line, ok := r.chartLine(c, top, len(ch.Lines)); ok {
			ch.Lines = append(ch.Lines, line)
		}
	}
	return ch
}

// labelsRound reports whether round i is labelled on the axis: the last
// always, the others every step rounds unless too near the last.
func (r *Report) labelsRound(i, step int) bool {
	last := len(r.Rounds) - 1
	if i == last {
		return true
	}
	return i%step == 0 && (chartRight-chartLeft)*(last-i) >= chartTickGap*last
}

// roundLabelStep is how many rounds apart the round axis is labelled: every
// round while they are far enough apart, else every second, fifth, tenth
// and so on. The last round is always labelled.
func (r *Report) roundLabelStep() int {
	if len(r.Rounds) < 2 {
		return 1
	}
	intervals := len(r.Rounds) - 1
	for step := 1; ; step *= 10 {
		for _, m := range []int{1, 2, 5} {
			if (chartRight-chartLeft)*m*step >= chartTickGap*intervals {
				return m * step
			}
		}
	}
}

// chartLine draws candidate c's votes over the rounds they were counted.
func (r *Report) chartLine(c int, top int64, n int) (chartLine, bool) {
	var pts []string
	for i, rd := range r.Rounds {
		if rd.Counted[c] {
			pts = append(pts, point(r.chartX(i), chartY(rd.Tallies[c].Units, top)))
		}
	}
	if len(pts) == 0 {
		return chartLine{}, false
	}
	return chartLine{
		Name: r.Candidates[c], Color: chartColors[n%len(chartColors)], Dash: chartDashes[n/len(chartColors)%len(chartDashes)],
		Points: strings.Join(pts, " "),
	}, true
}

// niceStep returns a step of 1, 2 or 5 times a power of ten whole votes
// (in units) that divides the range up to top into at most five intervals.
func niceStep(top int64, places int) int64 {
	if top <= 0 {
		return 0
	}
	unit := pow10(places)
	for step := int64(1); ; step *= 10 {
		for _, m := range []int64{1, 2, 5} {
			if s := m * step * unit; top <= 5*s {
				return s
			}
		}
	}
}

// chartMax is the largest value drawn, votes or quota.
func (r *Report) chartMax() int64 {
	var top int64
	for _, rd := range r.Rounds {
		top = max(top, rd.Quota.Units)
		for c, in := range rd.Counted {
			if in {
				top = max(top, rd.Tallies[c].Units)
			}
		}
	}
	return top
}

// Coordinates are computed in integer tenths of a pixel, never in floating
// point, so that the chart is byte-identical on every machine (a compiler
// may fuse floating multiply-adds on some processors and not others).
type tenths int64

func (r *Report) chartX(i int) tenths {
	if len(r.Rounds) < 2 {
		return (chartLeft + chartRight) * 5
	}
	return tenths(chartLeft*10 + divRound(int64(i)*(chartRight-chartLeft)*10, int64(len(r.Rounds)-1)))
}

func chartY(units, top int64) tenths {
	return tenths(chartBottom*10 - mulDivRound(units, (chartBottom-chartTop)*10, top))
}

func point(x, y tenths) string { return fmtCoord(x) + "," + fmtCoord(y) }

// fmtCoord prints a coordinate to one decimal: enough for a chart.
func fmtCoord(v tenths) string {
	return strconv.FormatInt(int64(v)/10, 10) + "." + strconv.FormatInt(int64(v)%10, 10)
}

// divRound divides non-negative a by positive b, rounding half up.
func divRound(a, b int64) int64 { return (2*a + b) / (2 * b) }

// mulDivRound returns a×b/c rounded half up, for non-negative a, b and
// positive c, without overflow.
func mulDivRound(a, b, c int64) int64 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	q, rem := bits.Div64(hi, lo, uint64(c))
	if 2*rem >= uint64(c) {
		q++
	}
	return int64(q)
}

// wholePart prints the number without its decimals, for axis labels.
func (d Decimal) wholePart() string {
	return strconv.FormatInt(d.Units/pow10(d.Places), 10)
}
