package geo_test

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// TestHullHoldsEveryPoint checks, for any points, that the hull turns
// left at every corner (it is convex, counterclockwise) and that no point
// lies outside it.
func TestHullHoldsEveryPoint(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(3, 60).Draw(t, "n")
		var points []rankfile.Point
		for i := range n {
			points = append(points, rankfile.Point{
				Lat: 34 + float64(rapid.IntRange(0, 50).Draw(t, "lat"+string(rune('a'+i%26))))*1e-4,
				Lon: -118 + float64(rapid.IntRange(0, 50).Draw(t, "lon"+string(rune('a'+i%26))))*1e-4})
		}
		hull := geo.Hull(points)
		if len(hull) < 3 || inALine(hull) {
			return // all in a line: the points themselves, as Hull says
		}
		for i := range hull {
			a, b, c := hull[i], hull[(i+1)%len(hull)], hull[(i+2)%len(hull)]
			if turn(a, b, c) <= 0 {
				t.Fatalf("the hull does not turn left at %v: %v", b, hull)
			}
		}
		for _, p := range points {
			for i := range hull {
				if turn(hull[i], hull[(i+1)%len(hull)], p) < -1e-12 {
					t.Fatalf("%v lies outside the hull %v", p, hull)
				}
			}
		}
	})
}

// inALine reports whether the points all lie on the line of the first
// two.
func inALine(ps []rankfile.Point) bool {
	for _, p := range ps[2:] {
		if turn(ps[0], ps[1], p) != 0 {
			return false
		}
	}
	return true
}

func turn(a, b, c rankfile.Point) float64 {
	return (b.Lon-a.Lon)*(c.Lat-a.Lat) - (b.Lat-a.Lat)*(c.Lon-a.Lon)
}

// TestHullOfFewPoints gives back one or two points as they are.
func TestHullOfFewPoints(t *testing.T) {
	p := rankfile.Point{Lat: 34, Lon: -118}
	if got := geo.Hull([]rankfile.Point{p, p}); len(got) != 1 {
		t.Errorf("a point twice: %v", got)
	}
}
