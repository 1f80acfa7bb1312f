package geo

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/planar"
)

// edgeTolerance is how far, in degrees (about 10 cm), a corner of an inner
// boundary may stray outside the outer one: a group drawn along its
// branch's edge lands a rounding error off it.
const edgeTolerance = 1e-6

// Inside reports whether every corner of the inner boundary lies in the
// outer one, or on its edge. Both are stored GeoJSON geometries (as
// ReadJurisdictions writes them). Corners are what a boundary file is
// drawn by; an edge that cuts across a bend of the outer boundary between
// two corners inside it is not caught.
func Inside(inner, outer json.RawMessage) (bool, error) {
	in, err := storedShape(inner)
	if err != nil {
		return false, err
	}
	out, err := storedShape(outer)
	if err != nil {
		return false, err
	}
	for _, poly := range in {
		for _, ring := range poly {
			for _, p := range ring {
				if !planar.MultiPolygonContains(out, p) && planar.DistanceFrom(out, p) > edgeTolerance {
					return false, nil
				}
			}
		}
	}
	return true, nil
}

// storedShape reads a stored geometry.
func storedShape(raw json.RawMessage) (orb.MultiPolygon, error) {
	var g geometry
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("reading a stored boundary: %w", err)
	}
	shape, err := decodeGeometry(&g)
	if err != nil {
		return nil, fmt.Errorf("a stored boundary %s", err)
	}
	return shape, nil
}

// Clip cuts a stored boundary to the box between the longitudes west and
// east and the latitudes south and north, and returns what is left (nil
// when nothing is): a quick way to draw areas inside a boundary, as the
// demo draws its neighborhood groups inside their branches.
func Clip(raw json.RawMessage, west, south, east, north float64) (json.RawMessage, error) {
	shape, err := storedShape(raw)
	if err != nil {
		return nil, err
	}
	cut := clip.MultiPolygon(orb.Bound{Min: orb.Point{west, south}, Max: orb.Point{east, north}}, shape)
	if len(cut) == 0 {
		return nil, nil
	}
	return encodeGeometry(cut), nil
}
