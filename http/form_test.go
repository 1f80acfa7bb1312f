package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile/store/storetest"
)

// Forms sent with a mistake come back as they were typed, with the
// mistake next to its field.

// hasAll reports which of the wanted pieces a page lacks.
func lacks(page string, want ...string) []string {
	var out []string
	for _, s := range want {
		if !strings.Contains(page, s) {
			out = append(out, s)
		}
	}
	return out
}

// TestCallingAnElectionWithAMistakeKeepsWhatWasTyped calls an election
// whose voting closes before it opens: the form comes back with every
// value typed and the closing time marked.
func TestCallingAnElectionWithAMistakeKeepsWhatWasTyped(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	day := time.Now().In(w.db.Zone).AddDate(0, 0, 10)
	at := func(days int) string { return day.AddDate(0, 0, days).Format("2006-01-02") + "T18:00" }
	form := url.Values{"title": {"Spring election"}, "body": {"1"}, "cutoff": {day.Format("2006-01-02")},
		"nominations_open": {at(0)}, "nominations_close": {at(2)}, "voting_open": {at(4)}, "voting_close": {at(3)},
		"seconders": {"2"}, "committee": {"steward@example.org"}, "rules": {"One member, one vote."},
		"contest_title_0": {"Co-chairs"}, "contest_seats_0": {"2"}, "contest_method_0": {"meek"}}
	status, page := w.do(w.client("admin"), "POST", "/elections", form)
	if status != http.StatusBadRequest {
		t.Fatalf("status %d", status)
	}
	if missing := lacks(page, `value="Spring election"`, `value="`+at(4)+`"`, `value="`+at(3)+`"`, `value="2"`,
		`value="steward@example.org"`, "One member, one vote.", `value="Co-chairs"`, `<option value="meek" selected>`,
		`name="voting_close" type="datetime-local" required value="`+at(3)+`" aria-invalid="true" aria-describedby="voting_close-problem"`,
		`id="voting_close-problem"`, "voting must open before it closes"); len(missing) > 0 {
		t.Errorf("the form came back without %q", missing)
	}
}
