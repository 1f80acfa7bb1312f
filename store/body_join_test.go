package store_test

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

func TestJoinRequests(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		tree := chapterTree(t, db)
		importList(t, db, october, rankfile.ImportOptions{})
		bodies := store.NewBodyService(db)
		ana, bo := member(t, db, "1"), member(t, db, "2")
		r, err := bodies.RequestToJoin(ctx, ana.ID, tree["housing"].ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bodies.RequestToJoin(ctx, ana.ID, tree["housing"].ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("asking twice: err = %v, want ECONFLICT", err)
		}
		declined, _ := bodies.RequestToJoin(ctx, bo.ID, tree["housing"].ID)
		pending, _ := bodies.FindJoinRequests(ctx, rankfile.JoinRequestFilter{BodyID: tree["housing"].ID, PendingOnly: true})
		if len(pending) != 2 {
			t.Fatalf("pending = %d, want 2", len(pending))
		}
		if err := bodies.DecideJoinRequest(ctx, r.ID, true); err != nil {
			t.Fatal(err)
		}
		if err := bodies.DecideJoinRequest(ctx, declined.ID, false); err != nil {
			t.Fatal(err)
		}
		if err := bodies.DecideJoinRequest(ctx, r.ID, false); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("deciding twice: err = %v, want ENOTFOUND", err)
		}
		if got := nationalIDs(t, db, rankfile.MemberFilter{BodyID: tree["housing"].ID}); !slices.Equal(got, []string{"1"}) {
			t.Errorf("housing members = %v, want Ana only", got)
		}
		if _, err := bodies.RequestToJoin(ctx, bo.ID, tree["housing"].ID); err != nil {
			t.Errorf("asking again after a decision: %v", err)
		}
	})
}

func TestPreferencesWinOverTheList(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		members := store.NewMemberService(db)
		ana := member(t, db, "1") // the list says she opted out of texts
		yes, no := true, false
		if err := members.SetPreferences(ctx, ana.ID, rankfile.Preferences{Language: "es", TextOptOut: &no, DoNotCall: &yes}); err != nil {
			t.Fatal(err)
		}
		ana = member(t, db, "1")
		w := ana.ContactWishes()
		if w.TextOptOut || !w.DoNotCall || ana.Preferences.Language != "es" || !ana.Contact.TextOptOut {
			t.Errorf("wishes %+v, preferences %+v, list %+v", w, ana.Preferences, ana.Contact)
		}
		importList(t, db, october, rankfile.ImportOptions{}) // the list again does not undo her choice
		if member(t, db, "1").ContactWishes().TextOptOut {
			t.Errorf("an import undid the member's own choice")
		}
		if err := members.SetPreferences(ctx, ana.ID, rankfile.Preferences{Language: "fr"}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("an unknown language: err = %v", err)
		}
	})
}

func TestSearch(t *testing.T) {
	storetest.EachDB(t, func(t *testing.T, db *store.DB) {
		importList(t, db, october, rankfile.ImportOptions{})
		for q, want := range map[string][]string{
			"ana":      {"1"},
			"GARC":     {"1"},
			"ana garc": {"1"},
			"bo@":      {"2"},
			"904":      {"3"}, // Santa Monica's ZIP
			"o'brien":  {"2"},
			"%":        {},
			"nobody":   {},
			"nguyễn":   {"3"},
		} {
			got := nationalIDs(t, db, rankfile.MemberFilter{Search: q})
			if !slices.Equal(got, want) {
				t.Errorf("search %q = %v, want %v", q, got, want)
			}
		}
	})
}
