package store_test

import (
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/secret"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// oneOnOneBranch imports withLancaster and puts members 1-4 in the
// central branch; it returns the branch and the members by national id.
func oneOnOneBranch(t *testing.T, db *store.DB) (*rankfile.Body, map[string]*rankfile.Member) {
	t.Helper()
	setClock(db, "2026-11-02")
	tree := chapterTree(t, db)
	importList(t, db, withLancaster, rankfile.ImportOptions{})
	out := map[string]*rankfile.Member{}
	for _, id := range []string{"1", "2", "3", "4"} {
		if err := store.NewMemberService(db).ChooseBranch(ctx, member(t, db, id).ID, "central", "test"); err != nil {
			t.Fatal(err)
		}
		out[id] = member(t, db, id)
	}
	return tree["central"], out
}

func TestAssignKeepsOneOpenAssignmentAndItsHistory(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		central, m := oneOnOneBranch(t, db)
		s := store.NewOneOnOneService(db)
		if q, n, err := s.BranchQueue(ctx, central.ID, 0); err != nil || n != 4 || len(q) != 4 {
			t.Fatalf("queue before = %d members (%d), %v; want all 4", len(q), n, err)
		}
		for _, organizer := range []string{"1", "4"} {
			if err := s.Assign(ctx, &rankfile.Assignment{MemberID: m["2"].ID, OrganizerID: m[organizer].ID, Reason: rankfile.AssignNew}); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.FindAssignments(ctx, rankfile.AssignmentFilter{MemberID: m["2"].ID})
		if err != nil || len(all) != 2 {
			t.Fatalf("history = %d assignments, %v; want 2", len(all), err)
		}
		if !all[0].Open() || all[0].OrganizerID != m["4"].ID || all[1].Open() || all[1].EndReason != rankfile.EndReassigned ||
			all[1].EndedBy != "store tests" || all[0].AssignedBy != "store tests" {
			t.Errorf("history = %+v, %+v; want the newest open, the first reassigned", all[0], all[1])
		}
		if q, n, _ := s.BranchQueue(ctx, central.ID, 1); n != 3 || len(q) != 1 || q[0].ID == m["2"].ID {
			t.Errorf("queue after = %d (%d shown), want 3 without the assigned member", n, len(q))
		}
		if err := s.Assign(ctx, &rankfile.Assignment{MemberID: m["3"].ID, OrganizerID: m["4"].ID, Reason: "friend"}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("an unknown reason: %v, want EINVALID", err)
		}
		if n, err := s.EndAssignmentsOf(ctx, m["4"].ID, nil, rankfile.EndLapsed); err != nil || n != 1 {
			t.Errorf("ending a lapsed organizer's = %d, %v; want 1", n, err)
		}
		if err := s.EndAssignment(ctx, m["2"].ID, rankfile.EndByLeader); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("ending no assignment: %v, want ENOTFOUND", err)
		}
		if _, n, _ := s.BranchQueue(ctx, central.ID, 0); n != 4 {
			t.Errorf("queue after the organizer lapsed = %d, want 4", n)
		}
	})
}

func TestConversationsSealNotesAndQueueFollowUpsOnce(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		_, m := oneOnOneBranch(t, db)
		s := store.NewOneOnOneService(db)
		if err := s.Assign(ctx, &rankfile.Assignment{MemberID: m["2"].ID, OrganizerID: m["1"].ID, Reason: rankfile.AssignNew}); err != nil {
			t.Fatal(err)
		}
		c := &rankfile.Conversation{MemberID: m["2"].ID, AuthorID: m["1"].ID, On: rankfile.MustParseDate("2026-11-01"),
			Method: rankfile.MethodCall, Notes: "worried about the rent hike at Sunset Towers", Tags: []string{" Tenant organizing", "tenant organizing", "Spanish"},
			Assessment: 3, FollowUpOn: rankfile.MustParseDate("2026-11-03")}
		if err := s.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		raw, err := db.QueryStrings(`SELECT notes FROM conversations`)
		if err != nil || len(raw) != 1 || strings.Contains(raw[0], "Sunset") || raw[0] == "" {
			t.Errorf("the notes column holds %q, %v; want ciphertext", raw, err)
		}
		got, err := s.FindConversations(ctx, m["2"].ID)
		if err != nil || len(got) != 1 || got[0].Notes != c.Notes || len(got[0].Tags) != 2 || got[0].Author != "Ana García" {
			t.Fatalf("read back %+v, %v", got, err)
		}
		people, err := s.People(ctx, m["1"].ID)
		if err != nil || len(people) != 1 || people[0].Member.ID != m["2"].ID || people[0].LastContact != c.On || people[0].FollowUpOn != c.FollowUpOn {
			t.Fatalf("people = %+v, %v", people, err)
		}
		for _, run := range []struct {
			day  string
			want int
		}{{"2026-11-02", 0}, {"2026-11-03", 1}, {"2026-11-03", 0}, {"2026-11-04", 0}} {
			if n, err := s.QueueFollowUps(ctx, rankfile.MustParseDate(run.day)); err != nil || n != run.want {
				t.Errorf("follow-ups queued on %s = %d, %v; want %d", run.day, n, err, run.want)
			}
		}
		if due, err := s.FollowUpsDue(ctx, m["1"].ID, rankfile.MustParseDate("2026-11-03")); err != nil || len(due) != 1 {
			t.Errorf("due = %d, %v; want 1", len(due), err)
		}
		long := *c
		long.Notes = strings.Repeat("ñ", rankfile.MaxConversationNotes+1)
		if err := s.CreateConversation(ctx, &long); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("notes over the limit: %v, want EINVALID", err)
		}
	})
}

func TestARotationResealsConversationNotes(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		_, m := oneOnOneBranch(t, db)
		s := store.NewOneOnOneService(db)
		c := &rankfile.Conversation{MemberID: m["2"].ID, AuthorID: m["1"].ID, On: rankfile.MustParseDate("2026-11-01"),
			Method: rankfile.MethodCall, Notes: "prefers Spanish"}
		if err := s.CreateConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		text, err := secret.GenerateKeyFile(db.Keys.Keyring())
		if err != nil {
			t.Fatal(err)
		}
		next, err := secret.Parse("rotated", text)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.CountUnsealed(ctx, next); n != 2 || err != nil {
			t.Errorf("before the pass: %d values need the new key (%v), want Ana's race and the notes", n, err)
		}
		if report, err := db.ResealSensitive(ctx, next); err != nil || report.Resealed != 2 {
			t.Fatalf("reseal: %+v, %v", report, err)
		}
		db.Keys = next.CurrentOnly() // the old key retired
		got, err := s.FindConversations(ctx, m["2"].ID)
		if err != nil || len(got) != 1 || got[0].Notes != c.Notes {
			t.Errorf("after the rotation: %+v, %v", got, err)
		}
	})
}
