package geo

import (
	"cmp"
	"slices"

	"github.com/rankfile/rankfile"
)

// Hull returns the smallest convex outline around points, its corners
// counterclockwise, the first not repeated at the end: how a map draws a
// turf's area from its doors. Fewer than three distinct points (or all
// in a line) give the points themselves, distinct, in order.
func Hull(points []rankfile.Point) []rankfile.Point {
	ps := slices.Clone(points)
	slices.SortFunc(ps, func(a, b rankfile.Point) int { return cmp.Or(cmp.Compare(a.Lon, b.Lon), cmp.Compare(a.Lat, b.Lat)) })
	ps = slices.Compact(ps)
	if len(ps) < 3 {
		return ps
	}
	var lower, upper []rankfile.Point
	for _, p := range ps {
		lower = addToChain(lower, p)
	}
	for _, p := range slices.Backward(ps) {
		upper = addToChain(upper, p)
	}
	hull := append(lower[:len(lower)-1], upper[:len(upper)-1]...)
	if len(hull) < 3 {
		return ps
	}
	return hull
}

// addToChain adds p to a chain of the hull, dropping the corners it
// makes turn the wrong way (Andrew's monotone chain).
func addToChain(chain []rankfile.Point, p rankfile.Point) []rankfile.Point {
	for len(chain) >= 2 && cross(chain[len(chain)-2], chain[len(chain)-1], p) <= 0 {
		chain = chain[:len(chain)-1]
	}
	return append(chain, p)
}

// cross is the z of (a→b)×(a→c): positive when a, b, c turn left.
func cross(a, b, c rankfile.Point) float64 {
	return (b.Lon-a.Lon)*(c.Lat-a.Lat) - (b.Lat-a.Lat)*(c.Lon-a.Lon)
}
