package http_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// Notes the test chapter's organizers logged about Lupe (7), who waits
// for nobody: Central's co-coordinator gave her to Mia (5) to call.
const (
	coordinatorsNote = "Notevalue-coordinator"
	organizersNote   = "Notevalue-organizer"
)

// oneOnOnes gives Lupe to Mia and logs a conversation by each of Mia and
// Central's co-coordinator.
func (w *world) oneOnOnes() {
	w.t.Helper()
	if _, err := w.app.Assign(ctx, w.actor("coordinator"), w.member("7").ID, w.member("5").ID, rankfile.AssignReturning); err != nil {
		w.t.Fatal(err)
	}
	for role, notes := range map[string]string{"coordinator": coordinatorsNote, "member": organizersNote} {
		c := &rankfile.Conversation{MemberID: w.member("7").ID, On: w.app.Today(), Method: rankfile.MethodCall,
			Notes: notes, Tags: []string{"tenant organizing"}, FollowUpOn: w.app.Today().AddDays(3)}
		if err := w.app.LogConversation(ctx, w.actor(role), c); err != nil {
			w.t.Fatal(err)
		}
	}
}

// oneOnOneSecrets are the notes, with who may read them: their author,
// Central's co-coordinator, the stewards, and Lupe in her own download.
func oneOnOneSecrets() []private {
	return []private{
		{"the co-coordinator's notes on 7", coordinatorsNote, only("coordinator", "steward", "lapsed")},
		{"the organizer's notes on 7", organizersNote, only("member", "communications", "coordinator", "steward", "lapsed")},
	}
}

func TestLoggingAConversationFromThePhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		mia := w.client("member")
		a := w.fetch(mia, "GET", "/people", nil, "")
		if a.status != http.StatusOK || !strings.Contains(a.body, "tel:2135550007") || !strings.Contains(a.body, "mailto:lapsed@example.org") ||
			!strings.Contains(a.body, "/members/7/conversations/new") {
			t.Fatalf("/people: %d\n%s", a.status, a.body)
		}
		long := strings.Repeat("a", 3990) + " the landlord"
		form := url.Values{"on": {w.app.Today().String()}, "method": {"call"}, "notes": {long}, "tags": {"rent, Spanish"}}
		a = w.fetch(mia, "POST", "/members/7/conversations", formBody(form), formType)
		if a.status != http.StatusBadRequest || !strings.Contains(a.body, "the most is 4000") || !strings.Contains(a.body, "the landlord") ||
			!strings.Contains(a.body, `aria-invalid="true"`) {
			t.Errorf("notes over the limit: %d\n%s", a.status, a.body)
		}
		form.Set("notes", "Wants to help with the rent strike.")
		form.Set("follow_up_on", "yesterday")
		if a = w.fetch(mia, "POST", "/members/7/conversations", formBody(form), formType); a.status != http.StatusBadRequest {
			t.Errorf("a follow-up that is not a date: %d", a.status)
		}
		form.Set("follow_up_on", w.app.Today().AddDays(7).String())
		if a = w.fetch(mia, "POST", "/members/7/conversations", formBody(form), formType); a.status != http.StatusSeeOther {
			t.Errorf("a conversation: %d\n%s", a.status, a.body)
		}
		stored, _ := w.app.OneOnOnes.FindConversations(ctx, w.member("7").ID)
		if len(stored) != 3 || stored[0].Notes != "Wants to help with the rent strike." || strings.Join(stored[0].Tags, "|") != "rent|spanish" {
			t.Errorf("stored %+v", stored[0])
		}
		a = w.fetch(w.client("steward"), "POST", "/members/7/conversations", formBody(form), formType)
		refused, _ := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditRefusedLog})
		if a.status != http.StatusForbidden || len(refused) != 1 {
			t.Errorf("a steward logs: %d, %d refusals audited; want 403 and 1", a.status, len(refused))
		}
		page := w.fetch(w.client("coordinator"), "GET", "/members/7", nil, "")
		if !strings.Contains(page.body, coordinatorsNote) || strings.Index(page.body, "rent strike") > strings.Index(page.body, coordinatorsNote) {
			t.Errorf("the co-coordinator's view of Lupe lacks the notes, newest first:\n%s", page.body)
		}
	})
}
