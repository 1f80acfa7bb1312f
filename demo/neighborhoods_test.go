package demo_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/rankfile/rankfile/demo"
)

var update = flag.Bool("update", false, "draw neighborhoods.geojson again")

// TestNeighborhoodsFile keeps the embedded group boundaries in step with
// the boxes they are drawn from.
func TestNeighborhoodsFile(t *testing.T) {
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   json.RawMessage   `json:"geometry"`
	}
	fc := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection"}
	for _, j := range demo.DrawNeighborhoods() {
		fc.Features = append(fc.Features, feature{"Feature",
			map[string]string{"slug": j.Slug, "name": j.Name, "branch": j.Branch}, j.Geometry})
	}
	drawn, err := json.MarshalIndent(fc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	drawn = append(drawn, '\n')
	if *update {
		if err := os.WriteFile("neighborhoods.geojson", drawn, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(drawn, demo.NeighborhoodsGeoJSON) {
		t.Errorf("neighborhoods.geojson is not what the boxes draw: go test ./demo -run TestNeighborhoodsFile -update")
	}
}
