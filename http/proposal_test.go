package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile"
	rfhttp "github.com/rankfile/rankfile/http"
	"github.com/rankfile/rankfile/store/storetest"
)

// proposals writes the world's proposals: 1, a chapter resolution by the
// coordinator collecting signatures; 2, the co-chair's draft.
func (w *world) proposals() {
	coordinator := &rankfile.Actor{Member: w.member("3")}
	cochair := &rankfile.Actor{Member: w.member("4")}
	text := rankfile.ProposalText{Resolved: []string{"The chapter organizes tenants."}}
	open := &rankfile.Proposal{Kind: rankfile.ProposalResolution, BodyID: w.bodies["chapter"].ID,
		Title: "Tenant organizing", Text: text}
	draft := &rankfile.Proposal{Kind: rankfile.ProposalCampaign, BodyID: w.bodies["housing"].ID, Title: "Rent strike support"}
	for _, step := range []error{
		w.app.CreateProposal(ctx, coordinator, open, nil),
		w.app.OpenSignatures(ctx, coordinator, open.ID, time.Now().Add(14*24*time.Hour)),
		w.app.CreateProposal(ctx, cochair, draft, nil),
	} {
		if step != nil {
			w.t.Fatal(step)
		}
	}
}

// TestAMemberSignsAProposalOnAPhone signs in, finds the proposal
// collecting signatures, signs it asking to be shown by branch, and sees
// the count and the list of members in support; another member sees her
// only as a member of her branch. She then takes the signature back.
func TestAMemberSignsAProposalOnAPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		ctx := browser(t)
		do(t, ctx, "signing in and opening the proposal",
			chromedp.Navigate(w.signInLink("member")),
			click("main form button"),
			chromedp.WaitVisible(chromedp.ID("standing-h")),
			chromedp.Navigate(w.srv.URL+"/proposals"),
			click(`a[href="/proposals/1"]`),
			chromedp.WaitVisible(chromedp.ID("progress-text")))
		if got := text(t, ctx, "#progress-text strong"); got != "0 of 50 signatures" {
			t.Errorf("before signing the page says %q", got)
		}
		do(t, ctx, "signing, shown by branch",
			click(`input[name="anonymous"]`),
			click(`form[action="/proposals/1/sign"] button`),
			chromedp.WaitVisible(chromedp.CSS(`.notice[role="status"]`)))
		if got := text(t, ctx, `.notice[role="status"]`); got != "Your signature is counted." {
			t.Errorf("after signing the page says %q", got)
		}
		if got := text(t, ctx, "#progress-text strong"); got != "1 of 50 signatures" {
			t.Errorf("after signing the count says %q", got)
		}
		if got := text(t, ctx, "ul.signers li"); !strings.HasPrefix(got, "Mia Member") {
			t.Errorf("she sees herself in the list as %q", got)
		}
		_, page := w.do(w.client("other-branch"), "GET", "/proposals/1", nil)
		if strings.Contains(page, "Mia Member") || !strings.Contains(page, "A member of the Central branch") {
			t.Errorf("another member sees the anonymous signer by name, or not by branch:\n%s", between(page, `class="signers"`, "</ul>"))
		}
		_, page = w.do(w.client("steward"), "GET", "/proposals/1", nil)
		if !strings.Contains(page, "Mia Member") {
			t.Errorf("the steward does not see the anonymous signer's name")
		}
		do(t, ctx, "taking the signature back",
			click(`form[action="/proposals/1/unsign"] button`),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/proposals/1/sign"]`)))
		if got := text(t, ctx, "#progress-text strong"); got != "0 of 50 signatures" {
			t.Errorf("after taking it back the count says %q", got)
		}
	})
}

// TestACrossSiteSignatureChangesNothing posts a signature from another
// site with the member's cookie: refused, and no signature is stored.
func TestACrossSiteSignatureChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		status, _ := w.do(w.client("member"), "POST", "/proposals/1/sign", url.Values{},
			"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if status != http.StatusForbidden {
			t.Errorf("a cross-site signature: %d, want 403", status)
		}
		if signed, err := w.app.Proposals.Signed(ctx, 1, w.member("5").ID); err != nil || signed {
			t.Errorf("after the cross-site POST the member has signed: %v, %v", signed, err)
		}
	})
}

// TestAnAuthorWritesAProposalThroughTheForms writes a draft (a mistake
// first, which shows the form again with everything typed), opens it, and
// takes a member's amendment, whose change the versions page marks.
func TestAnAuthorWritesAProposalThroughTheForms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		author := w.client("member")
		form := url.Values{"kind": {"resolution"}, "body_id": {itoa(w.bodies["chapter"].ID)}, "title": {"Free transit"},
			"whereas": {"Fares keep riders away"}, "summary": {"Fare-free buses."}}
		status, page := w.do(author, "POST", "/proposals", form)
		if status != http.StatusBadRequest || !strings.Contains(page, `be it resolved`) ||
			!strings.Contains(page, `value="Free transit"`) || !strings.Contains(page, "Fares keep riders away</textarea>") {
			t.Fatalf("a resolution without a resolved clause: %d, and the form lost what was typed:\n%s", status, between(page, "<main", "</form>"))
		}
		form.Set("resolved", "The chapter campaigns for fare-free buses")
		status, _ = w.do(author, "POST", "/proposals", form)
		if status != http.StatusSeeOther {
			t.Fatalf("writing the draft: %d", status)
		}
		list, _ := w.app.Proposals.FindProposals(ctx, rankfile.ProposalFilter{Status: rankfile.ProposalDraft, VisibleTo: w.member("5").ID})
		if len(list) == 0 || list[0].Title != "Free transit" {
			t.Fatalf("the draft was not stored: %v", list)
		}
		id := itoa(list[0].ID)
		if status, _ := w.do(author, "POST", "/proposals/"+id+"/open", url.Values{"deadline": {time.Now().Add(72 * time.Hour).Format("2006-01-02T15:04")}}); status != http.StatusSeeOther {
			t.Fatalf("opening it: %d", status)
		}
		amend := url.Values{"whereas": {"Fares keep riders away"}, "resolved": {"The chapter campaigns for fare-free buses and trains"},
			"reason": {"Trains too"}}
		if status, _ := w.do(w.client("other-branch"), "POST", "/proposals/"+id+"/amend", amend); status != http.StatusSeeOther {
			t.Fatalf("amending: %d", status)
		}
		if status, _ := w.do(author, "POST", "/proposals/"+id+"/amendments/1/accept", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("accepting the amendment: %d", status)
		}
		_, page = w.do(w.client("coordinator"), "GET", "/proposals/"+id+"/versions", nil)
		if !strings.Contains(page, "<ins> and trains</ins>") || !strings.Contains(page, "from version 1 to version 2") {
			t.Errorf("the versions page does not mark the change:\n%s", between(page, "<main", "</main>"))
		}
	})
}

// TestAStewardEntersAPaperSignature finds a signer on the roster by ZIP
// and enters the signature, which the proposal then shows as on paper.
func TestAStewardEntersAPaperSignature(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		steward := w.client("steward")
		_, page := w.do(steward, "GET", "/proposals/1/paper?q=90401", nil)
		if !strings.Contains(page, "Wes Westside") || !strings.Contains(page, "Chen Cochair") {
			t.Fatalf("the search by ZIP does not find the Westside members:\n%s", between(page, "<table", "</table>"))
		}
		if status, _ := w.do(steward, "POST", "/proposals/1/paper", url.Values{"member": {itoa(w.member("6").ID)}}); status != http.StatusSeeOther {
			t.Fatalf("entering the signature: %d", status)
		}
		if status, _ := w.do(steward, "POST", "/proposals/1/paper", url.Values{"member": {itoa(w.member("7").ID)}}); status != http.StatusBadRequest {
			t.Errorf("entering a lapsed member's signature: %d, want 400", status)
		}
		_, page = w.do(w.client("member"), "GET", "/proposals/1", nil)
		if row := between(page, "Wes Westside", "</li>"); !strings.Contains(row, "on paper") {
			t.Errorf("the paper signature is not shown as on paper: %q", row)
		}
		if strings.Contains(page, "counting:") {
			t.Errorf("the page says again what its count says, with every signature counting: %q", between(page, `id="progress-text"`, "</p>"))
		}
		if status, _ := w.do(steward, "POST", "/members/6/override", url.Values{"standing": {"lapsed"}, "reason": {"Dues unpaid"}}); status != http.StatusSeeOther {
			t.Fatalf("lapsing the signer: %d", status)
		}
		_, page = w.do(w.client("member"), "GET", "/proposals/1", nil)
		if !strings.Contains(between(page, `id="progress-text"`, "</p>"), "(1 no longer in good standing)") {
			t.Errorf("the page does not say a signature no longer counts: %q", between(page, `id="progress-text"`, "</p>"))
		}
	})
}

// TestALongListOfSignersIsCut lists the first members in support and a
// link to all of them.
func TestALongListOfSignersIsCut(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	defer func(n int) { *rfhttp.SignersShown = n }(*rfhttp.SignersShown)
	*rfhttp.SignersShown = 1
	for _, role := range []string{"member", "other-branch"} {
		if status, _ := w.do(w.client(role), "POST", "/proposals/1/sign", url.Values{}); status != http.StatusSeeOther {
			t.Fatalf("%s signing: %d", role, status)
		}
	}
	_, page := w.do(w.client("coordinator"), "GET", "/proposals/1", nil)
	list := between(page, `class="signers"`, "</ul>")
	if !strings.Contains(list, "Mia Member") || strings.Contains(list, "Wes Westside") ||
		!strings.Contains(page, "Show 1 more member in support") {
		t.Errorf("the cut list:\n%s", between(page, `id="signers-h"`, "</section>"))
	}
	_, page = w.do(w.client("coordinator"), "GET", "/proposals/1?signers=all", nil)
	if list := between(page, `class="signers"`, "</ul>"); !strings.Contains(list, "Wes Westside") {
		t.Errorf("?signers=all does not list everyone:\n%s", list)
	}
}
