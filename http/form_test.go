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

// TestSecondingTwiceSaysSoOnTheElectionsPage seconds a nomination twice:
// the second time the election's page comes back with the answer next
// to the candidate, not an error page.
func TestSecondingTwiceSaysSoOnTheElectionsPage(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	if status, _ := w.do(w.client("member"), "POST", "/elections/3/nominate", url.Values{"contest": {"3"}}); status != 303 {
		t.Fatalf("nominating herself: %d", status)
	}
	cora := w.client("coordinator")
	if status, _ := w.do(cora, "POST", "/elections/3/candidates/6/second", url.Values{}); status != 303 {
		t.Fatalf("seconding: %d", status)
	}
	status, page := w.do(cora, "POST", "/elections/3/candidates/6/second", url.Values{})
	if status != http.StatusConflict {
		t.Errorf("seconding twice: %d", status)
	}
	if missing := lacks(page, `<h2 id="contest-3">Chair</h2>`, "You seconded this nomination.",
		`<p id="candidate-6-problem" class="problem field-problem" role="alert">you have seconded this nomination already</p>`); len(missing) > 0 {
		t.Errorf("the page lacks %q", missing)
	}
}

// TestASecondedNominationIsNotOfferedAgain checks that the election's page
// offers a member to second only the nominations she has not seconded,
// and says which she has, in both languages.
func TestASecondedNominationIsNotOfferedAgain(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	if status, _ := w.do(w.client("member"), "POST", "/elections/3/nominate", url.Values{"contest": {"3"}}); status != 303 {
		t.Fatalf("nominating herself: %d", status)
	}
	cora := w.client("coordinator")
	if _, page := w.do(cora, "GET", "/elections/3", nil); !strings.Contains(page, `action="/elections/3/candidates/6/second"`) {
		t.Fatalf("the page does not offer to second the nomination before she has")
	}
	if status, _ := w.do(cora, "POST", "/elections/3/candidates/6/second", url.Values{}); status != 303 {
		t.Fatalf("seconding: %d", status)
	}
	for lang, said := range map[string]string{"en": "You seconded this nomination.", "es": "Respaldaste esta candidatura."} {
		_, page := w.do(cora, "GET", "/elections/3", nil, "Cookie", "rankfile_lang="+lang)
		if strings.Contains(page, `action="/elections/3/candidates/6/second"`) || !strings.Contains(page, said) {
			t.Errorf("%s: the page still offers to second what she seconded, or does not say she did", lang)
		}
	}
}

// TestABallotWithTwoFirstsComesBackRanked sends the ballot without
// JavaScript with both candidates numbered 1: the ballot comes back with
// both numbers chosen as sent, both marked, the problem next to them.
func TestABallotWithTwoFirstsComesBackRanked(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	status, page := w.do(w.client("member"), "POST", "/elections/1/ballot/review", url.Values{"rank-1": {"1"}, "rank-2": {"1"}})
	if status != http.StatusBadRequest {
		t.Errorf("status %d", status)
	}
	if missing := lacks(page, `<select id="rank-1" name="rank-1" aria-invalid="true" aria-describedby="rank-2-problem">`,
		`<select id="rank-2" name="rank-2" aria-invalid="true" aria-describedby="rank-2-problem">`,
		`id="rank-2-problem"`, "you gave number 1 to both Cora Coordinator and Chen Cochair", `action="/elections/1/ballot/review"`); len(missing) > 0 {
		t.Errorf("the ballot lacks %q", missing)
	}
	if n := strings.Count(page, `<option value="1" selected>`); n != 2 {
		t.Errorf("%d choices of 1 kept, want 2", n)
	}
}

// TestAWrongReceiptCodeIsAnsweredOnItsForm looks up a code that finds no
// ballot: the answer is the form with the code in it and why, in Spanish
// on a Spanish page.
func TestAWrongReceiptCodeIsAnsweredOnItsForm(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	status, page := w.do(w.client(""), "POST", "/elections/2/receipt", url.Values{"code": {"AAAA-BBBB-CCCC-DDDD"}}, "Cookie", "rankfile_lang=es")
	if status != http.StatusNotFound {
		t.Errorf("status %d", status)
	}
	if missing := lacks(page, `value="AAAA-BBBB-CCCC-DDDD" aria-invalid="true" aria-describedby="code-problem"`,
		"ninguna papeleta contada tiene ese código de recibo", `<h1>Tu papeleta en el recuento</h1>`); len(missing) > 0 {
		t.Errorf("the answer lacks %q", missing)
	}
}

// TestAGuestsMistakeIsMarkedOnItsField registers a guest with an address
// that is not one: the form comes back as typed, the address marked.
func TestAGuestsMistakeIsMarkedOnItsField(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	status, page := w.do(w.client(""), "POST", "/events/1/register", url.Values{"name": {"Ana Ruiz"}, "email": {"ana at example"},
		"phone": {"213-555-0199"}, "zip": {"90033"}})
	if status != http.StatusBadRequest {
		t.Errorf("status %d", status)
	}
	if missing := lacks(page, `value="Ana Ruiz"`, `value="213-555-0199"`, `value="90033"`,
		`value="ana at example" aria-invalid="true" aria-describedby="email-problem"`, `<p id="email-problem"`); len(missing) > 0 {
		t.Errorf("the form lacks %q", missing)
	}
}

// TestATokensMistakeIsMarkedOnItsField makes a token without a name: the
// name's field is marked and says why.
func TestATokensMistakeIsMarkedOnItsField(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	_, page := w.do(w.client("member"), "POST", "/profile/tokens", url.Values{"name": {"  "}, "expires": {"90d"}})
	if missing := lacks(page, `aria-describedby="token-problem token-name-hint" aria-invalid="true"`, `<option value="90d" selected>`); len(missing) > 0 {
		t.Errorf("the form lacks %q", missing)
	}
}

// TestWithdrawingACandidacyAsksFirst checks that withdrawing, which cannot
// be undone, is a second step that says so, in both languages.
func TestWithdrawingACandidacyAsksFirst(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	mia := w.client("member")
	if status, _ := w.do(mia, "POST", "/elections/3/nominate", url.Values{"contest": {"3"}}); status != 303 {
		t.Fatalf("nominating herself: %d", status)
	}
	for lang, want := range map[string][]string{
		"en": {"<summary>Withdraw my candidacy</summary>", "off the ballot for Chair for good", `<button class="danger">Yes, withdraw</button>`},
		"es": {"<summary>Retirar mi candidatura</summary>", "de la papeleta de Chair para siempre", `<button class="danger">Sí, retirarme</button>`},
	} {
		_, page := w.do(mia, "GET", "/elections/3", nil, "Cookie", "rankfile_lang="+lang)
		if missing := lacks(page, want...); len(missing) > 0 {
			t.Errorf("%s: the page lacks %q", lang, missing)
		}
	}
}
