package http_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func newServer(t *testing.T, db *store.DB) *rfhttp.Server {
	return &rfhttp.Server{
		Bodies: store.NewBodyService(db), Ping: db.Ping, Today: db.Today,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
}

func serve(h http.Handler, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
	return w
}

func TestBodiesPage(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		bodies := store.NewBodyService(db)
		chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "la", Name: "Los Angeles <chapter>"}
		if err := bodies.CreateBody(context.Background(), chapter); err != nil {
			t.Fatal(err)
		}
		if err := bodies.CreateBody(context.Background(), &rankfile.Body{Kind: rankfile.KindCommittee, Slug: "labor", Name: "Labor", ParentID: chapter.ID}); err != nil {
			t.Fatal(err)
		}
		w := serve(newServer(t, db).Handler(), "/")
		body := w.Body.String()
		if w.Code != 200 || !strings.Contains(body, "Los Angeles &lt;chapter&gt;") || !strings.Contains(body, `data-slug="labor"`) {
			t.Errorf("GET / = %d:\n%s", w.Code, body)
		}
		if got := w.Header().Get("Content-Security-Policy"); got == "" {
			t.Errorf("no Content-Security-Policy header")
		}
		if w := serve(newServer(t, db).Handler(), "/nowhere"); w.Code != http.StatusNotFound {
			t.Errorf("GET /nowhere = %d, want 404", w.Code)
		}
	})
}

func TestHealthz(t *testing.T) {
	db := storetest.Open(t, storetest.SQLiteDSN(t))
	srv := newServer(t, db)
	if w := serve(srv.Handler(), "/healthz"); w.Code != 200 || !strings.Contains(w.Body.String(), `"ok"`) {
		t.Errorf("healthy: %d %s", w.Code, w.Body)
	}
	srv.Ping = func(context.Context) error { return errors.New("connection refused") }
	w := serve(srv.Handler(), "/healthz")
	if w.Code != http.StatusServiceUnavailable || strings.Contains(w.Body.String(), "refused") {
		t.Errorf("unhealthy: %d %s; want 503 without internal details", w.Code, w.Body)
	}
}
