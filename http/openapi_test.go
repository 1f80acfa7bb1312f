package http_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
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

// TestEveryAPIAnswerIsDocumentedAsAClosedObject reads every answer the
// document describes: each operation lists the statuses it answers (no
// catch-all "default"), every error is the Error object, and every object
// an answer carries names its keys in snake_case and allows no others, so
// that the checks of the answers catch a key the document does not know.
func TestEveryAPIAnswerIsDocumentedAsAClosedObject(t *testing.T) {
	d, err := loadAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[*openapi3.Schema]bool{}
	for path, item := range d.doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			if op.Responses.Default() != nil {
				t.Errorf("%s documents a default answer: list the statuses it answers", where)
			}
			for _, status := range alwaysAnswered(path) {
				if op.Responses.Value(status) == nil {
					t.Errorf("%s does not document its %s", where, status)
				}
			}
			for status, resp := range op.Responses.Map() {
				checkAnswerSchemas(t, where+" "+status, status, resp.Value, seen)
			}
		}
	}
}

// alwaysAnswered lists the errors any operation may answer: a refused
// token (except the document itself, which reads none), too many requests
// from the client, and rankfile's own fault.
func alwaysAnswered(path string) []string {
	if path == "/openapi.json" {
		return []string{"429", "500"}
	}
	return []string{"401", "429", "500"}
}

// snakeCase is how every key of an answer is spelled.
var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// checkAnswerSchemas checks the schemas of one documented answer.
func checkAnswerSchemas(t *testing.T, where, status string, resp *openapi3.Response, seen map[*openapi3.Schema]bool) {
	t.Helper()
	if status >= "400" {
		if mt := resp.Content.Get("application/json"); mt == nil || mt.Schema.Ref != "#/components/schemas/Error" {
			t.Errorf("%s: an error is answered as the Error object", where)
		}
	}
	if status != "204" && len(resp.Content) == 0 {
		t.Errorf("%s: no content documented", where)
	}
	for _, mt := range resp.Content {
		walkSchema(t, where, mt.Schema, seen)
	}
}

// walkSchema checks that every object under s is closed and snake_case;
// the document itself (OpenAPIDocument) is OpenAPI's shape, not rankfile's.
func walkSchema(t *testing.T, where string, ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
	if ref == nil || ref.Value == nil || seen[ref.Value] || strings.HasSuffix(ref.Ref, "/OpenAPIDocument") {
		return
	}
	s := ref.Value
	seen[s] = true
	if ref.Ref != "" {
		where = ref.Ref
	}
	if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
		t.Errorf("%s: an object that allows keys it does not name (additionalProperties: false)", where)
	}
	if has := s.AdditionalProperties.Has; len(s.Properties) > 0 && has != nil && *has {
		t.Errorf("%s: an object that allows keys it does not name", where)
	}
	for name, p := range s.Properties {
		if !snakeCase.MatchString(name) {
			t.Errorf("%s: key %q is not snake_case", where, name)
		}
		walkSchema(t, where+"."+name, p, seen)
	}
	walkSchema(t, where+"[]", s.Items, seen)
	walkSchema(t, where+"{}", s.AdditionalProperties.Schema, seen)
	for _, sub := range append(append(s.AllOf, s.OneOf...), s.AnyOf...) {
		walkSchema(t, where, sub, seen)
	}
}

// TestTheAPICheckerRefusesWhatTheDocumentDoesNot feeds the checker that
// every test's API answers go through answers the document does not
// allow, and one it does: it must refuse each wrong one, naming the
// operation and what is wrong.
func TestTheAPICheckerRefusesWhatTheDocumentDoesNot(t *testing.T) {
	d, err := loadAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	jsonType := http.Header{"Content-Type": {"application/json"}}
	cases := []struct {
		name, method, path string
		status             int
		header             http.Header
		body               string
		want               string // in the error; "" for none
	}{
		{"a documented answer", "POST", "/api/v1/proposals/1/signature", 201, jsonType, `{"signed":true}`, ""},
		{"a documented error", "GET", "/api/v1/meetings/1", 404, jsonType, `{"error":{"code":"not_found","message":"no such meeting"}}`, ""},
		{"a key spelled the Go way", "GET", "/api/v1/meetings/1", 200, jsonType, `{"Meeting":null}`, `GET /meetings/{id}`},
		{"a key the document does not name", "POST", "/api/v1/proposals/1/signature", 201, jsonType, `{"signed":true,"Signed":true}`, `"Signed"`},
		{"a key left out", "POST", "/api/v1/proposals/1/signature", 201, jsonType, `{}`, `"signed"`},
		{"a value of the wrong type", "POST", "/api/v1/proposals/1/signature", 201, jsonType, `{"signed":"yes"}`, `/signed`},
		{"a bare array where an object is documented", "GET", "/api/v1/meetings/1", 200, jsonType, `[]`, `object`},
		{"a status not documented", "POST", "/api/v1/proposals/1/signature", 200, jsonType, `{"signed":true}`, `status is not supported`},
		{"an error not in the error's shape", "GET", "/api/v1/meetings/1", 404, jsonType, `{"message":"no such meeting"}`, `GET /meetings/{id}`},
		{"an error in plain text", "GET", "/api/v1/me", 429, http.Header{"Content-Type": {"text/plain"}, "Retry-After": {"60"}}, "Too many requests", `Content-Type`},
		{"a 429 without Retry-After", "GET", "/api/v1/me", 429, jsonType, `{"error":{"code":"too_many","message":"wait"}}`, `Retry-After`},
		{"a success for no operation", "GET", "/api/v1/nothing-here", 200, jsonType, `{}`, `want 404 or 405`},
		{"a 404 for no operation", "GET", "/api/v1/nothing-here", 404, jsonType, `{"error":{"code":"not_found","message":"no such API operation"}}`, ""},
		{"a stream event the document does not allow", "GET", "/api/v1/meetings/1/events", 200, http.Header{"Content-Type": {"text/event-stream"}},
			"retry: 3000\n\nevent: state\ndata: {\"MeetingID\":1}\n\n", `MeetingID`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest(c.method, c.path, nil)
			err := d.check(r, c.status, c.header, []byte(c.body))
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && err == nil:
				t.Errorf("allowed, want it refused")
			case c.want != "" && !strings.Contains(err.Error(), c.want):
				t.Errorf("refused with %q, want it to say %q", err, c.want)
			}
		})
	}
}
