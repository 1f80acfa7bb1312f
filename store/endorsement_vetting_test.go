package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestVettingNotesAndInterviews keeps notes with their authors' names,
// refuses a note of no known kind, and lists a candidate's interviews by
// their events' times.
func TestVettingNotesAndInterviews(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, c, _, cand := newCycle(t, db)
		author := member(t, db, "1")
		n := &rankfile.EndorsementNote{CandidateID: cand.ID, AuthorID: author.ID, Kind: rankfile.NoteResearch, Text: " Voted for the rent freeze. "}
		if err := s.AddNote(ctx, n); err != nil {
			t.Fatal(err)
		}
		bad := &rankfile.EndorsementNote{CandidateID: cand.ID, AuthorID: author.ID, Kind: "gossip", Text: "x"}
		if err := s.AddNote(ctx, bad); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a note of no kind: %v", err)
		}
		notes, err := s.Notes(ctx, cand.ID)
		if err != nil || len(notes) != 1 || notes[0].Text != "Voted for the rent freeze." || notes[0].Author == "" ||
			notes[0].AuthorID != author.ID {
			t.Fatalf("notes = %+v, %v", notes, err)
		}
		events := store.NewEventService(db)
		var made []*rankfile.Event
		for i, day := range []int{9, 4} {
			at := time.Date(2026, 12, day, 18, 0, 0, 0, time.UTC)
			e := &rankfile.Event{BodyID: c.BodyID, Kind: rankfile.EventMeeting, Title: fmt.Sprint("Interview: Rosa Parra ", i),
				StartsAt: at, EndsAt: at.Add(time.Hour), Zone: "UTC", Address: "Union hall", Audience: rankfile.AudienceBody}
			if err := events.CreateEvents(ctx, []*rankfile.Event{e}, nil); err != nil {
				t.Fatal(err)
			}
			if err := s.AddInterview(ctx, cand.ID, e.ID); err != nil {
				t.Fatal(err)
			}
			made = append(made, e)
		}
		if err := s.AddInterview(ctx, cand.ID, made[0].ID); err == nil {
			t.Error("the same interview linked twice")
		}
		got, err := s.Interviews(ctx, cand.ID)
		if err != nil || len(got) != 2 || got[0].EventID != made[1].ID || got[0].Title != made[1].Title ||
			!got[0].StartsAt.Equal(made[1].StartsAt) {
			t.Fatalf("interviews = %+v, %v", got, err)
		}
	})
}
