package geo

import (
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/rankfile/rankfile"
)

// A turf drawn by hand: an organizer outlines an area on the map and the
// doors inside it make the turf, or picks doors from a list, and adjusts a
// turf by taking doors out or adding them. Either way the turf's doors are
// walked in the same order a cut turf's are.

// WalkTurf puts hand-picked doors in walking order: the order CutTurfs
// gives a turf of exactly these doors.
func WalkTurf(doors []Door) (Turf, error) {
	if len(doors) == 0 {
		return Turf{}, nil
	}
	turfs, err := CutTurfs(doors, TurfSize{Min: 1, Target: len(doors), Max: len(doors)})
	if err != nil {
		return Turf{}, err
	}
	return turfs[0], nil
}

// DoorsIn returns the IDs of the doors inside an outline drawn on the map
// (its corners in order; the last joins the first), in the doors' order.
// An outline of fewer than three corners holds no door.
func DoorsIn(doors []Door, outline []rankfile.Point) []int64 {
	if len(outline) < 3 {
		return nil
	}
	ring := make(orb.Ring, 0, len(outline)+1)
	for _, p := range outline {
		ring = append(ring, orb.Point{p.Lon, p.Lat})
	}
	ring = append(ring, ring[0])
	var in []int64
	for _, d := range doors {
		if planar.RingContains(ring, orb.Point{d.Point.Lon, d.Point.Lat}) {
			in = append(in, d.ID)
		}
	}
	return in
}
