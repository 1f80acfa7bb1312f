package http_test

import (
	"html"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestResultsShowTurnoutAndHowToCheckAReceiptWithoutTheSite reads the
// counted election's results as anyone may: the turnout, and the command
// that works out a receipt's fingerprint. Run as the page gives it, on the
// steward's receipt code, the command's fingerprint stands in receipts.txt
// on the line of her ballot in ballots.blt. While another election is
// open, its committee sees the turnout so far and a voter does not.
func TestResultsShowTurnoutAndHowToCheckAReceiptWithoutTheSite(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	anon := w.client("")
	_, page := w.do(anon, "GET", "/elections/2/results", nil)
	if !strings.Contains(page, "3 of the 7 on the roll have voted (43%).") {
		t.Errorf("the results page shows no turnout:\n%s", between(page, "<main", "</form>"))
	}
	command := strings.TrimPrefix(between(between(page, `<details class="fingerprint">`, "</details>"), "<pre>", "</pre>"), "<pre>")
	command = html.UnescapeString(command)
	code := strings.ToUpper(strings.ReplaceAll(w.receipt, "-", ""))
	out, err := exec.Command("sh", "-c", strings.Replace(command, "YOURCODE", code, 1)).Output()
	if err != nil || len(strings.Fields(string(out))) == 0 {
		t.Fatalf("running %q: %v %s", command, err, out)
	}
	fingerprint := strings.Fields(string(out))[0]
	_, receipts := w.do(anon, "GET", "/elections/2/receipts.txt", nil)
	line := slices.Index(strings.Fields(receipts), fingerprint)
	_, blt := w.do(anon, "GET", "/elections/2/ballots.blt", nil)
	var ballots []string
	for _, l := range strings.Split(blt, "\n") {
		if strings.HasPrefix(l, "1 ") {
			ballots = append(ballots, l)
		}
	}
	if line < 0 || line >= len(ballots) || ballots[line] != "1 1 3 0" {
		t.Errorf("the page's command gives %s, line %d of receipts.txt:\n%s\nballots: %q", fingerprint, line, receipts, ballots)
	}
	if _, page := w.do(w.client("coordinator"), "GET", "/elections/1", nil); !strings.Contains(page, "0 of the 7 on the roll have voted (0%).") {
		t.Errorf("the committee does not see the turnout while voting is open")
	}
	if _, page := w.do(w.client("member"), "GET", "/elections/1", nil); strings.Contains(page, "on the roll have voted") {
		t.Errorf("a voter sees the turnout while voting is open")
	}
}
