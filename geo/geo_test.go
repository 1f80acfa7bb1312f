package geo_test

import (
	"os"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/geo"
)

func TestEveryLosAngelesCountyZipHasACentroid(t *testing.T) {
	zips := geo.ZipsIn("CA", "Los Angeles")
	if got, want := len(zips), 508; got != want {
		t.Fatalf("Los Angeles County ZIPs = %d, want %d", got, want)
	}
	for _, z := range zips {
		p, ok := geo.LookupZip(z.Zip)
		if !ok || p.Point.Lat < 33 || p.Point.Lat > 35 || p.Point.Lon < -119 || p.Point.Lon > -117.6 {
			t.Errorf("ZIP %s at %+v (found %v) is not in Los Angeles County", z.Zip, p.Point, ok)
		}
	}
}

func TestLocateDemoBranches(t *testing.T) {
	loc, err := geo.NewLocator(demo.Branches())
	if err != nil {
		t.Fatal(err)
	}
	for zip, want := range map[string]string{
		"90026": "central",                 // Echo Park
		"90004": "central",                 // Koreatown
		"91405": "san-fernando-valley",     // Van Nuys
		"91601": "san-fernando-valley",     // North Hollywood
		"90401": "westside",                // Santa Monica
		"90291": "westside",                // Venice
		"91101": "eastside-sgv",            // Pasadena
		"90033": "eastside-sgv",            // Boyle Heights
		"90301": "south-central-inglewood", // Inglewood
		"90011": "south-central-inglewood", // South Los Angeles
		"93534": "",                        // Lancaster, outside every branch
		"90802": "",                        // Long Beach
	} {
		p, ok := geo.MemberPoint(nil, zip, "")
		if !ok {
			t.Errorf("no point for ZIP %s", zip)
			continue
		}
		if got := loc.Locate(p); got != want {
			t.Errorf("ZIP %s located in %q, want %q", zip, got, want)
		}
	}
}

func TestMemberPointPrefersOwnCoordinatesThenMailingThenBilling(t *testing.T) {
	own := &rankfile.Point{Lat: 1, Lon: 2}
	if p, _ := geo.MemberPoint(own, "90026", "91405"); p != *own {
		t.Errorf("own coordinates ignored: %+v", p)
	}
	mailing, _ := geo.LookupZip("90026")
	billing, _ := geo.LookupZip("91405")
	if p, _ := geo.MemberPoint(nil, "90026-1234", "91405"); p != mailing.Point {
		t.Errorf("mailing ZIP+4 not used: %+v", p)
	}
	if p, _ := geo.MemberPoint(nil, "", "91405"); p != billing.Point {
		t.Errorf("billing ZIP not used when mailing is empty: %+v", p)
	}
	if _, ok := geo.MemberPoint(nil, "", ""); ok {
		t.Errorf("a member without ZIPs got a point")
	}
}

func TestHolesAreOutside(t *testing.T) {
	js, err := geo.ReadJurisdictions(strings.NewReader(`{"type":"FeatureCollection","features":[
	 {"type":"Feature","properties":{"slug":"ring","name":"Ring"},"geometry":{"type":"MultiPolygon","coordinates":[
	  [[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]],
	  [[[20,20],[21,20],[21,21],[20,20]]]]}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	loc, err := geo.NewLocator(js)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lon, lat float64
		want     string
	}{{1, 1, "ring"}, {5, 5, ""}, {20.9, 20.1, "ring"}, {15, 15, ""}} {
		if got := loc.Locate(rankfile.Point{Lat: c.lat, Lon: c.lon}); got != c.want {
			t.Errorf("Locate(%g, %g) = %q, want %q", c.lon, c.lat, got, c.want)
		}
	}
}

func TestBadBoundaryFiles(t *testing.T) {
	feature := func(props, geom string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + props + `,"geometry":` + geom + `}]}`
	}
	square := `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}`
	for name, c := range map[string]struct{ text, want string }{
		"not json":       {`nope`, "FeatureCollection"},
		"a feature":      {`{"type":"Feature"}`, "FeatureCollection"},
		"no features":    {`{"type":"FeatureCollection","features":[]}`, "no features"},
		"a point":        {feature(`{"slug":"a","name":"A"}`, `{"type":"Point","coordinates":[0,0]}`), "Point"},
		"no slug":        {feature(`{"name":"A"}`, square), "slug"},
		"bad slug":       {feature(`{"slug":"Not A Slug","name":"A"}`, square), "slug"},
		"no name":        {feature(`{"slug":"a"}`, square), "name"},
		"open ring":      {feature(`{"slug":"a","name":"A"}`, `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}`), "not closed"},
		"swapped":        {feature(`{"slug":"a","name":"A"}`, `{"type":"Polygon","coordinates":[[[34,-118],[34.1,-118],[34.1,-118.1],[34,-118]]]}`), "swapped"},
		"no geometry":    {feature(`{"slug":"a","name":"A"}`, `null`), "no geometry"},
		"duplicate slug": {`{"type":"FeatureCollection","features":[` + strings.Repeat(`{"type":"Feature","properties":{"slug":"a","name":"A"},"geometry":`+square+`},`, 2)[:2*len(`{"type":"Feature","properties":{"slug":"a","name":"A"},"geometry":`+square+`},`)-1] + `]}`, "both have slug"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := geo.ReadJurisdictions(strings.NewReader(c.text))
			if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), c.want) {
				t.Errorf("err = %v, want EINVALID mentioning %q", err, c.want)
			}
		})
	}
}

// FuzzReadJurisdictions checks that any input either fails with a clear
// EINVALID error or yields boundaries a Locator accepts.
func FuzzReadJurisdictions(f *testing.F) {
	data, err := os.ReadFile("../demo/branches.geojson")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(data))
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"slug":"a","name":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`)
	f.Fuzz(func(t *testing.T, text string) {
		js, err := geo.ReadJurisdictions(strings.NewReader(text))
		if err != nil {
			if rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		loc, err := geo.NewLocator(js)
		if err != nil {
			t.Fatalf("read boundaries a Locator refuses: %v", err)
		}
		loc.Locate(rankfile.Point{Lat: 0.5, Lon: 0.5})
	})
}
