package app_test

import (
	"testing"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// TestANewMembersPathStartsAtTheFirstStage checks what a member who has
// done nothing yet is shown: no stage, and the first stage's rule with
// nothing done towards it.
func TestANewMembersPathStartsAtTheFirstStage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		p, err := w.app.MyPath(ctx, w.voter(3))
		if err != nil {
			t.Fatal(err)
		}
		if p.Stage != "" || p.Next == nil || p.Next.Key != "participant" || len(p.Needs) != 1 ||
			p.Needs[0].Rule.Counter != rankfile.CountEvents || p.Needs[0].Have != 0 {
			t.Errorf("path %+v, next %+v; want no stage yet, participant next, needing one event", p, p.Next)
		}
		if _, err := w.app.MyPath(ctx, rankfile.Anonymous); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("nobody signed in: %v; want unauthorized", err)
		}
	})
}

// TestOnlyAdminsWriteTheLadder checks who may write the ladder, that a
// ladder that does not read changes nothing, and that writing one is
// audited.
func TestOnlyAdminsWriteTheLadder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newVotingWorld(t, dsn)
		const ladder = "regular: meetings >= 3 in 180 days\n"
		if err := w.app.SetLadder(ctx, w.voter(3), ladder); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member writing the ladder: %v; want forbidden", err)
		}
		if err := w.app.SetLadder(ctx, w.admin, "regular meetings"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a ladder that does not read: %v; want invalid", err)
		}
		if l, err := w.app.Ladder(ctx, w.admin); err != nil || l.String() == ladder {
			t.Fatalf("before writing: %q, %v; want the default", l, err)
		}
		if err := w.app.SetLadder(ctx, w.admin, ladder); err != nil {
			t.Fatal(err)
		}
		if l, err := w.app.Ladder(ctx, w.admin); err != nil || l.String() != ladder {
			t.Errorf("the ladder reads %q, %v; want %q", l, err, ladder)
		}
		entries, err := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditSetLadder})
		if err != nil || len(entries) != 1 || entries[0].ActorID != w.admin.Member.ID {
			t.Errorf("audit entries %v, %v; want the admin's one", entries, err)
		}
		if p, err := w.app.MyPath(ctx, w.voter(3)); err != nil || p.Next == nil || p.Next.Key != "regular" {
			t.Errorf("the path after: %+v, %v; want regular next", p, err)
		}
	})
}
