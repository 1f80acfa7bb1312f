package geo

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/rankfile/rankfile"
)

// maxBoundaryBytes bounds a boundary file; real branch maps are far smaller.
const maxBoundaryBytes = 64 << 20

// ReadJurisdictions reads branch boundaries: a GeoJSON FeatureCollection of
// Polygon or MultiPolygon features, each with the properties slug and name.
// Every problem is reported with the feature it is in; nothing is returned
// unless the whole file is good.
func ReadJurisdictions(r io.Reader) ([]rankfile.Jurisdiction, error) {
	features, err := readFeatures(r)
	if err != nil {
		return nil, err
	}
	return jurisdictions(features, jurisdiction)
}

// ReadNeighborhoods reads neighborhood-group boundaries with the same
// rules as ReadJurisdictions: each feature has the properties slug (the
// group's) and branch (its branch's slug); name is optional, since the
// groups already exist.
func ReadNeighborhoods(r io.Reader) ([]rankfile.Jurisdiction, error) {
	features, err := readFeatures(r)
	if err != nil {
		return nil, err
	}
	return jurisdictions(features, neighborhood)
}

// readFeatures reads a whole GeoJSON FeatureCollection of at least one
// feature.
func readFeatures(r io.Reader) ([]feature, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBoundaryBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading boundaries: %w", err)
	} else if len(data) > maxBoundaryBytes {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the boundary file is larger than %d MB", maxBoundaryBytes>>20)
	}
	var fc featureCollection
	if err := json.Unmarshal(data, &fc); err != nil || fc.Type != "FeatureCollection" {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the boundary file must be a GeoJSON FeatureCollection")
	}
	if len(fc.Features) == 0 {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the boundary file has no features")
	}
	return fc.Features, nil
}

// The parts of GeoJSON (RFC 7946) that branch boundaries use.
type (
	featureCollection struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}
	feature struct {
		Properties struct {
			Slug   any `json:"slug"`
			Name   any `json:"name"`
			Branch any `json:"branch"`
		} `json:"properties"`
		Geometry *geometry `json:"geometry"`
	}
	geometry struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
)

func jurisdictions(features []feature, read func(feature) (rankfile.Jurisdiction, error)) ([]rankfile.Jurisdiction, error) {
	out := make([]rankfile.Jurisdiction, 0, len(features))
	seen := map[string]int{}
	for i, f := range features {
		j, err := read(f)
		if err != nil {
			return nil, rankfile.Errorf(rankfile.EINVALID, "feature %d: %s", i+1, rankfile.ErrorMessage(err))
		}
		if prev, dup := seen[j.Slug]; dup {
			return nil, rankfile.Errorf(rankfile.EINVALID, "features %d and %d both have slug %q", prev+1, i+1, j.Slug)
		}
		seen[j.Slug] = i
		out = append(out, j)
	}
	return out, nil
}

func jurisdiction(f feature) (rankfile.Jurisdiction, error) {
	slug, _ := f.Properties.Slug.(string)
	name, _ := f.Properties.Name.(string)
	body := rankfile.Body{Kind: rankfile.KindBranch, Slug: slug, Name: name, Joining: rankfile.JoinNone}
	if err := body.Validate(); err != nil {
		return rankfile.Jurisdiction{}, err
	}
	return withShape(rankfile.Jurisdiction{Slug: slug, Name: name}, f.Geometry)
}

// neighborhood reads one group's boundary: its slug and its branch's.
func neighborhood(f feature) (rankfile.Jurisdiction, error) {
	slug, _ := f.Properties.Slug.(string)
	name, _ := f.Properties.Name.(string)
	branch, _ := f.Properties.Branch.(string)
	if branch == "" {
		return rankfile.Jurisdiction{}, rankfile.Errorf(rankfile.EINVALID, "%s has no branch property (the slug of the group's branch)", slug)
	}
	body := rankfile.Body{Kind: rankfile.KindNeighborhoodGroup, Slug: slug, Name: cmp.Or(name, slug), Joining: rankfile.JoinNone}
	if err := body.Validate(); err != nil {
		return rankfile.Jurisdiction{}, err
	}
	return withShape(rankfile.Jurisdiction{Slug: slug, Name: name, Branch: branch}, f.Geometry)
}

// withShape checks a feature's geometry and stores it on j.
func withShape(j rankfile.Jurisdiction, g *geometry) (rankfile.Jurisdiction, error) {
	shape, err := decodeGeometry(g)
	if err == nil {
		err = checkShape(shape)
	}
	if err != nil {
		return rankfile.Jurisdiction{}, rankfile.Errorf(rankfile.EINVALID, "%s %s", j.Slug, err)
	}
	j.Geometry = encodeGeometry(shape)
	return j, nil
}

// decodeGeometry reads a Polygon or MultiPolygon. Positions may carry an
// altitude after longitude and latitude; it is dropped.
func decodeGeometry(g *geometry) (orb.MultiPolygon, error) {
	if g == nil {
		return nil, fmt.Errorf("has no geometry")
	}
	switch g.Type {
	case "Polygon":
		var rings [][][]float64
		if err := json.Unmarshal(g.Coordinates, &rings); err != nil {
			return nil, fmt.Errorf("has unreadable Polygon coordinates")
		}
		poly, err := toPolygon(rings)
		return orb.MultiPolygon{poly}, err
	case "MultiPolygon":
		var polys [][][][]float64
		if err := json.Unmarshal(g.Coordinates, &polys); err != nil {
			return nil, fmt.Errorf("has unreadable MultiPolygon coordinates")
		}
		return toMultiPolygon(polys)
	}
	return nil, fmt.Errorf("is a %q geometry; branches must be Polygon or MultiPolygon", g.Type)
}

func toMultiPolygon(polys [][][][]float64) (orb.MultiPolygon, error) {
	out := make(orb.MultiPolygon, 0, len(polys))
	for _, rings := range polys {
		poly, err := toPolygon(rings)
		if err != nil {
			return nil, err
		}
		out = append(out, poly)
	}
	return out, nil
}

func toPolygon(rings [][][]float64) (orb.Polygon, error) {
	poly := make(orb.Polygon, 0, len(rings))
	for _, positions := range rings {
		ring := make(orb.Ring, 0, len(positions))
		for _, p := range positions {
			if len(p) < 2 {
				return nil, fmt.Errorf("has a position with fewer than 2 numbers")
			}
			ring = append(ring, orb.Point{p[0], p[1]})
		}
		poly = append(poly, ring)
	}
	return poly, nil
}

// encodeGeometry writes a shape back as GeoJSON for storage.
func encodeGeometry(shape orb.MultiPolygon) json.RawMessage {
	raw, err := json.Marshal(geometryJSON{Type: "MultiPolygon", Coordinates: shape})
	if err != nil {
		panic(err) // only numbers and strings: cannot fail
	}
	return raw
}

type geometryJSON struct {
	Type        string           `json:"type"`
	Coordinates orb.MultiPolygon `json:"coordinates"`
}

// checkShape accepts polygons whose rings are closed and whose coordinates
// are longitude, latitude in range.
func checkShape(polys orb.MultiPolygon) error {
	if len(polys) == 0 {
		return fmt.Errorf("has an empty geometry")
	}
	for _, poly := range polys {
		if err := checkPolygon(poly); err != nil {
			return err
		}
	}
	return nil
}

func checkPolygon(poly orb.Polygon) error {
	if len(poly) == 0 {
		return fmt.Errorf("has a polygon without rings")
	}
	for _, ring := range poly {
		if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
			return fmt.Errorf("has a ring that is not closed (a ring needs at least 4 positions, the last equal to the first)")
		}
		for _, p := range ring {
			if p.Lon() < -180 || p.Lon() > 180 || p.Lat() < -90 || p.Lat() > 90 {
				return fmt.Errorf("has position [%g, %g] outside [longitude, latitude] range; are the coordinates swapped?", p[0], p[1])
			}
		}
	}
	return nil
}

// Locator finds the branch a point lies in.
type Locator struct {
	areas []area
}

type area struct {
	slug  string
	bound orb.Bound
	shape orb.MultiPolygon
}

// NewLocator prepares boundaries for point lookups. Where boundaries
// overlap, the earlier one wins.
func NewLocator(js []rankfile.Jurisdiction) (*Locator, error) {
	l := &Locator{}
	for _, j := range js {
		var g geometry
		if err := json.Unmarshal(j.Geometry, &g); err != nil {
			return nil, fmt.Errorf("boundary of %s: %w", j.Slug, err)
		}
		shape, err := decodeGeometry(&g)
		if err != nil {
			return nil, fmt.Errorf("boundary of %s %s", j.Slug, err)
		}
		l.areas = append(l.areas, area{slug: j.Slug, bound: shape.Bound(), shape: shape})
	}
	return l, nil
}

// Locate returns the slug of the branch p lies in, or "" for none.
func (l *Locator) Locate(p rankfile.Point) string {
	pt := orb.Point{p.Lon, p.Lat}
	for _, a := range l.areas {
		if a.bound.Contains(pt) && planar.MultiPolygonContains(a.shape, pt) {
			return a.slug
		}
	}
	return ""
}
