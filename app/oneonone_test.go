package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/app"
	"github.com/rankfile/rankfile/mail"
	"github.com/rankfile/rankfile/mail/mailtest"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// In seatWorld, Central holds 1 (its co-coordinator), 3, 5 and 6 (lapsed);
// Westside holds 2 (its co-coordinator), 4 and 7.

func (w *seatWorld) assign(member, organizer int, reason rankfile.AssignReason) {
	w.t.Helper()
	if _, err := w.app.Assign(ctx, w.actor(1), w.member(member).ID, w.member(organizer).ID, reason); err != nil {
		w.t.Fatalf("assigning %d to %d: %v", member, organizer, err)
	}
}

func TestAssigningOrganizersIsForBranchLeadersAndStewards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		steward := &rankfile.Actor{Member: w.member(7), Steward: true}
		for _, c := range []struct {
			what              string
			actor             *rankfile.Actor
			member, organizer int
			want              string
		}{
			{"another branch's co-coordinator", w.actor(2), 5, 3, rankfile.EFORBIDDEN},
			{"a member of the branch", w.actor(5), 6, 3, rankfile.EFORBIDDEN},
			{"a committee's co-chair", w.actor(4), 5, 3, rankfile.EFORBIDDEN},
			{"nobody signed in", rankfile.Anonymous, 5, 3, rankfile.EUNAUTHORIZED},
			{"the co-coordinator, to a lapsed organizer", w.actor(1), 5, 6, rankfile.EINVALID},
			{"the co-coordinator, to another branch's member", w.actor(1), 5, 7, rankfile.EINVALID},
			{"the co-coordinator, to the member themselves", w.actor(1), 5, 5, rankfile.EINVALID},
			{"the co-coordinator", w.actor(1), 5, 3, ""},
			{"a steward", steward, 6, 3, ""},
		} {
			_, err := w.app.Assign(ctx, c.actor, w.member(c.member).ID, w.member(c.organizer).ID, rankfile.AssignManual)
			if got := rankfile.ErrorCode(err); (c.want == "" && err != nil) || (c.want != "" && got != c.want) {
				t.Errorf("%s assigns: %v, want %q", c.what, err, c.want)
			}
		}
		a, err := w.app.AssignByPath(ctx, "onboarding", w.member(1).ID, w.member(3).ID, rankfile.AssignNew)
		if err != nil || a.AssignedBy != "onboarding" {
			t.Errorf("onboarding assigns: %+v, %v", a, err)
		}
		if _, err := w.app.Queue(ctx, w.actor(5), "central", 10); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member sees the queue: %v, want EFORBIDDEN", err)
		}
		q, err := w.app.Queue(ctx, w.actor(1), "central", 10)
		if err != nil || q.Total != 1 || q.Members[0].ID != w.member(3).ID {
			t.Fatalf("queue = %+v, %v; want the organizer alone", q, err)
		}
		if len(q.Organizers) != 2 || q.Organizers[0].FullName() != "Cora Central" || q.Organizers[1].FullName() != "Hana Housing" ||
			q.Organizers[1].Email != "" {
			t.Errorf("organizers = %+v; want the co-coordinator and the organizer, by name only", q.Organizers)
		}
		if err := w.app.Unassign(ctx, w.actor(5), w.member(5).ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
			t.Errorf("a member ends an assignment: %v, want EFORBIDDEN", err)
		}
		if err := w.app.Unassign(ctx, w.actor(1), w.member(5).ID); err != nil {
			t.Errorf("the co-coordinator ends one: %v", err)
		}
	})
}

// checkNobodyDropped checks that every member is either in exactly one
// open assignment or in their branch's queue.
func (w *seatWorld) checkNobodyDropped(when string) {
	w.t.Helper()
	steward := &rankfile.Actor{Member: w.member(7), Steward: true}
	seen := map[int64]int{}
	for _, branch := range []string{"central", "westside"} {
		q, err := w.app.Queue(ctx, steward, branch, 0)
		if err != nil {
			w.t.Fatal(err)
		}
		for _, m := range q.Members {
			seen[m.ID]++
		}
	}
	for n := 1; n <= 7; n++ {
		id := w.member(n).ID
		open, _ := w.app.OneOnOnes.FindAssignments(ctx, rankfile.AssignmentFilter{MemberID: id, OpenOnly: true})
		if seen[id]+len(open) != 1 {
			w.t.Errorf("%s: member %d is in the queue %d times and has %d open assignments; want one of them", when, n, seen[id], len(open))
		}
	}
}

func TestTurnoverReturnsMembersToTheQueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.assign(5, 3, rankfile.AssignNew)
		w.assign(6, 3, rankfile.AssignReturning)
		w.assign(3, 1, rankfile.AssignManual)
		w.checkNobodyDropped("assigned")
		if n, err := w.app.ReturnToQueues(ctx); err != nil || n != 0 {
			t.Errorf("nothing changed, yet %d ended (%v)", n, err)
		}
		if err := w.app.Members.ChooseBranch(ctx, w.member(3).ID, "westside", "test"); err != nil {
			t.Fatal(err)
		}
		if n, err := w.app.ReturnToQueues(ctx); err != nil || n != 3 {
			t.Errorf("the organizer moved to Westside: %d ended (%v), want 3 (theirs, and their own assignment in Central)", n, err)
		}
		w.checkNobodyDropped("the organizer moved")
		w.assign(5, 1, rankfile.AssignManual)
		o := &rankfile.StandingOverride{MemberID: w.member(1).ID, Standing: rankfile.StandingLapsed, Reason: "dues", Author: "test"}
		if err := w.app.Members.SetStandingOverride(ctx, o); err != nil {
			t.Fatal(err)
		}
		if n, err := w.app.ReturnToQueues(ctx); err != nil || n != 1 {
			t.Errorf("the organizer lapsed: %d ended (%v), want 1", n, err)
		}
		w.checkNobodyDropped("the organizer lapsed")
		past, _ := w.app.OneOnOnes.FindAssignments(ctx, rankfile.AssignmentFilter{MemberID: w.member(5).ID})
		if len(past) != 2 || past[0].EndReason != rankfile.EndLapsed || past[0].EndedBy != "rankfile" || past[1].EndReason != rankfile.EndLeftBranch {
			t.Errorf("history = %+v, %+v; want the organizer lapsed, the one before left the branch", past[0], past[1])
		}
	})
}

func TestWhoLogsAndReadsConversations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		w.assign(5, 3, rankfile.AssignNew)
		steward := &rankfile.Actor{Member: w.member(7), Steward: true}
		today := rankfile.DateOf(w.now)
		for _, c := range []struct {
			what   string
			actor  *rankfile.Actor
			member int64
			want   string
		}{
			{"the organizer, with their person", w.actor(3), w.member(5).ID, ""},
			{"the co-coordinator, with a member of the branch", w.actor(1), w.member(5).ID, ""},
			{"the organizer, with someone not theirs", w.actor(3), w.member(6).ID, rankfile.EFORBIDDEN},
			{"another branch's co-coordinator", w.actor(2), w.member(5).ID, rankfile.EFORBIDDEN},
			{"a steward", steward, w.member(5).ID, rankfile.EFORBIDDEN},
			{"anyone, with a member who does not exist", w.actor(3), 999999, rankfile.EFORBIDDEN},
			{"nobody signed in", rankfile.Anonymous, w.member(5).ID, rankfile.EUNAUTHORIZED},
		} {
			conv := &rankfile.Conversation{MemberID: c.member, On: today, Method: rankfile.MethodCall, Notes: "notes by " + c.what}
			err := w.app.LogConversation(ctx, c.actor, conv)
			if got := rankfile.ErrorCode(err); (c.want == "" && err != nil) || (c.want != "" && got != c.want) {
				t.Errorf("%s logs: %v, want %q", c.what, err, c.want)
			}
		}
		refused, _ := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditRefusedLog})
		if len(refused) != 4 {
			t.Errorf("refused attempts audited: %d, want 4 (the signed-in ones)", len(refused))
		}
		for _, id := range []int64{w.member(6).ID, 999999} {
			if stored, _ := w.app.OneOnOnes.FindConversations(ctx, id); len(stored) != 0 {
				t.Errorf("a refused conversation was stored: %+v", stored)
			}
		}
		long := &rankfile.Conversation{MemberID: w.member(5).ID, On: today, Method: rankfile.MethodCall, Notes: strings.Repeat("x", 4001)}
		if err := w.app.LogConversation(ctx, w.actor(3), long); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("notes over 4,000 characters: %v, want EINVALID", err)
		}
		for _, c := range []struct {
			what  string
			actor *rankfile.Actor
			want  int // conversations read; -1 for none offered
		}{
			{"the organizer reads their own only", w.actor(3), 1},
			{"the co-coordinator reads all", w.actor(1), 2},
			{"a steward reads all", steward, 2},
			{"the member reads none here", w.actor(5), -1},
		} {
			got, err := w.app.Conversations(ctx, c.actor, w.member(5).ID)
			if err != nil || (c.want < 0) != (got == nil) || (got != nil && len(got.Conversations) != c.want) {
				t.Errorf("%s: %+v, %v", c.what, got, err)
			}
		}
		if _, err := w.app.Conversations(ctx, w.actor(2), w.member(5).ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("another branch's co-coordinator: %v, want ENOTFOUND", err)
		}
		reads, _ := w.app.Audit.FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditViewConversations})
		if len(reads) != 3 {
			t.Errorf("reads audited: %d, want 3", len(reads))
		}
		for _, e := range reads {
			if w.db.Dialect() == store.SQLite && e.Log != rankfile.AuditViewLog {
				t.Errorf("a read of conversations is in the log %q; a frequent view goes to the log of views", e.Log)
			}
		}
		data, err := w.app.MyData(ctx, w.actor(5))
		if err != nil || len(data.Conversations) != 2 || len(data.Organizers) != 1 {
			t.Errorf("the member's own data: %+v, %v; want both conversations and the assignment", data, err)
		}
	})
}

func TestAnOrganizerSeesTheirPeopleInOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		if _, _, err := w.app.Member(ctx, w.actor(3), w.member(5).ID); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("before the assignment the organizer sees the member: %v", err)
		}
		w.assign(1, 3, rankfile.AssignManual)
		w.assign(5, 3, rankfile.AssignNew)
		w.assign(6, 3, rankfile.AssignReturning)
		if m, v, err := w.app.Member(ctx, w.actor(3), w.member(5).ID); err != nil || v != rankfile.SeeContact || m.Email == "" {
			t.Errorf("the organizer sees %+v (%v), %v; want the contact", m, v, err)
		}
		today := rankfile.DateOf(w.now)
		old := &rankfile.Conversation{MemberID: w.member(1).ID, On: today.AddDays(-40), Method: rankfile.MethodInPerson}
		if err := w.app.LogConversation(ctx, w.actor(3), old); err != nil {
			t.Fatal(err)
		}
		list, err := w.app.People(ctx, w.actor(3))
		if err != nil {
			t.Fatal(err)
		}
		if got := groups(list); got != "new:Mia stale:Cora returning:Lupe" {
			t.Errorf("groups = %q", got)
		}
		due := &rankfile.Conversation{MemberID: w.member(5).ID, On: today.AddDays(-2), Method: rankfile.MethodText, FollowUpOn: today}
		if err := w.app.LogConversation(ctx, w.actor(3), due); err != nil {
			t.Fatal(err)
		}
		list, _ = w.app.People(ctx, w.actor(3))
		if got := groups(list); got != "follow_up:Mia stale:Cora returning:Lupe" {
			t.Errorf("groups after a follow-up = %q", got)
		}
		if p := list.Groups[0].People[0].Member; p.Email != "mia@example.org" || p.Mailing.Zip != "" {
			t.Errorf("the organizer sees %+v; want the contact and no address", p)
		}
	})
}

// groups words a people list as "group:FirstName ...".
func groups(l *app.PeopleList) string {
	var out []string
	for _, g := range l.Groups {
		for _, p := range g.People {
			out = append(out, string(g.Group)+":"+p.Member.FirstName)
		}
	}
	return strings.Join(out, " ")
}

func TestAFollowUpIsRemindedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newSeatWorld(t, dsn)
		srv := mailtest.Start(t)
		m, err := mail.NewSMTP(srv.Config())
		if err != nil {
			t.Fatal(err)
		}
		w.app.Mailer = m
		w.assign(5, 3, rankfile.AssignNew)
		today := rankfile.DateOf(w.now)
		c := &rankfile.Conversation{MemberID: w.member(5).ID, On: today, Method: rankfile.MethodCall,
			Notes: "the landlord's name is private", FollowUpOn: today.AddDays(1)}
		if err := w.app.LogConversation(ctx, w.actor(3), c); err != nil {
			t.Fatal(err)
		}
		if n, err := w.app.QueueFollowUps(ctx); err != nil || n != 0 {
			t.Errorf("the day before: %d queued, %v", n, err)
		}
		w.now = w.now.Add(24 * time.Hour)
		for run, want := range []int{1, 0} {
			if n, err := w.app.QueueFollowUps(ctx); err != nil || n != want {
				t.Errorf("run %d on the day: %d queued (%v), want %d", run, n, err, want)
			}
			if sent, err := w.app.SendOutbox(ctx, "https://rankfile.example"); err != nil || sent != want {
				t.Errorf("run %d on the day: %d sent (%v), want %d", run, sent, err, want)
			}
		}
		msg := srv.Wait(t, "hana@example.org", 5*time.Second)
		if !strings.Contains(msg.Text, "Mia Member") || !strings.Contains(msg.Text, "https://rankfile.example/people") ||
			strings.Contains(msg.Text, "landlord") {
			t.Errorf("the reminder:\n%s\n%s", msg.Subject, msg.Text)
		}
	})
}
