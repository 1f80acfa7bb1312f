package geo_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

const square = `{"type":"Polygon","coordinates":[[[-118.3,34.0],[-118.2,34.0],[-118.2,34.1],[-118.3,34.0]]]}`

// TestReadDistrict reads one district as a bare geometry, a Feature and a
// collection of one, each stored as a MultiPolygon; a collection of two, a
// point and an open ring are refused.
func TestReadDistrict(t *testing.T) {
	for _, text := range []string{square, `{"type":"Feature","properties":{},"geometry":` + square + `}`,
		`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":` + square + `}]}`} {
		got, err := geo.ReadDistrict(strings.NewReader(text))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		var g struct{ Type string }
		if json.Unmarshal(got, &g); g.Type != "MultiPolygon" {
			t.Errorf("%s: stored %s", text, got)
		}
	}
	for _, text := range []string{`{"type":"FeatureCollection","features":[]}`, `{"type":"Point","coordinates":[0,0]}`,
		`{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`, `not json`} {
		if _, err := geo.ReadDistrict(strings.NewReader(text)); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("%s: %v", text, err)
		}
	}
}

// FuzzReadDistrict checks that any input either fails with a clear
// EINVALID error or yields a shape ReadDistrict reads again the same.
func FuzzReadDistrict(f *testing.F) {
	f.Add(square)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":` + square + `}]}`)
	f.Fuzz(func(t *testing.T, text string) {
		got, err := geo.ReadDistrict(strings.NewReader(text))
		if err != nil {
			if rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		again, err := geo.ReadDistrict(strings.NewReader(string(got)))
		if err != nil || string(again) != string(got) {
			t.Fatalf("stored %s reads again as %s, %v", got, again, err)
		}
	})
}
