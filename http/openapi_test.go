package http_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestEveryAPIRouteIsDocumented reads the route table's API routes and
// checks each operation is in the OpenAPI document, so that the document
// cannot fall behind the API.
func TestEveryAPIRouteIsDocumented(t *testing.T) {
	routes, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	found := regexp.MustCompile(`"(GET|POST|PUT|DELETE) /api/v1(/[^"]+)"`).FindAllStringSubmatch(string(routes), -1)
	if len(found) < 20 {
		t.Fatalf("found %d API routes in routes.go: the pattern no longer reads it", len(found))
	}
	for _, m := range found {
		method, path := strings.ToLower(m[1]), m[2]
		if path == "/" {
			continue // the catch-all that answers 404 in JSON
		}
		if _, ok := doc.Paths[path][method]; !ok {
			t.Errorf("%s /api/v1%s is not in openapi.json", m[1], path)
		}
	}
}
