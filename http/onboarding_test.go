package http_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestTheAPIGivesAMembersPathAndHerOrganizerTheChecklist has Lupe, back
// from lapsed, read her path and checklist, and Mia, her organizer, read
// the same checklist with her people; a member with no path gets none.
func TestTheAPIGivesAMembersPathAndHerOrganizerTheChecklist(t *testing.T) {
	w := newWorld(t, storetest.SQLiteDSN(t))
	w.returnLupe()
	status, body := w.apiAs(w.token("lapsed"), "GET", "/api/v1/me/onboarding")
	var mine struct {
		Steps     []rankfile.PathStep `json:"steps"`
		Checklist rankfile.Checklist  `json:"checklist"`
	}
	if err := json.Unmarshal([]byte(body), &mine); status != http.StatusOK || err != nil {
		t.Fatalf("GET /api/v1/me/onboarding: %d %s", status, body)
	}
	if len(mine.Steps) != 3 || mine.Steps[0].Reason != rankfile.AssignReturning || mine.Steps[2].Outcome != rankfile.OutcomeKept ||
		mine.Checklist.Done != 1 || mine.Checklist.Total != 6 {
		t.Errorf("Lupe's onboarding = %s", body)
	}
	status, body = w.apiAs(w.token("member"), "GET", "/api/v1/me/people")
	var people struct {
		Groups []struct {
			People []rankfile.Person `json:"people"`
		} `json:"groups"`
	}
	if err := json.Unmarshal([]byte(body), &people); status != http.StatusOK || err != nil || len(people.Groups) != 1 {
		t.Fatalf("GET /api/v1/me/people: %d %s", status, body)
	}
	if p := people.Groups[0].People[0]; p.Checklist == nil || p.Checklist.Done != 1 || !p.Checklist.Items[1].Done {
		t.Errorf("Lupe in Mia's people: %+v", p.Checklist)
	}
	status, body = w.apiAs(w.token("coordinator"), "GET", "/api/v1/me/onboarding")
	if status != http.StatusOK || !json.Valid([]byte(body)) || mine.Checklist.Items == nil {
		t.Fatalf("a member with no path: %d %s", status, body)
	}
	var none struct {
		Steps []rankfile.PathStep `json:"steps"`
	}
	if err := json.Unmarshal([]byte(body), &none); err != nil || none.Steps == nil || len(none.Steps) != 0 {
		t.Errorf("a member with no path = %s; want no steps (an empty list)", body)
	}
}
