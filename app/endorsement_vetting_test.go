package app_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestVettingNotesStayWithTheirAuthorsAndLeaders has two members of the
// body write notes: each reads their own, a leader reads both, a member
// outside the body reads and writes none.
func TestVettingNotesStayWithTheirAuthorsAndLeaders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newEndorsementWorld(t, dsn)
		id := w.candidates[0].ID
		first := &rankfile.Actor{Member: w.member(6), Belongs: []int64{w.chapter.ID}}
		second := &rankfile.Actor{Member: w.member(7), Belongs: []int64{w.chapter.ID}}
		leader := &rankfile.Actor{Member: w.member(8), Leads: []*rankfile.Body{w.chapter}}
		for i, a := range []*rankfile.Actor{first, second} {
			n := &rankfile.EndorsementNote{CandidateID: id, Kind: rankfile.NoteResearch, Text: []string{"Took landlord money.", "Strong on transit."}[i]}
			if err := w.app.AddEndorsementNote(ctx, a, n); err != nil {
				t.Fatal(err)
			}
		}
		v, err := w.app.EndorsementVetting(ctx, first, id)
		if err != nil || len(v.Notes) != 1 || v.Notes[0].Text != "Took landlord money." || v.Withheld != 1 {
			t.Fatalf("the first author's = %+v, %v", v, err)
		}
		if v, err := w.app.EndorsementVetting(ctx, leader, id); err != nil || len(v.Notes) != 2 || v.Withheld != 0 {
			t.Errorf("a leader's = %+v, %v", v, err)
		}
		outsider := w.voter(9)
		if _, err := w.app.EndorsementVetting(ctx, outsider, id); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member outside the body reading: %v", err)
		}
		n := &rankfile.EndorsementNote{CandidateID: id, Kind: rankfile.NoteGeneral, Text: "x"}
		if err := w.app.AddEndorsementNote(ctx, outsider, n); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member outside the body writing: %v", err)
		}
	})
}

// TestAnInterviewIsAnEventOfTheBody schedules an interview as a meeting
// of the cycle's body for its members, listed with the candidate; one who
// vets but does not lead the body may not put it on the calendar.
func TestAnInterviewIsAnEventOfTheBody(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newEndorsementWorld(t, dsn)
		id := w.candidates[0].ID
		at := w.now.Add(48 * time.Hour)
		e, err := w.app.ScheduleInterview(ctx, w.admin, id, &rankfile.Event{StartsAt: at, Address: "Union hall"})
		if err != nil {
			t.Fatal(err)
		}
		if e.Title != "Interview: Rosa Parra" || e.BodyID != w.chapter.ID || e.Audience != rankfile.AudienceBody ||
			e.Kind != rankfile.EventMeeting || !e.EndsAt.Equal(at.Add(time.Hour)) {
			t.Errorf("event = %+v", e)
		}
		vetter := &rankfile.Actor{Member: w.member(6), Belongs: []int64{w.chapter.ID}}
		if _, err := w.app.ScheduleInterview(ctx, vetter, id, &rankfile.Event{StartsAt: at, Address: "Hall"}); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("one who vets scheduling: %v", err)
		}
		if _, err := w.app.ScheduleInterview(ctx, w.admin, id, &rankfile.Event{StartsAt: at}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("an interview nowhere: %v", err)
		}
		v, err := w.app.EndorsementVetting(ctx, vetter, id)
		if err != nil || len(v.Interviews) != 1 || v.Interviews[0].EventID != e.ID || v.Interviews[0].Title != e.Title {
			t.Fatalf("interviews = %+v, %v", v, err)
		}
	})
}
