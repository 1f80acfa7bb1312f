package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
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

// TestVettingNotesAreSealedAndResealed keeps a note's text only as
// ciphertext in the database, and a key rotation moves it to the new key:
// with the old key retired, the note still reads.
func TestVettingNotesAreSealedAndResealed(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		s, _, _, cand := newCycle(t, db)
		old := db.Keys.Keyring()
		text, err := secret.GenerateKeyFile(old)
		if err != nil {
			t.Fatal(err)
		}
		next, err := secret.Parse("rotated", text)
		if err != nil {
			t.Fatal(err)
		}
		before, err := db.CountUnsealed(ctx, next)
		if err != nil {
			t.Fatal(err)
		}
		n := &rankfile.EndorsementNote{CandidateID: cand.ID, AuthorID: member(t, db, "1").ID, Kind: rankfile.NoteInterview, Text: "Said she would sign the pledge"}
		if err := s.AddNote(ctx, n); err != nil {
			t.Fatal(err)
		}
		raw, err := db.QueryStrings(`SELECT text FROM endorsement_notes`)
		if err != nil || len(raw) != 1 || strings.Contains(raw[0], "pledge") || raw[0] == "" {
			t.Errorf("the text column holds %q, %v; want ciphertext", raw, err)
		}
		if after, err := db.CountUnsealed(ctx, next); err != nil || after != before+1 {
			t.Errorf("values needing the new key: %d, then %d (%v)", before, after, err)
		}
		if _, err := db.ResealSensitive(ctx, next); err != nil {
			t.Fatal(err)
		}
		db.Keys = next.CurrentOnly() // the old key retired
		if notes, err := s.Notes(ctx, cand.ID); err != nil || len(notes) != 1 || notes[0].Text != n.Text {
			t.Errorf("after rotation: %+v, %v", notes, err)
		}
	})
}
