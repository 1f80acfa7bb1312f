package geo_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/demo"
	"github.com/rankfile/rankfile/geo"
)

func TestBadNeighborhoodFiles(t *testing.T) {
	feature := func(props string) string {
		return `{"type":"FeatureCollection","features":[{"type":"Feature","properties":` + props +
			`,"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}`
	}
	for name, c := range map[string]struct{ text, want string }{
		"not json":  {`{"type":"FeatureCollection","features":[`, "FeatureCollection"},
		"no branch": {feature(`{"slug":"koreatown"}`), "no branch property"},
		"bad slug":  {feature(`{"slug":"Korea Town","branch":"central"}`), "slug"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := geo.ReadNeighborhoods(strings.NewReader(c.text))
			if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), c.want) {
				t.Errorf("err = %v, want EINVALID mentioning %q", err, c.want)
			}
		})
	}
	js, err := geo.ReadNeighborhoods(strings.NewReader(feature(`{"slug":"koreatown","branch":"central"}`)))
	if err != nil || len(js) != 1 || js[0].Branch != "central" || js[0].Slug != "koreatown" {
		t.Errorf("a good file: %+v, %v", js, err)
	}
}

// The demo's groups are cut from their branches, so their corners lie
// on their branch's edge: inside, by the tolerance. Another branch's are
// not.
func TestGroupsInsideTheirBranch(t *testing.T) {
	branches := map[string]rankfile.Jurisdiction{}
	for _, b := range demo.Branches() {
		branches[b.Slug] = b
	}
	for _, g := range demo.Neighborhoods() {
		if in, err := geo.Inside(g.Geometry, branches[g.Branch].Geometry); !in || err != nil {
			t.Errorf("%s inside %s = %v, %v; want true", g.Slug, g.Branch, in, err)
		}
		if in, _ := geo.Inside(g.Geometry, branches["westside"].Geometry); in && g.Branch != "westside" {
			t.Errorf("%s of %s is inside the westside", g.Slug, g.Branch)
		}
	}
}
