package http

import (
	"encoding/json"
	"net/http"
)

// mapPage draws the branches on a map. The map has no tiles from
// anywhere: only the branch boundaries, so that no third party learns who
// looks at it.
func (s *Server) mapPage(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "branch_map.html", nil)
}

// branchesGeoJSON serves the boundaries as a GeoJSON FeatureCollection.
func (s *Server) branchesGeoJSON(w http.ResponseWriter, r *http.Request) error {
	js, err := s.app.Jurisdictions(r.Context())
	if err != nil {
		return err
	}
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   json.RawMessage   `json:"geometry"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection", Features: []feature{}}
	for _, j := range js {
		fc.Features = append(fc.Features, feature{"Feature", map[string]string{"slug": j.Slug, "name": j.Name}, j.Geometry})
	}
	w.Header().Set("Content-Type", "application/geo+json")
	return json.NewEncoder(w).Encode(fc)
}
