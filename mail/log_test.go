package mail_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/mail"
)

// jsonLogger returns a logger writing JSON lines to buf at every level.
func jsonLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// records decodes the JSON lines in buf.
func records(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var recs []map[string]any
	dec := json.NewDecoder(buf)
	for dec.More() {
		var r map[string]any
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("log line: %v", err)
		}
		recs = append(recs, r)
	}
	return recs
}

func TestLog(t *testing.T) {
	t.Run("writes kind, recipient, subject and text at INFO", func(t *testing.T) {
		var buf bytes.Buffer
		msg := signIn()
		msg.HTML = "<p>Hola José</p>"
		if err := mail.NewLog(jsonLogger(&buf)).Send(context.Background(), msg); err != nil {
			t.Fatalf("Send: %v", err)
		}
		recs := records(t, &buf)
		if len(recs) != 1 {
			t.Fatalf("log records: got %d, want 1", len(recs))
		}
		r := recs[0]
		for key, want := range map[string]string{
			"level": "INFO", "kind": msg.Kind, "to": msg.To, "subject": msg.Subject, "text": msg.Text,
		} {
			if got := r[key]; got != want {
				t.Errorf("%s: got %q, want %q", key, got, want)
			}
		}
		if _, ok := r["html"]; ok {
			t.Errorf("html: got %q, want it left out", r["html"])
		}
	})
	t.Run("invalid message is refused and not logged", func(t *testing.T) {
		var buf bytes.Buffer
		err := mail.NewLog(jsonLogger(&buf)).Send(context.Background(), &rankfile.Message{To: "José", Text: "t"})
		if code := rankfile.ErrorCode(err); code != rankfile.EINVALID {
			t.Errorf("error code: got %q (%v), want %q", code, err, rankfile.EINVALID)
		}
		if buf.Len() != 0 {
			t.Errorf("log: got %q, want nothing", buf.String())
		}
	})
	t.Run("cancelled context is an error and nothing is logged", func(t *testing.T) {
		var buf bytes.Buffer
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := mail.NewLog(jsonLogger(&buf)).Send(ctx, signIn()); err != context.Canceled {
			t.Errorf("error: got %v, want context.Canceled", err)
		}
		if buf.Len() != 0 {
			t.Errorf("log: got %q, want nothing", buf.String())
		}
	})
}
