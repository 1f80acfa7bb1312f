package geo

import (
	"cmp"
	"math"
	"slices"

	"github.com/rankfile/rankfile"
)

// A turf is the doors one canvasser (or a pair) walks in a shift. Cutting
// a campaign's universe into turfs keeps each side of a street together,
// in house-number order, so that a canvasser walks down one side and back
// up the other rather than zigzagging; cuts the sides into pieces small
// enough to make every turf the size asked for; orders the pieces along a
// Hilbert curve, so that pieces next to each other in the order lie next
// to each other on the map; and cuts that order into consecutive runs of
// pieces, choosing the cuts that bring every turf nearest the size asked.

// Door is one address to knock on: a house, or one unit of a building.
type Door struct {
	ID     int64
	Street string // the street's name, normalized so that one street has one spelling
	Number int    // the house number; 0 when unknown
	Unit   string // an apartment or unit, "" for a house
	Point  rankfile.Point
}

// TurfSize asks for turfs of about Target doors, none under Min or over
// Max (a universe of Max doors or fewer is one turf, however small).
type TurfSize struct {
	Target, Min, Max int
}

// Validate checks that the sizes make sense: 1 <= Min <= Target <= Max.
func (s TurfSize) Validate() error {
	if s.Min < 1 || s.Min > s.Target || s.Target > s.Max {
		return rankfile.Errorf(rankfile.EINVALID, "turf sizes must be at least 1 and in order: minimum %d, target %d, maximum %d", s.Min, s.Target, s.Max)
	}
	return nil
}

// Turf is one cut turf: its doors, by ID, in walking order.
type Turf struct {
	Doors []int64
}

// gapMeters splits a side of a street where two doors in a row are this
// far apart: the same street name far across town, or a park between.
const gapMeters = 250

// CutTurfs cuts doors into turfs of the size asked. Every door is in
// exactly one turf. It fails, changing nothing, when a door is not a place
// on Earth, two doors share an ID, or no number of turfs within the sizes
// adds up to the doors (e.g. 13 doors into turfs of 10 to 12).
func CutTurfs(doors []Door, size TurfSize) ([]Turf, error) {
	if err := checkDoors(doors, size); err != nil {
		return nil, err
	}
	if len(doors) == 0 {
		return nil, nil
	}
	proj := newProjection(doors)
	sides := streetSides(doors, proj)
	pieceSize := max(1, (size.Max-size.Min+1)/2)
	for _, limit := range []int{pieceSize, 1} {
		pieces := cutPieces(sides, limit)
		orderPieces(pieces, proj)
		if runs, ok := splitRuns(pieces, size); ok {
			return walkTurfs(runs, proj), nil
		}
	}
	return nil, rankfile.Errorf(rankfile.EINVALID, "%d doors cannot be cut into turfs of %d to %d doors: choose other sizes", len(doors), size.Min, size.Max)
}

// checkDoors refuses sizes that make no sense, doors not on Earth and
// doors that share an ID.
func checkDoors(doors []Door, size TurfSize) error {
	if err := size.Validate(); err != nil {
		return err
	}
	seen := make(map[int64]bool, len(doors))
	for _, d := range doors {
		if seen[d.ID] {
			return rankfile.Errorf(rankfile.EINVALID, "door %d is listed twice", d.ID)
		}
		seen[d.ID] = true
		if err := d.Point.Validate(); err != nil {
			return rankfile.Errorf(rankfile.EINVALID, "door %d: %s", d.ID, rankfile.ErrorMessage(err))
		}
	}
	return nil
}

// projection maps degrees to meters on a plane tangent near the doors:
// at the scale of a campaign (a city) the error is far below a house.
type projection struct {
	lat0, cosLat0 float64
}

const earthRadius = 6_371_000.0 // meters

func newProjection(doors []Door) projection {
	south, north := doors[0].Point.Lat, doors[0].Point.Lat
	for _, d := range doors {
		south, north = min(south, d.Point.Lat), max(north, d.Point.Lat)
	}
	lat0 := (south + north) / 2 // not a mean: a sum's rounding would depend on the doors' order
	return projection{lat0: lat0, cosLat0: math.Cos(lat0 * math.Pi / 180)}
}

// xy returns p in meters east and north.
func (pr projection) xy(p rankfile.Point) (x, y float64) {
	return p.Lon * math.Pi / 180 * earthRadius * pr.cosLat0, p.Lat * math.Pi / 180 * earthRadius
}

// meters returns the distance between two points.
func (pr projection) meters(a, b rankfile.Point) float64 {
	ax, ay := pr.xy(a)
	bx, by := pr.xy(b)
	return math.Hypot(ax-bx, ay-by)
}

// side is a stretch of one side of a street: its doors in house-number
// order (a building's units together), with no gap of gapMeters between
// two in a row.
type side []Door

// streetSides groups the doors by street and side (odd or even numbers;
// doors without a number make a side of their own), puts each side in
// house-number order, and splits it where it has a gap.
func streetSides(doors []Door, proj projection) []side {
	sorted := slices.Clone(doors)
	slices.SortFunc(sorted, func(a, b Door) int {
		return cmp.Or(cmp.Compare(a.Street, b.Street), cmp.Compare(parity(a), parity(b)),
			cmp.Compare(a.Number, b.Number), cmp.Compare(a.Unit, b.Unit), cmp.Compare(a.ID, b.ID))
	})
	var sides []side
	start := 0
	for i := 1; i <= len(sorted); i++ {
		if i == len(sorted) || sorted[i].Street != sorted[i-1].Street || parity(sorted[i]) != parity(sorted[i-1]) {
			sides = append(sides, stretchesOf(sorted[start:i], proj)...)
			start = i
		}
	}
	return sides
}

// stretchesOf splits one side of a street, in house-number order, into
// stretches: each door carries on the stretch whose last door is nearest,
// if within gapMeters, or starts one. Two streets of one name across town
// then stay apart even where their numbers interleave. Only the stretches
// started last are looked at, which keeps a long list of
// scattered doors without numbers from taking quadratic time.
func stretchesOf(doors []Door, proj projection) []side {
	const recent = 16
	var out []side
	for _, d := range doors {
		best, bestDist := -1, float64(gapMeters)
		for i := max(0, len(out)-recent); i < len(out); i++ {
			s := out[i]
			if dist := proj.meters(s[len(s)-1].Point, d.Point); dist <= bestDist {
				best, bestDist = i, dist
			}
		}
		if best < 0 {
			out = append(out, side{d})
			continue
		}
		out[best] = append(out[best], d)
	}
	return out
}

// parity is a door's side of the street: 1 odd, 2 even, 0 unknown.
func parity(d Door) int {
	if d.Number == 0 {
		return 0
	}
	return 1 + (d.Number+1)%2
}
