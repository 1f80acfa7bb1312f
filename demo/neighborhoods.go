package demo

import (
	"bytes"
	"context"
	_ "embed"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// box is an area by its edges, in degrees.
type box struct{ west, south, east, north float64 }

// neighborhoodBoxes draws each neighborhood group as a box cut to its
// branch's boundary, roughly where the neighborhood is. The boxes leave
// gaps (most of the San Gabriel Valley, a strip of the Valley): members
// living there are in no group until they choose one.
var neighborhoodBoxes = map[string]box{
	"hollywood":              {-180, -90, -118.31, 90},
	"koreatown":              {-118.31, -90, -118.275, 90},
	"echo-park-silver-lake":  {-118.275, -90, 180, 90},
	"boyle-heights":          {-180, -90, -118.15, 34.07},
	"highland-park":          {-180, 34.07, -118.165, 90},
	"pasadena":               {-118.165, 34.07, 180, 90},
	"north-hollywood":        {-118.41, -90, 180, 34.215},
	"van-nuys-panorama-city": {-118.53, -90, -118.41, 34.24},
	"pacoima":                {-118.5, 34.24, 180, 90},
	"santa-monica-venice":    {-180, -90, -118.44, 90},
	"culver-city-palms":      {-118.44, -90, 180, 90},
	"inglewood":              {-180, -90, 180, 33.985},
	"leimert-park":           {-180, 33.985, 180, 90},
}

// NeighborhoodsGeoJSON holds the boundaries of the demo's neighborhood
// groups, as drawn by drawNeighborhoods (a test keeps them in step; run
// go test ./demo -run TestNeighborhoodsFile -update to draw them again).
//
//go:embed neighborhoods.geojson
var NeighborhoodsGeoJSON []byte

// Neighborhoods returns the boundaries of the demo's neighborhood groups,
// each inside its branch's.
func Neighborhoods() []rankfile.Jurisdiction {
	js, err := geo.ReadNeighborhoods(bytes.NewReader(NeighborhoodsGeoJSON))
	if err != nil {
		panic("demo: embedded neighborhoods: " + err.Error()) // a build defect
	}
	return js
}

// drawNeighborhoods cuts each group's box to its branch.
func drawNeighborhoods() []rankfile.Jurisdiction {
	shapes := map[string]rankfile.Jurisdiction{}
	for _, b := range Branches() {
		shapes[b.Slug] = b
	}
	var out []rankfile.Jurisdiction
	for _, branch := range branchOrder {
		for _, name := range neighborhoods[branch] {
			slug := rankfile.Slugify(name)
			b := neighborhoodBoxes[slug]
			g, err := geo.Clip(shapes[branch].Geometry, b.west, b.south, b.east, b.north)
			if err != nil || g == nil {
				panic("demo: the box of " + slug + " misses its branch") // a build defect
			}
			out = append(out, rankfile.Jurisdiction{Slug: slug, Name: name, Branch: branch, Geometry: g})
		}
	}
	return out
}

// loadNeighborhoods draws the neighborhood groups and places the members
// in them.
func loadNeighborhoods(ctx context.Context, s Services) (*rankfile.NeighborhoodReport, error) {
	return s.Neighborhoods.LoadNeighborhoods(ctx, Neighborhoods(), "demo")
}
