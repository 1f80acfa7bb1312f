package http_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestAMemberPetitionsOncePerRaceOnAPhone has a member, on a phone, start
// the petition for Ben from his decision page and sign it from the
// petition's page; a rival's petition in the same race, open in another
// tab from before, then refuses her signature, saying which petition she
// signed, and keeps none of hers; opened again, it says so instead of
// offering to sign.
// The decision page fits the phone and passes axe, for her and for the
// co-chair with every form.
func TestAMemberPetitionsOncePerRaceOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.decisionSecrets(w.endorsementSecrets(nil))
	axe, err := os.ReadFile("testdata/axe-core/axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	ctx := onAPhone(t, w, "member")
	decision := w.srv.URL + "/endorsements/candidates/4/decision"
	do(t, ctx, "starting Ben's petition", chromedp.Navigate(decision),
		click(`form[action$="/petition"] button`),
		chromedp.WaitVisible(chromedp.CSS(`main p.notice`)))
	fitsThePhone(t, ctx, "the decision page")
	screenshot(t, ctx, "decision-petition-en.png")
	do(t, ctx, "opening Ben's petition", click(`#petition + p a`),
		chromedp.WaitVisible(chromedp.CSS(`p.petition-for`)))
	ben := w.candidateProposal(4)
	rival := w.startRivalPetition(ben)
	rivalPage := w.srv.URL + "/proposals/" + strconv.FormatInt(rival, 10)
	// The rival's page open in another tab, from before she signed.
	stale := onAPhone(t, w, "member")
	do(t, stale, "the rival's petition", chromedp.Navigate(rivalPage), chromedp.WaitVisible(chromedp.CSS(`form[action$="/sign"] button`)))
	do(t, ctx, "signing Ben's", click(`form[action$="/sign"] button`),
		chromedp.WaitVisible(chromedp.CSS(`main p.notice`)))
	do(t, stale, "signing the rival's from the page open before", click(`form[action$="/sign"] button`),
		chromedp.WaitVisible(chromedp.CSS(`main p.detail`)))
	if got := text(t, stale, "main p.detail"); !strings.Contains(got, "Endorse Ben Ortiz") || !strings.Contains(got, "one petition in a race") {
		t.Errorf("the refusal reads %q; want it to name Ben's petition", got)
	}
	screenshot(t, stale, "decision-second-signature-en.png")
	do(t, ctx, "the rival's petition now", chromedp.Navigate(rivalPage), chromedp.WaitVisible(chromedp.ID("signed-in-race")))
	if got := text(t, ctx, "#signed-in-race"); !strings.Contains(got, "Endorse Ben Ortiz") {
		t.Errorf("the rival's page says %q; want it to name Ben's petition", got)
	}
	if n := read(ctx, chromedp.Evaluate[int](`document.querySelectorAll('form[action$="/sign"]').length`)); n != 0 {
		t.Errorf("the rival's page offers to sign it")
	}
	screenshot(t, ctx, "decision-second-signature-en.png")
	if page := w.proposalSigners(rival); page != 0 {
		t.Errorf("the rival's petition has %d signatures; want none", page)
	}
	for _, p := range []string{"/endorsements/candidates/3/decision", "/endorsements/candidates/4/decision"} {
		for _, problem := range pageProblems(ctx, w.srv.URL+p, string(axe)) {
			t.Errorf("%s as a member: %s", p, problem)
		}
	}
	chen := onAPhone(t, w, "cochair")
	do(t, chen, "Rita's decision, with every form", chromedp.Navigate(w.srv.URL+"/endorsements/candidates/3/decision"),
		chromedp.WaitVisible(chromedp.CSS(`form[action$="/national/answer"]`)))
	fitsThePhone(t, chen, "the decision page with its forms")
	screenshot(t, chen, "decision-runner-en.png")
	for _, p := range []string{"/endorsements/candidates/3/decision", "/endorsements/candidates/5/decision"} {
		for _, problem := range pageProblems(chen, w.srv.URL+p, string(axe)) {
			t.Errorf("%s as the co-chair: %s", p, problem)
		}
	}
}

// proposalSigners counts a proposal's signatures.
func (w *world) proposalSigners(id int64) int {
	w.t.Helper()
	page, err := w.app.Proposal(ctx, w.actor("steward"), id)
	if err != nil {
		w.t.Fatal(err)
	}
	return len(page.Signatures)
}
