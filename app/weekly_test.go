package app_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/store/storetest"
)

// weeklyWorld is a chapter of twelve members in good standing (and two
// lapsed) with two branches, a neighborhood group inside one of them, a
// committee, and next week's events of each. Its clock stands on Monday
// 2 November 2026; the coming week starts on the 9th.
//
// Voters 3 and 4 live in Central (4 turned the weekly email off), 5 in
// Westside and reads Spanish, 6 is on the Housing committee and in no
// branch; the rest are in no branch.
type weeklyWorld struct {
	*votingWorld
	comms  *rankfile.Actor
	bodies map[string]*rankfile.Body
	events map[string]*rankfile.Event
}

func newWeeklyWorld(t *testing.T, dsn string) *weeklyWorld {
	w := &weeklyWorld{votingWorld: newVotingWorldOf(t, dsn, 12), bodies: map[string]*rankfile.Body{},
		events: map[string]*rankfile.Event{}}
	w.comms = &rankfile.Actor{Member: w.member(2), Communications: true}
	w.body("central", "Central", rankfile.KindBranch, w.chapter.ID)
	w.body("westside", "Westside", rankfile.KindBranch, w.chapter.ID)
	w.body("echo-park", "Echo Park", rankfile.KindNeighborhoodGroup, w.bodies["central"].ID)
	w.body("housing", "Housing", rankfile.KindCommittee, w.chapter.ID)
	w.choose(3, "central")
	w.choose(4, "central")
	w.choose(5, "westside")
	off, es := false, "es"
	w.prefer(4, rankfile.Preferences{WeeklyEmail: &off})
	w.prefer(5, rankfile.Preferences{Language: es})
	if err := w.app.Bodies.CreatePosition(ctx, &rankfile.Position{MemberID: w.member(6).ID, BodyID: w.bodies["housing"].ID,
		StartOn: rankfile.MustParseDate("2026-01-01")}); err != nil {
		t.Fatal(err)
	}
	w.calendar()
	return w
}

func (w *weeklyWorld) body(slug, name string, kind rankfile.BodyKind, parent int64) {
	b := &rankfile.Body{Slug: slug, Name: name, Kind: kind, ParentID: parent, Joining: rankfile.DefaultJoining(kind)}
	if err := w.app.Bodies.CreateBody(ctx, b); err != nil {
		w.t.Fatal(err)
	}
	w.bodies[slug] = b
}

func (w *weeklyWorld) choose(voter int, branch string) {
	if err := w.app.Members.ChooseBranch(ctx, w.member(voter).ID, branch, "tests"); err != nil {
		w.t.Fatal(err)
	}
}

func (w *weeklyWorld) prefer(voter int, p rankfile.Preferences) {
	if err := w.app.Members.SetPreferences(ctx, w.member(voter).ID, p); err != nil {
		w.t.Fatal(err)
	}
}

// calendar puts the events around next week on the calendar: the
// chapter's rally, Central's canvass, Echo Park's potluck, Westside's
// phonebank, Housing's own meeting, and four that do not belong in the
// week's email.
func (w *weeklyWorld) calendar() {
	w.put("Rally", "chapter", "2026-11-10 17:00", rankfile.AudiencePublic)
	w.put("Central canvass", "central", "2026-11-14 10:00", rankfile.AudiencePublic)
	w.put("Echo Park potluck", "echo-park", "2026-11-09 00:00", rankfile.AudienceMembers)
	w.put("Westside phonebank", "westside", "2026-11-12 18:30", rankfile.AudienceMembers)
	w.put("Housing meeting", "housing", "2026-11-11 19:00", rankfile.AudienceBody)
	w.put("Sunday night before", "chapter", "2026-11-08 23:30", rankfile.AudiencePublic)
	w.put("The Monday after", "central", "2026-11-16 00:00", rankfile.AudiencePublic)
	w.put("Cancelled", "central", "2026-11-13 12:00", rankfile.AudiencePublic)
	if err := w.app.CancelEvent(ctx, w.admin, w.events["Cancelled"].ID); err != nil {
		w.t.Fatal(err)
	}
}

// put puts an event of the body on the calendar at a time in Los Angeles.
func (w *weeklyWorld) put(title, body, start string, audience rankfile.Audience) *rankfile.Event {
	w.t.Helper()
	at, err := time.ParseInLocation("2006-01-02 15:04", start, w.now.Location())
	if err != nil {
		w.t.Fatal(err)
	}
	host := w.chapter
	if body != "chapter" {
		host = w.bodies[body]
	}
	e := &rankfile.Event{BodyID: host.ID, Kind: rankfile.EventOther, Title: title, StartsAt: at, EndsAt: at.Add(2 * time.Hour),
		Address: "1 Union Hall, Los Angeles", Audience: audience}
	events, err := w.app.CreateEvent(ctx, w.admin, e, nil)
	if err != nil {
		w.t.Fatal(err)
	}
	w.events[title] = events[0]
	return events[0]
}

// draft drafts next week's email as the communications member.
func (w *weeklyWorld) draft() *rankfile.WeeklyEmail {
	w.t.Helper()
	wk, err := w.app.DraftWeekly(ctx, w.comms, rankfile.MustParseDate("2026-11-11"))
	if err != nil {
		w.t.Fatal(err)
	}
	return wk
}

func (w *weeklyWorld) view(id int64) map[string][]string {
	w.t.Helper()
	v, err := w.app.WeeklyEmail(ctx, w.comms, id)
	if err != nil {
		w.t.Fatal(err)
	}
	out := map[string][]string{}
	for _, p := range v.Previews {
		name := "none"
		if p.Branch != nil {
			name = p.Branch.Slug
		}
		out[name] = titles(p.Events)
	}
	out["hosts"] = titles(v.ForHosts)
	return out
}

func titles(events []*rankfile.Event) []string {
	out := []string{}
	for _, e := range events {
		out = append(out, e.Title)
	}
	return out
}

func TestTheWeeklyDraftGivesEachBranchItsEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		wk := w.draft()
		if wk.WeekOf.String() != "2026-11-09" || wk.State != rankfile.WeeklyDraft || len(wk.EventIDs) != 5 {
			t.Fatalf("the draft: %+v", wk)
		}
		want := map[string][]string{
			"central":  {"Echo Park potluck", "Rally", "Central canvass"},
			"westside": {"Rally", "Westside phonebank"},
			"none":     {"Rally"},
			"hosts":    {"Housing meeting"},
		}
		if got := w.view(wk.ID); !sameCopies(got, want) {
			t.Errorf("each branch's copy:\n%v\nwant\n%v", got, want)
		}
		for _, who := range []*rankfile.Actor{w.voter(7), {Member: w.member(8), Steward: true}} {
			if _, err := w.app.WeeklyEmail(ctx, who, wk.ID); rankfile.ErrorCode(err) != rankfile.EFORBIDDEN {
				t.Errorf("a member without the role sees the draft: %v", err)
			}
		}
		if _, err := w.app.DraftWeekly(ctx, rankfile.Anonymous, rankfile.Date{}); rankfile.ErrorCode(err) != rankfile.EUNAUTHORIZED {
			t.Errorf("drafting unsigned: %v", err)
		}
		if _, err := w.app.DraftWeekly(ctx, w.comms, rankfile.MustParseDate("2026-10-30")); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("drafting a week that is over: %v", err)
		}
	})
}

func sameCopies(got, want map[string][]string) bool {
	if len(got) != len(want) {
		return false
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			return false
		}
	}
	return true
}

func TestDraftingAgainKeepsTheEditorsWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		wk := w.draft()
		intro, excluded := "The general meeting is on the 20th.", []int64{w.events["Rally"].ID}
		if _, err := w.app.UpdateWeekly(ctx, w.comms, wk.ID, rankfile.WeeklyUpdate{Intro: &intro, Excluded: &excluded}); err != nil {
			t.Fatal(err)
		}
		late := w.put("Westside social", "westside", "2026-11-15 16:00", rankfile.AudiencePublic)
		if v, _ := w.app.WeeklyEmail(ctx, w.comms, wk.ID); len(v.Added) != 1 || v.Added[0].ID != late.ID {
			t.Errorf("the page does not say an event was added: %+v", v.Added)
		}
		if err := w.app.CancelEvent(ctx, w.admin, w.events["Central canvass"].ID); err != nil {
			t.Fatal(err)
		}
		again := w.draft()
		if again.ID != wk.ID || again.Intro != intro || !slices.Equal(again.Excluded, excluded) ||
			!slices.Contains(again.EventIDs, late.ID) || slices.Contains(again.EventIDs, w.events["Central canvass"].ID) {
			t.Errorf("after drafting again: %+v", again)
		}
		if got := w.view(wk.ID)["westside"]; !slices.Equal(got, []string{"Westside phonebank", "Westside social"}) {
			t.Errorf("Westside's copy: %v", got)
		}
	})
}

func TestTheClockDraftsTheComingWeekOnceFromThursday(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		if drafted, err := w.app.DraftComingWeekly(ctx); drafted || err != nil {
			t.Errorf("on a Monday: %v, %v", drafted, err)
		}
		w.now = w.now.Add(3 * 24 * time.Hour) // Thursday the 5th
		if drafted, err := w.app.DraftComingWeekly(ctx); !drafted || err != nil {
			t.Fatalf("on Thursday: %v, %v", drafted, err)
		}
		list, err := w.app.Weeklies(ctx, w.comms)
		if err != nil || len(list) != 1 || list[0].WeekOf.String() != "2026-11-09" || list[0].UpdatedBy != "rankfile" || len(list[0].EventIDs) != 5 {
			t.Fatalf("the clock's draft: %+v, %v", list, err)
		}
		w.now = w.now.Add(24 * time.Hour)
		if drafted, err := w.app.DraftComingWeekly(ctx); drafted || err != nil {
			t.Errorf("on Friday, again: %v, %v", drafted, err)
		}
	})
}

// sendDraft drafts next week's email, leaves the rally out, and sends it.
func (w *weeklyWorld) sendDraft(intro string) *rankfile.WeeklyEmail {
	w.t.Helper()
	return w.sendDraftIn(intro, "")
}

// sendDraftIn is sendDraft with an intro in English and one in Spanish.
func (w *weeklyWorld) sendDraftIn(intro, introES string) *rankfile.WeeklyEmail {
	w.t.Helper()
	wk := w.draft()
	excluded := []int64{w.events["Rally"].ID}
	upd := rankfile.WeeklyUpdate{Intro: &intro, IntroES: &introES, Excluded: &excluded}
	if _, err := w.app.UpdateWeekly(ctx, w.comms, wk.ID, upd); err != nil {
		w.t.Fatal(err)
	}
	sent, err := w.app.SendWeekly(ctx, w.comms, wk.ID)
	if err != nil {
		w.t.Fatal(err)
	}
	return sent
}

func TestSendingQueuesOneEmailForEachMemberWithEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		sent := w.sendDraft("")
		// Without the rally and an intro, only members with an event of
		// their branch or committee: not 4, who turned it off, nor the
		// lapsed, nor the members in no branch.
		want := []string{"weekly 3", "weekly 5", "weekly 6"}
		if got := w.pendingVoters(); !slices.Equal(got, want) || sent.Recipients != 3 || !sent.Sent() {
			t.Errorf("queued %v (recipients %d), want %v", got, sent.Recipients, want)
		}
		if _, err := w.app.SendWeekly(ctx, w.comms, sent.ID); rankfile.ErrorCode(err) != rankfile.ECONFLICT {
			t.Errorf("sending twice: %v, want ECONFLICT", err)
		}
		if got := w.pendingVoters(); len(got) != 3 {
			t.Errorf("after sending twice, queued %v", got)
		}
	})
}

// TestAChaptersEventsGoToNoOtherChapter: once the installation holds a
// second chapter, a weekly email carrying the first chapter's events is
// refused, queues nothing and stays a draft; with those events left out,
// its intro goes to every member, as the national organization's.
func TestAChaptersEventsGoToNoOtherChapter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		w.body("san-diego", "San Diego", rankfile.KindChapter, 0)
		wk := w.draft()
		_, err := w.app.SendWeekly(ctx, w.comms, wk.ID)
		if rankfile.ErrorCode(err) != rankfile.ECONFLICT || !strings.Contains(rankfile.ErrorMessage(err), "holds 2 chapters") ||
			!strings.Contains(rankfile.ErrorMessage(err), fmt.Sprintf("(%d)", len(wk.EventIDs))) {
			t.Fatalf("sending the chapter's events with two chapters: %v, want ECONFLICT", err)
		}
		if got := w.pendingVoters(); len(got) != 0 {
			t.Errorf("queued %v", got)
		}
		if found, err := w.app.Weeklies(ctx, w.comms); err != nil || len(found) != 1 || found[0].Sent() {
			t.Errorf("the draft after the refusal: %+v, %v", found, err)
		}
		intro, all := "The national referendum opens on Monday.", wk.EventIDs
		if _, err := w.app.UpdateWeekly(ctx, w.comms, wk.ID, rankfile.WeeklyUpdate{Intro: &intro, Excluded: &all}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.app.SendWeekly(ctx, w.comms, wk.ID); err != nil {
			t.Fatalf("the intro alone: %v", err)
		}
		if got := w.pendingVoters(); len(got) != 11 {
			t.Errorf("the intro alone queued %v, want the twelve in good standing but voter 4", got)
		}
	})
}

func TestAnIntroGoesToEveryMemberWhoGetsTheEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		w := newWeeklyWorld(t, dsn)
		w.sendDraft("The general meeting is on the 20th.")
		got := w.pendingVoters()
		if len(got) != 11 || slices.Contains(got, "weekly 4") || slices.Contains(got, "weekly 13") {
			t.Errorf("queued %v, want the twelve in good standing but voter 4", got)
		}
	})
}

// pendingVoters lists the weekly notices pending, by the voters' national
// ids, in order.
func (w *weeklyWorld) pendingVoters() []string {
	notices, err := w.app.Outbox.FindNotices(ctx, []rankfile.NoticeState{rankfile.NoticePending}, 1000)
	if err != nil {
		w.t.Fatal(err)
	}
	voters := map[int64]int{}
	for i := 1; i <= 14; i++ {
		voters[w.member(i).ID] = i
	}
	var ids []int
	for _, n := range notices {
		if n.Kind == rankfile.NoticeWeekly {
			ids = append(ids, voters[n.MemberID])
		}
	}
	slices.Sort(ids)
	out := []string{}
	for _, id := range ids {
		out = append(out, fmt.Sprintf("weekly %d", id))
	}
	return out
}
