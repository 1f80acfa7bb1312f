package http_test

import (
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

// sheetText reads a PDF with pdftotext, an independent reader; "" when
// pdftotext is not installed.
func sheetText(t *testing.T, doc string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return ""
	}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestAWalkSheetPrintsInTheReadersLanguage prints turf 1's sheet for the
// canvasser who holds it, in English and Spanish, with its doors, people
// and script; a member who neither holds the turf nor runs the campaign
// gets none.
func TestAWalkSheetPrintsInTheReadersLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		mia := w.client("member")
		a := w.fetch(mia, "GET", "/turfs/1/sheet.pdf", nil, "")
		if a.status != http.StatusOK || a.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(a.body, "%PDF") {
			t.Fatalf("the sheet: %d %s", a.status, a.header)
		}
		if text := sheetText(t, a.body); text != "" && (!strings.Contains(text, "Rosa Tenant") || !strings.Contains(text, "1200 N Main St #1") ||
			!strings.Contains(text, "tenants' union") || strings.Contains(text, "**")) {
			t.Errorf("the sheet reads: %s", text)
		}
		es := w.fetch(mia, "GET", "/turfs/1/sheet.pdf", nil, "", "Accept-Language", "es")
		if text := sheetText(t, es.body); text != "" && (!strings.Contains(text, "sindicato de inquilinos") || !strings.Contains(text, "Dirección")) {
			t.Errorf("the Spanish sheet reads: %s", text)
		}
		if status, _ := w.do(w.client("other-branch"), "GET", "/turfs/1/sheet.pdf", nil); status != http.StatusForbidden {
			t.Errorf("someone else's sheet: %d", status)
		}
	})
}

// TestPaperSheetsAreEnteredOnce enters turf 1's paper sheet as the
// campaign's co-chair: a row with support from nobody who talked refuses
// the whole form, naming the row, and stores nothing; corrected, it
// stores its two rows as Mia's; sent again, nothing more; a canvasser who
// did not walk the turf is refused.
func TestPaperSheetsAreEnteredOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		chen := w.client("cochair")
		status, body := w.do(chen, "GET", "/turfs/1/entry", nil)
		if status != http.StatusOK || strings.Count(body, `name="door"`) != 5 || !strings.Contains(body, "Mia Member") {
			t.Fatalf("the entry page: %d %s", status, body)
		}
		mia := w.member("5").ID
		form := url.Values{"canvasser": {itoa(mia)}, "day": {w.app.Today().String()}, "door": {"1", "2", "3", "4", "5"},
			"id_1": {"paper-row-0001"}, "result_1": {"contact"}, "support_1": {"5"}, "volunteer_1": {"1"},
			"id_2": {"paper-row-0002"}, "result_2": {"not_home"}, "support_2": {"3"}, "notes_2": {"Dog"}}
		status, body = w.do(chen, "POST", "/turfs/1/entry", form)
		if status != http.StatusBadRequest || !strings.Contains(body, `id="problem-2"`) || strings.Contains(body, `id="problem-1"`) ||
			!strings.Contains(body, `value="Dog"`) {
			t.Fatalf("a bad row: %d %s", status, body)
		}
		if n := len(storedIDs(t, w)); n != 0 {
			t.Fatalf("a refused sheet stored %d attempts", n)
		}
		form.Del("support_2")
		for i, want := range []string{"stored=2", "stored=0"} {
			a := w.fetch(chen, "POST", "/turfs/1/entry", formBody(form), formType)
			if a.status != http.StatusSeeOther || !strings.HasSuffix(a.header.Get("Location"), want) {
				t.Fatalf("entry %d: %d %s", i+1, a.status, a.header.Get("Location"))
			}
		}
		got, _ := w.app.Attempts.HouseholdAttempts(ctx, 1)
		if len(storedIDs(t, w)) != 2 || len(got) != 1 || got[0].ByMemberID != mia || !got[0].Volunteer || got[0].Support != 5 {
			t.Errorf("stored %+v", got)
		}
		form.Set("canvasser", itoa(w.member("6").ID))
		form.Set("id_1", "paper-row-0003")
		if status, _ := w.do(chen, "POST", "/turfs/1/entry", form); status != http.StatusBadRequest {
			t.Errorf("someone who did not walk it: %d", status)
		}
		if status, _ := w.do(w.client("member"), "GET", "/turfs/1/entry", nil); status != http.StatusForbidden {
			t.Errorf("the canvasser enters sheets: %d", status)
		}
	})
}
