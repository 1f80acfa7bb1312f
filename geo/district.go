package geo

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/rankfile/rankfile"
)

// maxDistrictBytes bounds a district's file: one city's council district
// is a few hundred kilobytes at most.
const maxDistrictBytes = 8 << 20

// ReadDistrict reads an electoral district's boundary for a race: a
// GeoJSON Polygon or MultiPolygon, bare, as a Feature, or as the one
// feature of a FeatureCollection (as election offices publish them). It
// returns the shape as stored (a MultiPolygon), checked as branch
// boundaries are.
func ReadDistrict(r io.Reader) (json.RawMessage, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDistrictBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading a district: %w", err)
	} else if len(data) > maxDistrictBytes {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the district's file is larger than %d MB", maxDistrictBytes>>20)
	}
	g, err := districtGeometry(data)
	if err != nil {
		return nil, err
	}
	shape, err := decodeGeometry(g)
	if err == nil {
		err = checkShape(shape)
	}
	if err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the district %s", err)
	}
	return encodeGeometry(shape), nil
}

// districtGeometry finds the one geometry of a GeoJSON text.
func districtGeometry(data []byte) (*geometry, error) {
	var doc struct {
		Type     string          `json:"type"`
		Geometry *geometry       `json:"geometry"`
		Features []feature       `json:"features"`
		Coords   json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, rankfile.Errorf(rankfile.EINVALID, "the district's file is not GeoJSON")
	}
	switch doc.Type {
	case "FeatureCollection":
		if len(doc.Features) != 1 {
			return nil, rankfile.Errorf(rankfile.EINVALID, "the district's file holds %d features, not one", len(doc.Features))
		}
		return doc.Features[0].Geometry, nil
	case "Feature":
		return doc.Geometry, nil
	case "Polygon", "MultiPolygon":
		return &geometry{Type: doc.Type, Coordinates: doc.Coords}, nil
	}
	return nil, rankfile.Errorf(rankfile.EINVALID, "the district's file is not GeoJSON")
}
