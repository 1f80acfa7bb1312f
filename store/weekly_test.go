package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store"
	"github.com/rankfile/rankfile/store/storetest"
)

// weeklyWorld is a database with three members in good standing and three
// events of the chapter's on the calendar.
type weeklyWorld struct {
	t       *testing.T
	db      *store.DB
	weekly  *store.WeeklyService
	members []int64
	events  []int64
}

func newWeeklyWorld(t *testing.T, dsn string) *weeklyWorld {
	db := storetest.Open(t, dsn)
	setClock(db, "2026-03-19")
	w := &weeklyWorld{t: t, db: db, weekly: store.NewWeeklyService(db)}
	importList(t, db, list(listHeader, "1,Ana,Ruiz,ana@example.org,90026,2030-01-01,Member in Good Standing,,", "2,Ben,Ode,ben@example.org,90026,2030-01-01,Member in Good Standing,,",
		"3,Cy,Lee,cy@example.org,90026,2030-01-01,Member in Good Standing,,"), rankfile.ImportOptions{})
	for _, id := range []string{"1", "2", "3"} {
		w.members = append(w.members, member(t, db, id).ID)
	}
	chapter := &rankfile.Body{Kind: rankfile.KindChapter, Slug: "chapter", Name: "Chapter", Joining: rankfile.JoinNone}
	if err := store.NewBodyService(db).CreateBody(ctx, chapter); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 3, 24, 18, 0, 0, 0, time.UTC)
	var events []*rankfile.Event
	for i, title := range []string{"Phonebank", "Canvass", "Social"} {
		s := start.Add(time.Duration(i) * 24 * time.Hour)
		events = append(events, &rankfile.Event{BodyID: chapter.ID, Kind: rankfile.EventOther, Title: title, StartsAt: s,
			EndsAt: s.Add(time.Hour), Zone: "UTC", Address: "1 Main St", Audience: rankfile.AudiencePublic})
	}
	if err := store.NewEventService(db).CreateEvents(ctx, events, nil); err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		w.events = append(w.events, e.ID)
	}
	return w
}

func (w *weeklyWorld) find(id int64) *rankfile.WeeklyEmail {
	w.t.Helper()
	found, err := w.weekly.FindWeeklies(ctx, rankfile.WeeklyFilter{ID: id})
	if err != nil || len(found) != 1 {
		w.t.Fatalf("weekly email %d: %v, %v", id, found, err)
	}
	return found[0]
}

func TestAWeeklyEmailIsDraftedEditedAndSentOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		monday := rankfile.MustParseDate("2026-03-23")
		draft := &rankfile.WeeklyEmail{WeekOf: monday, EventIDs: w.events[:2], Excluded: w.events[1:2]}
		if err := w.weekly.CreateWeekly(ctx, draft); err != nil {
			t.Fatal(err)
		}
		again := &rankfile.WeeklyEmail{WeekOf: monday}
		if err := w.weekly.CreateWeekly(ctx, again); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("a second draft of the week: %v, want ECONFLICT", err)
		}
		subject, intro := "Week of March 23: the rally", "**Come** to the rally."
		got, err := w.weekly.UpdateWeekly(ctx, draft.ID, rankfile.WeeklyUpdate{Subject: &subject, Intro: &intro})
		if err != nil || got.Subject != subject || got.Intro != intro || !slices.Equal(got.Excluded, w.events[1:2]) {
			t.Fatalf("after editing: %+v, %v", got, err)
		}
		// Drafting again takes in the third event and keeps the second left out.
		got, err = w.weekly.UpdateWeekly(ctx, draft.ID, rankfile.WeeklyUpdate{EventIDs: &w.events})
		if err != nil || !slices.Equal(got.EventIDs, w.events) || !slices.Equal(got.Excluded, w.events[1:2]) || got.Intro != intro {
			t.Fatalf("after drafting again: %+v, %v", got, err)
		}
		none := []int64{}
		if got, _ = w.weekly.UpdateWeekly(ctx, draft.ID, rankfile.WeeklyUpdate{Excluded: &none}); len(got.Excluded) != 0 || got.Subject != subject {
			t.Errorf("after putting every event back: %+v", got)
		}
		sent, err := w.weekly.SendWeekly(ctx, draft.ID, w.members[:2])
		if err != nil || !sent.Sent() || sent.Recipients != 2 || sent.SentBy != "store tests" || sent.SentAt.IsZero() {
			t.Fatalf("sent: %+v, %v", sent, err)
		}
		w.checkQueued(draft.ID, w.members[:2])
		if _, err := w.weekly.SendWeekly(ctx, draft.ID, w.members); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("sending twice: %v, want ECONFLICT", err)
		}
		if _, err := w.weekly.UpdateWeekly(ctx, draft.ID, rankfile.WeeklyUpdate{Intro: &subject}); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("editing a sent email: %v, want ECONFLICT", err)
		}
		w.checkQueued(draft.ID, w.members[:2])
		entries, _ := store.NewAuditService(w.db).FindAuditEntries(ctx, rankfile.AuditFilter{Action: rankfile.AuditSendWeekly})
		if len(entries) != 1 || entries[0].Detail != "week of 2026-03-23, 2 recipients" {
			t.Errorf("the audit log: %+v", entries)
		}
	})
}

// checkQueued checks that the outbox holds one weekly notice for each of
// the members and no other.
func (w *weeklyWorld) checkQueued(weeklyID int64, members []int64) {
	w.t.Helper()
	notices, err := store.NewOutboxService(w.db).FindNotices(ctx, nil, 100)
	if err != nil {
		w.t.Fatal(err)
	}
	var got []int64
	for _, n := range notices {
		if n.Kind != rankfile.NoticeWeekly || n.WeeklyID != weeklyID || n.State != rankfile.NoticePending {
			w.t.Errorf("notice %+v", n)
		}
		got = append(got, n.MemberID)
	}
	slices.Sort(got)
	if !slices.Equal(got, members) {
		w.t.Errorf("queued for %v, want %v", got, members)
	}
}

func TestABadWeeklyEditChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		draft := &rankfile.WeeklyEmail{WeekOf: rankfile.MustParseDate("2026-03-23"), EventIDs: w.events}
		if err := w.weekly.CreateWeekly(ctx, draft); err != nil {
			t.Fatal(err)
		}
		two := "one\ntwo"
		if _, err := w.weekly.UpdateWeekly(ctx, draft.ID, rankfile.WeeklyUpdate{Subject: &two}); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a subject of two lines: %v, want EINVALID", err)
		}
		if _, err := w.weekly.UpdateWeekly(ctx, 999, rankfile.WeeklyUpdate{Subject: new(string)}); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("no such email: %v, want ENOTFOUND", err)
		}
		if _, err := w.weekly.SendWeekly(ctx, 999, w.members); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("sending no such email: %v, want ENOTFOUND", err)
		}
		if got := w.find(draft.ID); got.Subject != "" || got.State != rankfile.WeeklyDraft {
			t.Errorf("after bad edits: %+v", got)
		}
	})
}

func TestAnUnsubscribeLinkTurnsTheWeeklyEmailOff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		ana := w.members[0]
		token, err := w.weekly.UnsubscribeToken(ctx, ana)
		if err != nil || len(token) < 40 {
			t.Fatalf("token %q, %v", token, err)
		}
		if err := w.weekly.CheckUnsubscribeToken(ctx, token); err != nil {
			t.Errorf("checking a good link: %v", err)
		}
		for _, bad := range []string{"", "nope", token + "x"} {
			if err := w.weekly.Unsubscribe(ctx, bad); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
				t.Errorf("unsubscribing with %q: %v, want ENOTFOUND", bad, err)
			}
		}
		if got := member(t, w.db, "1").Preferences.WeeklyEmail; got != nil {
			t.Fatalf("before unsubscribing: %v", *got)
		}
		for range 2 { // the second changes nothing
			if err := w.weekly.Unsubscribe(ctx, token); err != nil {
				t.Fatal(err)
			}
		}
		if m := member(t, w.db, "1"); m.Preferences.WantsWeekly() {
			t.Error("still gets the weekly email")
		}
		if h := history(t, w.db, "1"); h[len(h)-1].Actor != "unsubscribe link" || h[len(h)-2].Kind == rankfile.ChangePreferences {
			t.Errorf("history: %+v", h[len(h)-1])
		}
		if off, err := w.weekly.WeeklyOptOuts(ctx); err != nil || !off[ana] || len(off) != 1 {
			t.Errorf("opted out: %v, %v", off, err)
		}
		w.checkPreferencesKeepTheChoice(ana)
		w.db.Now = func() time.Time { return time.Date(2027, 3, 21, 0, 0, 0, 0, time.UTC) }
		if err := w.weekly.CheckUnsubscribeToken(ctx, token); rankfile.ErrorCode(err) != rankfile.ENOTFOUND {
			t.Errorf("a link over a year old: %v, want ENOTFOUND", err)
		}
	})
}

// checkPreferencesKeepTheChoice sets the member's other preferences, which
// leaves the weekly email off, then turns it back on.
func (w *weeklyWorld) checkPreferencesKeepTheChoice(id int64) {
	w.t.Helper()
	members := store.NewMemberService(w.db)
	if err := members.SetPreferences(ctx, id, rankfile.Preferences{Language: "es"}); err != nil {
		w.t.Fatal(err)
	}
	if m := member(w.t, w.db, "1"); m.Preferences.WantsWeekly() || m.Preferences.Language != "es" {
		w.t.Errorf("other preferences turned the weekly email back on: %+v", m.Preferences)
	}
	on := true
	if err := members.SetPreferences(ctx, id, rankfile.Preferences{WeeklyEmail: &on}); err != nil {
		w.t.Fatal(err)
	}
	if m := member(w.t, w.db, "1"); !m.Preferences.WantsWeekly() {
		w.t.Error("the member could not turn the weekly email back on")
	}
}

// TestRolesSurviveTheCommunicationsRole puts roles into the schema before
// the communications role and checks the migration keeps them and lets
// the new role be granted.
func TestRolesSurviveTheCommunicationsRole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		old, err := store.OpenAtVersion(ctx, dsn, 15)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`INSERT INTO members (id, national_id, first_name, last_name, list_standing, created_at, updated_at)
				VALUES (7, '7', 'Ana', 'García', 'good', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
			`INSERT INTO member_roles (member_id, role, granted_by, granted_at) VALUES (7, 'steward', 'cli', '2026-01-02 00:00:00')`,
			`INSERT INTO member_roles (member_id, role, granted_by, granted_at) VALUES (7, 'admin', 'cli', '2026-01-02 00:00:00')`,
		} {
			if err := old.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := old.Exec(`INSERT INTO member_roles (member_id, role, granted_at) VALUES (7, 'communications', '2026-01-02')`); err == nil {
			t.Error("the old schema took the communications role")
		}
		old.Close()
		db := storetest.Open(t, dsn)
		auth := store.NewAuthService(db)
		if err := auth.GrantRole(ctx, 7, rankfile.RoleCommunications); err != nil {
			t.Fatal(err)
		}
		if err := auth.GrantRole(ctx, 7, "king"); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("an unknown role: %v", err)
		}
		roles, err := auth.Roles(ctx, 7)
		if err != nil || !slices.Equal(roles, []string{"admin", "communications", "steward"}) {
			t.Errorf("roles after the migration: %v, %v", roles, err)
		}
		a, err := auth.Actor(ctx, 7)
		if err != nil || !a.Communications || !a.Steward || !a.Admin || !a.CanEditWeekly() {
			t.Errorf("actor: %+v, %v", a, err)
		}
		if err := db.Exec(`INSERT INTO member_roles (member_id, role, granted_at) VALUES (7, 'king', '2026-01-02')`); err == nil {
			t.Error("the new schema takes any role")
		}
	})
}
