package main

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/store/storetest"
)

// echoParkFile is a boundary file of one group, Echo Park / Silver Lake in
// Central, as the demo draws it; slug and branch may be replaced.
func echoParkFile(slug, branch string) string {
	g := demo.Neighborhoods()[0]
	return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"slug":"` + slug +
		`","branch":"` + branch + `"},"geometry":` + string(g.Geometry) + `}]}`
}

func TestNeighborhoodsLoad(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		mustRun(t, dsn, "import", "roster", writeFile(t, "list.csv", genB))
		mustRun(t, dsn, "branches", "load", "../../demo/branches.geojson")
		mustRun(t, dsn, "bodies", "add", "Echo Park / Silver Lake", "--kind", "neighborhood_group", "--parent", "central")
		for name, c := range map[string]struct {
			file string
			code int
			want string
		}{
			"malformed":      {`{"type":"FeatureCollection","features":[{`, exitInvalid, "FeatureCollection"},
			"unknown group":  {echoParkFile("atlantis", "central"), exitNotFound, "no neighborhood group"},
			"another branch": {echoParkFile("echo-park-silver-lake", "westside"), exitInvalid, "not a neighborhood group of the branch westside"},
		} {
			r := run(t, dsn, "neighborhoods", "load", writeFile(t, "groups.geojson", c.file))
			if r.code != c.code || !strings.Contains(r.stderr, c.want) {
				t.Errorf("%s: exit %d, stderr %q; want exit %d mentioning %q", name, r.code, r.stderr, c.code, c.want)
			}
		}
		out := mustRun(t, dsn, "neighborhoods", "load", writeFile(t, "groups.geojson", echoParkFile("echo-park-silver-lake", "central")), "--json")
		report := decode(t, out).(map[string]any)
		for k, v := range map[string]float64{"groups": 1, "placed": 1, "outside": 2, "moved": 1} {
			if report[k] != v {
				t.Errorf("neighborhoods load %s = %v, want %v (%s)", k, report[k], v, out)
			}
		}
		out = mustRun(t, dsn, "neighborhoods", "load", writeFile(t, "groups.geojson", echoParkFile("echo-park-silver-lake", "central")))
		if !strings.Contains(out, "Loaded 1 neighborhood groups: 1 members placed, 2 in none, 0 moved") {
			t.Errorf("text report = %q", out)
		}
	})
}
