package http_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/rankfile/rankfile/store/storetest"
)

// TestAnOrganizerLogsAConversationOnAPhone has Mia, Lupe's organizer,
// open her people on a phone, log a conversation whose notes run over the
// limit (the notes come back as typed, the mistake said beside them),
// then log it, in English and in Spanish.
func TestAnOrganizerLogsAConversationOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	ctx := onAPhone(t, w, "member")
	do(t, ctx, "her people",
		chromedp.Navigate(w.srv.URL+"/people"),
		chromedp.WaitVisible(chromedp.CSS(`ul.people a[href^="tel:"]`)))
	fitsThePhone(t, ctx, "/people")
	screenshot(t, ctx, "people-en.png")
	long := strings.Repeat("Talked about the building. ", 160)
	do(t, ctx, "notes over the limit",
		click(`a[href$="/conversations/new"]`),
		chromedp.WaitVisible(chromedp.ID("notes")),
		chromedp.SetValue(chromedp.ID("notes"), long),
		chromedp.SetValue(chromedp.ID("tags"), "rent, childcare"),
		click(`main form button`),
		chromedp.WaitVisible(chromedp.ID("notes-problem")))
	if got := read(ctx, chromedp.Value(chromedp.ID("notes"))); got != long {
		t.Errorf("the notes came back %d characters long, want the %d typed", len(got), len(long))
	}
	fitsThePhone(t, ctx, "the log form with its problem")
	screenshot(t, ctx, "log-problem-en.png")
	inSpanish(t, ctx)
	do(t, ctx, "the form in Spanish",
		chromedp.Navigate(w.srv.URL+"/members/"+itoa(w.member("7").ID)+"/conversations/new"),
		chromedp.WaitVisible(chromedp.ID("notes")))
	fitsThePhone(t, ctx, "the log form in Spanish")
	screenshot(t, ctx, "log-es.png")
	do(t, ctx, "logging it",
		chromedp.SetValue(chromedp.ID("notes"), "Quiere ayudar con la huelga de alquileres."),
		click(`input[name="method"][value="in_person"]`),
		chromedp.SetValue(chromedp.ID("assessment"), "3"),
		click(`main form button`),
		chromedp.WaitVisible(chromedp.CSS(`main .notice`)))
	if got := text(t, ctx, "main .notice"); !strings.Contains(got, "registrada") {
		t.Errorf("the notice reads %q", got)
	}
	fitsThePhone(t, ctx, "/people in Spanish")
	screenshot(t, ctx, "people-es.png")
}

// TestACoordinatorAssignsFromTheQueueOnAPhone has Central's co-coordinator
// give Adam, waiting in the branch's queue, to Cora herself (her number
// offered among the branch's organizers), then read Lupe's conversations,
// in Spanish.
func TestACoordinatorAssignsFromTheQueueOnAPhone(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	ctx := onAPhone(t, w, "coordinator")
	adam, cora := itoa(w.member("2").ID), itoa(w.member("3").ID)
	do(t, ctx, "the queue",
		chromedp.Navigate(w.srv.URL+"/bodies/central/queue"),
		chromedp.WaitVisible(chromedp.ID("org-"+adam)))
	fitsThePhone(t, ctx, "the queue")
	screenshot(t, ctx, "queue-en.png")
	do(t, ctx, "assigning Adam to Cora",
		chromedp.SendKeys(chromedp.ID("org-"+adam), cora),
		click(`form:has(#org-`+adam+`) button`),
		chromedp.WaitVisible(chromedp.CSS(`main .notice`)))
	if got := text(t, ctx, "main"); strings.Contains(got, "Adam Admin") {
		t.Errorf("Adam is still in the queue: %q", got)
	}
	inSpanish(t, ctx)
	do(t, ctx, "Lupe's page",
		chromedp.Navigate(w.srv.URL+"/members/"+itoa(w.member("7").ID)),
		chromedp.WaitVisible(chromedp.ID("conversations-h")))
	if got := text(t, ctx, "ol.conversations"); !strings.Contains(got, coordinatorsNote) || !strings.Contains(got, organizersNote) {
		t.Errorf("the co-coordinator reads %q; want both notes", got)
	}
	fitsThePhone(t, ctx, "a member's page with conversations")
	screenshot(t, ctx, "member-es.png")
}
