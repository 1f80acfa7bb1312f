package http_test

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
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
		if !documented(doc.Paths, method, path) {
			t.Errorf("%s /api/v1%s is not in openapi.json", m[1], path)
		}
	}
}

// documented reports whether the document holds a route's operation: at
// the route's own path, or at a path with a parameter in place of one of
// the route's fixed words that the parameter's enum lists. The table has a
// route per action ("/steps/open", "/steps/withdraw"), which the document
// may describe as one path with a choice ("/steps/{step}").
func documented(paths map[string]map[string]json.RawMessage, method, route string) bool {
	if _, ok := paths[route][method]; ok {
		return true
	}
	for path, item := range paths {
		if _, ok := item[method]; ok && choiceOf(strings.Split(path, "/"), strings.Split(route, "/"), pathEnums(item, method)) {
			return true
		}
	}
	return false
}

// choiceOf reports whether a route's segments are the document's path
// with a listed value chosen for each parameter that stands for a fixed
// word.
func choiceOf(path, route []string, enums map[string][]string) bool {
	if len(path) != len(route) {
		return false
	}
	for i := range path {
		if path[i] == route[i] {
			continue
		}
		name, isParam := strings.CutPrefix(path[i], "{")
		if !isParam || strings.HasPrefix(route[i], "{") || !slices.Contains(enums[strings.TrimSuffix(name, "}")], route[i]) {
			return false
		}
	}
	return true
}

// pathEnums reads the values each path parameter of an operation may
// take, from the path's parameters and the operation's.
func pathEnums(item map[string]json.RawMessage, method string) map[string][]string {
	var op struct {
		Parameters []openAPIParameter `json:"parameters"`
	}
	var shared []openAPIParameter
	json.Unmarshal(item["parameters"], &shared)
	json.Unmarshal(item[method], &op)
	out := map[string][]string{}
	for _, p := range append(shared, op.Parameters...) {
		if p.In == "path" {
			out[p.Name] = p.Schema.Enum
		}
	}
	return out
}

// openAPIParameter is what documented reads of a parameter.
type openAPIParameter struct {
	Name   string `json:"name"`
	In     string `json:"in"`
	Schema struct {
		Enum []string `json:"enum"`
	} `json:"schema"`
}
