package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/rankfile/rankfile/secret"
)

// result is what one run of the command printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// run runs rankfile with args against the database dsn, with the test
// process's key for sensitive fields in RANKFILE_KEY.
func run(t *testing.T, dsn string, args ...string) result {
	t.Helper()
	return runWith(t, context.Background(), map[string]string{"RANKFILE_DB": dsn, "RANKFILE_KEY": testKey}, "", args...)
}

// testKey is the key file text every run of the tests seals with.
var testKey = func() string {
	text, err := secret.GenerateKeyFile(nil)
	if err != nil {
		panic(err)
	}
	return text
}()

func runWith(t *testing.T, ctx context.Context, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr syncBuffer
	code := Main(ctx, args, func(k string) string { return env[k] }, strings.NewReader(stdin), &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// mustRun runs rankfile and fails the test unless it succeeds.
func mustRun(t *testing.T, dsn string, args ...string) string {
	t.Helper()
	r := run(t, dsn, args...)
	if r.code != 0 {
		t.Fatalf("rankfile %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// decode reads JSON output into a generic value.
func decode(t *testing.T, out string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	return v
}

// decodeInto reads JSON output into v.
func decodeInto(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("output is not the JSON expected: %v\n%s", err, out)
	}
}

// writeFile writes a file into the test's temporary folder.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// syncBuffer is a bytes.Buffer safe for a server goroutine and a test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
