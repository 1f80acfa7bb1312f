package http_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// Every answer of the JSON API that a test receives is checked against
// openapi.json (checkAPI wraps the test server's handler): its status must
// be one the operation documents, and its body must match the schema
// documented for that status. The document's objects are closed
// (additionalProperties: false), so a key it does not name, such as one
// spelled the Go way, fails the test that received it.

// apiDocument is openapi.json, loaded once for the whole package.
type apiDocument struct {
	doc    *openapi3.T
	router routers.Router
}

var (
	apiDocOnce   sync.Once
	apiDoc       *apiDocument
	apiDocFailed error
)

// loadAPIDocument reads, checks and routes openapi.json the first time it
// is asked for.
func loadAPIDocument() (*apiDocument, error) {
	apiDocOnce.Do(func() {
		openapi3filter.RegisterBodyDecoder("text/event-stream", decodeEventStream)
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromFile("openapi.json")
		if err != nil {
			apiDocFailed = fmt.Errorf("reading openapi.json: %w", err)
			return
		}
		// NewRouter validates the document first.
		router, err := legacy.NewRouter(doc)
		if err != nil {
			apiDocFailed = fmt.Errorf("openapi.json: %w", err)
			return
		}
		apiDoc = &apiDocument{doc: doc, router: router}
	})
	return apiDoc, apiDocFailed
}

// decodeEventStream hands a stream of server-sent events to the schema as
// the text it is; checkEventStream reads the events in it.
func decodeEventStream(body io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	b, err := io.ReadAll(body)
	return string(b), err
}

// checkAPI wraps a handler so that each answer under /api/v1/ is checked
// against the document once it is written; what does not match fails t.
func checkAPI(t testing.TB, next http.Handler) http.Handler {
	d, err := loadAPIDocument()
	if err != nil {
		t.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/v1/") {
			next.ServeHTTP(w, r)
			return
		}
		rec := &recordedAnswer{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if err := d.check(r, rec.status(), w.Header(), rec.body.Bytes()); err != nil {
			t.Errorf("%v\n\tbody: %.400s", err, rec.body.String())
		}
	})
}

// recordedAnswer passes an answer on as it is written and keeps a copy.
// It flushes and unwraps, so that a stream of events still streams.
type recordedAnswer struct {
	http.ResponseWriter
	code int
	body bytes.Buffer
}

func (a *recordedAnswer) WriteHeader(code int) {
	if a.code == 0 {
		a.code = code
	}
	a.ResponseWriter.WriteHeader(code)
}

func (a *recordedAnswer) Write(b []byte) (int, error) {
	if a.code == 0 {
		a.code = http.StatusOK
	}
	a.body.Write(b)
	return a.ResponseWriter.Write(b)
}

func (a *recordedAnswer) Flush() {
	if f, ok := a.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (a *recordedAnswer) Unwrap() http.ResponseWriter { return a.ResponseWriter }

// status is the status written, 200 when the handler wrote nothing.
func (a *recordedAnswer) status() int {
	if a.code == 0 {
		return http.StatusOK
	}
	return a.code
}

// check checks one answer to r against the document, and names the
// operation and what is wrong when it does not match.
func (d *apiDocument) check(r *http.Request, status int, header http.Header, body []byte) error {
	lookup := r.Clone(context.Background())
	route, params, err := d.router.FindRoute(lookup)
	if err != nil {
		return d.checkUndocumented(r, status, header, body)
	}
	op := route.Method + " " + route.Path
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: lookup, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true,
			SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()}},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return fmt.Errorf("%s (%s %s) answered %d, which openapi.json does not allow: %w", op, r.Method, r.URL.Path, status, err)
	}
	if strings.HasPrefix(header.Get("Content-Type"), "text/event-stream") {
		if err := d.checkEventStream(body); err != nil {
			return fmt.Errorf("%s (%s %s) sent an event openapi.json does not allow: %w", op, r.Method, r.URL.Path, err)
		}
	}
	return nil
}

// checkUndocumented checks the answer to a request for no operation of
// the document: it must be a 404 or a 405, as a documented error.
func (d *apiDocument) checkUndocumented(r *http.Request, status int, header http.Header, body []byte) error {
	where := fmt.Sprintf("%s %s, no operation of openapi.json,", r.Method, r.URL.Path)
	if status != http.StatusNotFound && status != http.StatusMethodNotAllowed {
		return fmt.Errorf("%s answered %d, want 404 or 405", where, status)
	}
	if err := d.checkSchema("Error", header, body); err != nil {
		return fmt.Errorf("%s answered %d: %w", where, status, err)
	}
	return nil
}

// checkSchema checks a JSON body against one of the document's schemas.
func (d *apiDocument) checkSchema(name string, header http.Header, body []byte) error {
	if ct := header.Get("Content-Type"); ct != "application/json" {
		return fmt.Errorf("Content-Type %q, want application/json", ct)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("the body is not JSON: %w", err)
	}
	ref := d.doc.Components.Schemas[name]
	if ref == nil {
		return fmt.Errorf("openapi.json has no schema %s", name)
	}
	if err := ref.Value.VisitJSON(v, openapi3.MultiErrors(), openapi3.VisitAsResponse(), openapi3.DisableSchemaErrorDetails()); err != nil {
		return fmt.Errorf("the body does not match schema %s: %w", name, err)
	}
	return nil
}

// checkEventStream checks each state event of a meeting's stream against
// the LiveState schema; comments and the retry line carry no data.
func (d *apiDocument) checkEventStream(body []byte) error {
	event := ""
	lines := bufio.NewScanner(bytes.NewReader(body))
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		line := lines.Text()
		switch {
		case line == "":
			event = ""
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			if event != "state" {
				return fmt.Errorf("data for an event %q, want state", event)
			}
			h := http.Header{"Content-Type": {"application/json"}}
			if err := d.checkSchema("LiveState", h, []byte(strings.TrimPrefix(line, "data: "))); err != nil {
				return err
			}
		}
	}
	return lines.Err()
}
