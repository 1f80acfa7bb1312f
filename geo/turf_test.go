package geo_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// street lays doors along a street running east from a point: odd
// numbers on the north side, even on the south, 8 meters a house.
func street(name string, lat, lon float64, numbers []int, firstID int64) []geo.Door {
	const degPerMeter = 1 / 111_320.0
	var doors []geo.Door
	for i, n := range numbers {
		north := 6.0
		if n%2 == 0 {
			north = -6
		}
		doors = append(doors, geo.Door{
			ID: firstID + int64(i), Street: name, Number: n,
			Point: rankfile.Point{Lat: lat + north*degPerMeter, Lon: lon + float64(n)*4*degPerMeter/math.Cos(lat*math.Pi/180)},
		})
	}
	return doors
}

// genUniverse draws a small neighborhood: a few streets, each with some
// houses and perhaps an apartment building, and sometimes the same street
// name far across town.
func genUniverse(t *rapid.T) []geo.Door {
	var doors []geo.Door
	id := int64(1)
	for s := range rapid.IntRange(1, 6).Draw(t, "streets") {
		numbers := rapid.SliceOfNDistinct(rapid.IntRange(1, 400), 0, 60, rapid.ID).Draw(t, fmt.Sprint("numbers", s))
		lat := 34.05 + float64(s)*0.001
		name := fmt.Sprintf("Street %d", s%4) // streets 0 and 4 share a name, 500 m apart
		doors = append(doors, street(name, lat, -118.25, numbers, id)...)
		id += int64(len(numbers))
		for u := range rapid.IntRange(0, 12).Draw(t, fmt.Sprint("units", s)) {
			doors = append(doors, geo.Door{ID: id, Street: name, Number: 401, Unit: fmt.Sprint(u + 1),
				Point: rankfile.Point{Lat: lat + 0.00005, Lon: -118.25 + 0.02}})
			id++
		}
	}
	return doors
}

func genSize(t *rapid.T) geo.TurfSize {
	lo := rapid.IntRange(1, 25).Draw(t, "min")
	target := rapid.IntRange(lo, lo+25).Draw(t, "target")
	return geo.TurfSize{Min: lo, Target: target, Max: rapid.IntRange(target, target+30).Draw(t, "max")}
}

// feasible reports whether some number of turfs within the sizes adds up
// to n doors (or n doors fit one turf).
func feasible(n int, size geo.TurfSize) bool {
	if n <= size.Max {
		return true
	}
	for k := 1; k*size.Min <= n; k++ {
		if n <= k*size.Max {
			return true
		}
	}
	return false
}

// TestCutTurfsProperties checks, on random neighborhoods and sizes, that
// cutting fails exactly when no turfs within the sizes add up to the
// doors; that otherwise every door is in exactly one turf, every turf is
// within the sizes (or the one turf holds them all), each stretch of a
// side of a street is walked in house-number order, and the turfs do not
// depend on the order the doors were given in.
func TestCutTurfsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doors, size := genUniverse(t), genSize(t)
		turfs, err := geo.CutTurfs(doors, size)
		if !feasible(len(doors), size) {
			if err == nil {
				t.Fatalf("%d doors cut into %d turfs of %+v, which cannot be", len(doors), len(turfs), size)
			}
			return
		}
		if err != nil {
			t.Fatalf("%d doors, %+v: %v", len(doors), size, err)
		}
		checkPartition(t, doors, turfs)
		checkSizes(t, len(doors), turfs, size)
		checkSidesInOrder(t, doors, turfs)
		shuffled := slices.Clone(doors)
		rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := geo.CutTurfs(shuffled, size)
		if err != nil || !slices.EqualFunc(turfs, again, func(a, b geo.Turf) bool { return slices.Equal(a.Doors, b.Doors) }) {
			t.Fatalf("the doors in another order cut differently (%v)", err)
		}
	})
}

func checkPartition(t *rapid.T, doors []geo.Door, turfs []geo.Turf) {
	seen := map[int64]int{}
	for _, turf := range turfs {
		for _, id := range turf.Doors {
			seen[id]++
		}
	}
	for _, d := range doors {
		if seen[d.ID] != 1 {
			t.Fatalf("door %d is in %d turfs", d.ID, seen[d.ID])
		}
	}
	if len(seen) != len(doors) {
		t.Fatalf("the turfs hold %d doors, not the %d given", len(seen), len(doors))
	}
}

func checkSizes(t *rapid.T, n int, turfs []geo.Turf, size geo.TurfSize) {
	if n == 0 {
		if len(turfs) != 0 {
			t.Fatalf("no doors made %d turfs", len(turfs))
		}
		return
	}
	if len(turfs) == 1 && len(turfs[0].Doors) == n && n <= size.Max {
		return
	}
	for i, turf := range turfs {
		if len(turf.Doors) < size.Min || len(turf.Doors) > size.Max {
			t.Fatalf("turf %d has %d doors, outside %d-%d", i, len(turf.Doors), size.Min, size.Max)
		}
	}
}

// checkSidesInOrder checks that wherever a turf walks two doors of the
// same side of a street in a row, and then a third, the numbers keep going
// the same way: a side is walked down (or up), not back and forth.
func checkSidesInOrder(t *rapid.T, doors []geo.Door, turfs []geo.Turf) {
	byID := map[int64]geo.Door{}
	for _, d := range doors {
		byID[d.ID] = d
	}
	for i, turf := range turfs {
		for j := 2; j < len(turf.Doors); j++ {
			a, b, c := byID[turf.Doors[j-2]], byID[turf.Doors[j-1]], byID[turf.Doors[j]]
			if sameSide(a, b) && sameSide(b, c) && (b.Number-a.Number)*(c.Number-b.Number) < 0 {
				t.Fatalf("turf %d walks %s %d, %d, %d back and forth", i, a.Street, a.Number, b.Number, c.Number)
			}
		}
	}
}

// sameSide reports whether two doors are on one stretch of a side of a
// street: same street, same side, and near each other (250 m).
func sameSide(a, b geo.Door) bool {
	return a.Street == b.Street && a.Number%2 == b.Number%2 && a.Number != 0 && b.Number != 0 &&
		meters(a.Point, b.Point) <= 250
}

// grid lays out a town of blocks: east-west streets 100 m apart with
// houses on both sides.
func grid(streets, housesPerSide int) []geo.Door {
	var doors []geo.Door
	for s := range streets {
		numbers := make([]int, 2*housesPerSide)
		for i := range numbers {
			numbers[i] = i + 1
		}
		doors = append(doors, street(fmt.Sprintf("%d St", s+1), 34.0+float64(s)*100/111_320, -118.3, numbers, int64(len(doors)+1))...)
	}
	return doors
}

// TestCutTurfsAreCompact cuts a town of 20 streets of 250 houses a side
// into turfs of about 50 and checks that each covers a small part of it:
// no turf spans more than 1 km, where the town is 2 km by 2 km, and each
// keeps to at most three streets.
func TestCutTurfsAreCompact(t *testing.T) {
	doors := grid(20, 250)
	turfs, err := geo.CutTurfs(doors, geo.TurfSize{Min: 40, Target: 50, Max: 60})
	if err != nil {
		t.Fatal(err)
	}
	if len(turfs) < 167 || len(turfs) > 250 {
		t.Fatalf("%d turfs for 10,000 doors of about 50", len(turfs))
	}
	byID := map[int64]geo.Door{}
	for _, d := range doors {
		byID[d.ID] = d
	}
	for i, turf := range turfs {
		streets := map[string]bool{}
		var span float64
		for _, a := range turf.Doors {
			streets[byID[a].Street] = true
			for _, b := range turf.Doors {
				span = max(span, meters(byID[a].Point, byID[b].Point))
			}
		}
		if span > 1000 || len(streets) > 3 {
			t.Errorf("turf %d spans %.0f m over %d streets", i, span, len(streets))
		}
	}
}

func meters(a, b rankfile.Point) float64 {
	dy := (a.Lat - b.Lat) * 111_320
	dx := (a.Lon - b.Lon) * 111_320 * math.Cos(a.Lat*math.Pi/180)
	return math.Hypot(dx, dy)
}

// TestCutTurfsRefusesBadInput checks the refusals: each says what is
// wrong.
func TestCutTurfsRefusesBadInput(t *testing.T) {
	doors := grid(1, 7) // 14 doors
	for _, c := range []struct {
		name  string
		doors []geo.Door
		size  geo.TurfSize
		want  string
	}{
		{"sizes out of order", doors, geo.TurfSize{Min: 10, Target: 5, Max: 12}, "minimum 10, target 5, maximum 12"},
		{"no minimum", doors, geo.TurfSize{Min: 0, Target: 5, Max: 12}, "at least 1"},
		{"cannot add up", grid(1, 13)[:13], geo.TurfSize{Min: 10, Target: 11, Max: 12}, "13 doors cannot be cut into turfs of 10 to 12 doors"},
		{"twice", append(slices.Clone(doors), doors[3]), geo.TurfSize{Min: 5, Target: 7, Max: 9}, "door 4 is listed twice"},
		{"not on Earth", append(slices.Clone(doors), geo.Door{ID: 99, Street: "X", Point: rankfile.Point{Lat: 91}}), geo.TurfSize{Min: 5, Target: 7, Max: 9}, "door 99: 91, 0 is not a latitude and longitude"},
	} {
		_, err := geo.CutTurfs(c.doors, c.size)
		if err == nil || !strings.Contains(err.Error(), c.want) || rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

// BenchmarkCutTurfs50k cuts a campaign's 50,000 doors (50 streets of 500
// houses a side) into turfs of about 60.
//
//	go test ./geo -run '^$' -bench CutTurfs -benchmem
func BenchmarkCutTurfs50k(b *testing.B) {
	doors := grid(50, 500)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := geo.CutTurfs(doors, geo.TurfSize{Min: 45, Target: 60, Max: 75}); err != nil {
			b.Fatal(err)
		}
	}
}
