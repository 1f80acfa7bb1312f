package http_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestAnyoneFetchesTheAuditHead: the head the server signed last, as plain
// text, for anyone to keep; it checks against the log it was taken from.
func TestAnyoneFetchesTheAuditHead(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		signed, err := w.app.SignAuditHead(ctx)
		if err != nil {
			t.Fatal(err)
		}
		status, body := w.do(w.client(""), "GET", "/audit/head", nil)
		if status != 200 || body != signed.String()+"\n" {
			t.Fatalf("GET /audit/head: %d %q; want the head signed last, %q", status, body, signed)
		}
		kept, err := rankfile.ParseAuditHead(body)
		if err != nil {
			t.Fatal(err)
		}
		c, err := store.NewAuditService(w.db).CheckAudit(ctx, []*rankfile.AuditHead{kept})
		if err != nil || c.Problem != "" || c.Heads != 1 {
			t.Errorf("the fetched head against the log: %+v, %v", c, err)
		}
		if strings.Contains(body, "<") {
			t.Errorf("the head is not plain text: %q", body)
		}
	})
}
