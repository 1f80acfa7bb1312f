package geo_test

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// TestDoorsInAnOutline draws a triangle over a block: the doors inside are
// found, the one outside is not, and an outline of two corners holds none.
func TestDoorsInAnOutline(t *testing.T) {
	doors := []geo.Door{
		{ID: 1, Street: "Main St", Number: 100, Point: rankfile.Point{Lat: 34.0001, Lon: -118.0001}},
		{ID: 2, Street: "Main St", Number: 102, Point: rankfile.Point{Lat: 34.0002, Lon: -118.0002}},
		{ID: 3, Street: "Main St", Number: 900, Point: rankfile.Point{Lat: 34.01, Lon: -118.01}},
	}
	outline := []rankfile.Point{{Lat: 34.0, Lon: -118.0}, {Lat: 34.001, Lon: -118.0}, {Lat: 34.0, Lon: -118.001}}
	if got := geo.DoorsIn(doors, outline); !slices.Equal(got, []int64{1, 2}) {
		t.Errorf("doors in the triangle: %v, want [1 2]", got)
	}
	if got := geo.DoorsIn(doors, outline[:2]); got != nil {
		t.Errorf("doors in two corners: %v", got)
	}
}

// TestWalkTurfKeepsEveryDoor walks hand-picked doors of two streets: each
// door once, a street's side together in house-number order.
func TestWalkTurfKeepsEveryDoor(t *testing.T) {
	var doors []geo.Door
	for i := range 6 {
		doors = append(doors, geo.Door{ID: int64(10 + i), Street: "Elm St", Number: 200 - 2*i,
			Point: rankfile.Point{Lat: 34.0 + float64(5-i)*0.0001, Lon: -118.0}})
	}
	turf, err := geo.WalkTurf(doors)
	if err != nil || len(turf.Doors) != 6 {
		t.Fatalf("the walk: %v, %v", turf, err)
	}
	sorted := slices.Sorted(slices.Values(turf.Doors))
	if !slices.Equal(sorted, []int64{10, 11, 12, 13, 14, 15}) {
		t.Errorf("the walk's doors: %v", turf.Doors)
	}
	if first, last := turf.Doors[0], turf.Doors[5]; !(first == 10 && last == 15 || first == 15 && last == 10) {
		t.Errorf("one side of Elm St not walked in order: %v", turf.Doors)
	}
	if empty, err := geo.WalkTurf(nil); err != nil || len(empty.Doors) != 0 {
		t.Errorf("no doors: %v, %v", empty, err)
	}
}
