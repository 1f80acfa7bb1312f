package http_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestAHeldEmailIsExplainedInTheReadersLanguage has a sender die while
// sending an email (its claim outlives the lease), then shows the outbox
// to an admin in Spanish: the held email says why in Spanish, and can be
// sent again.
func TestAHeldEmailIsExplainedInTheReadersLanguage(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	if _, err := w.app.RegisterForEvent(ctx, &rankfile.Actor{Member: w.member("6")}, 1); err != nil {
		t.Fatal(err) // a confirmation owed
	}
	outbox := store.NewOutboxService(w.db)
	if claimed, err := outbox.Claim(ctx, 1, time.Now().Add(-time.Hour)); err != nil || len(claimed) != 1 {
		t.Fatalf("claiming a notice: %v, %v", claimed, err)
	}
	if _, err := outbox.Claim(ctx, 0, time.Now().Add(time.Hour)); err != nil { // the lease has run out
		t.Fatal(err)
	}
	status, page := w.do(w.client("admin"), "GET", "/admin/outbox", nil, "Cookie", "rankfile_lang=es")
	if status != 200 || !strings.Contains(page, "Se interrumpió mientras se enviaba") || strings.Contains(page, "interrupted") {
		t.Errorf("the held email in Spanish: %d\n%s", status, page)
	}
	if !strings.Contains(page, "Enviar de nuevo") {
		t.Error("the held email cannot be sent again")
	}
}
