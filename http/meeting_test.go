package http_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// meetings calls the world's meeting 1: a chapter meeting under way in two
// sessions, Central chaired by the coordinator and Westside by the
// Westside member.
func (w *world) meetings() {
	admin := &rankfile.Actor{Member: w.member("2"), Admin: true}
	m := &rankfile.Meeting{BodyID: w.bodies["chapter"].ID, Kind: rankfile.MeetingChapter, Title: "General meeting",
		StartsAt: time.Now().Add(-time.Minute), Format: rankfile.InPerson, Quorum: rankfile.Quorum{Count: 3},
		Sessions: []*rankfile.MeetingSession{
			{Name: "Central", BranchID: w.bodies["central"].ID, ChairID: w.member("3").ID},
			{Name: "Westside", BranchID: w.bodies["westside"].ID, ChairID: w.member("6").ID}},
		Agenda: []*rankfile.AgendaItem{{Kind: rankfile.AgendaReport, Title: "Branch reports"}}}
	if err := w.app.CreateMeeting(ctx, admin, m); err != nil {
		w.t.Fatal(err)
	}
}

// TestAMemberChecksInWithTheCodeThroughTheAPI checks in with the code
// the Central chair reads out, and sees the count and their session.
func TestAMemberChecksInWithTheCodeThroughTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWorld(t, dsn)
		auth := []string{"Authorization", "Bearer " + w.token("member")}
		_, body := w.doBody("GET", "/api/v1/meetings/1", "", "Authorization", "Bearer "+w.token("coordinator"))
		var hosted struct{ Meeting rankfile.Meeting }
		if err := json.Unmarshal([]byte(body), &hosted); err != nil || hosted.Meeting.Sessions[0].Code == "" {
			t.Fatalf("the chair does not see the code: %v %s", err, body)
		}
		code := hosted.Meeting.Sessions[0].Code
		status, body := w.doBody("POST", "/api/v1/meetings/1/check-in", `{"code":"`+strings.ToLower(code)+`"}`, auth...)
		if status != http.StatusOK {
			t.Fatalf("checking in: %d %s", status, body)
		}
		_, body = w.doBody("GET", "/api/v1/meetings/1", "", auth...)
		if !strings.Contains(body, `"present":1`) || !strings.Contains(body, `"my_session":{"id":1`) || strings.Contains(body, code) {
			t.Errorf("after checking in the member sees %s", body)
		}
	})
}
