package rankfile_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rankfile/rankfile"
)

func TestTheWeekAWeeklyEmailIsDraftedFor(t *testing.T) {
	for day, want := range map[string]struct {
		coming string
		due    bool
	}{
		"2026-03-16": {"2026-03-23", false}, // Monday
		"2026-03-18": {"2026-03-23", false}, // Wednesday
		"2026-03-19": {"2026-03-23", true},  // Thursday
		"2026-03-21": {"2026-03-23", true},  // Saturday
		"2026-03-22": {"2026-03-23", true},  // Sunday, the day before
	} {
		d := rankfile.MustParseDate(day)
		if got := rankfile.ComingWeek(d).String(); got != want.coming {
			t.Errorf("on %s the coming week is %s, want %s", day, got, want.coming)
		}
		if got := rankfile.DueForDraft(d); got != want.due {
			t.Errorf("on %s due for a draft: %v, want %v", day, got, want.due)
		}
	}
}

func TestAWeekRunsFromMondayMidnightWhereTheChapterIs(t *testing.T) {
	la, _ := time.LoadLocation("America/Los_Angeles")
	from, to := rankfile.WeekSpan(rankfile.MustParseDate("2026-03-02"), la) // daylight saving starts on the 8th
	if to.Sub(from) != 7*24*time.Hour-time.Hour {
		t.Errorf("the week lasts %v", to.Sub(from))
	}
	at := func(s string) *rankfile.Event {
		start, _ := time.ParseInLocation("2006-01-02 15:04", s, la)
		return &rankfile.Event{StartsAt: start}
	}
	for start, want := range map[string]bool{
		"2026-03-01 23:59": false, "2026-03-02 00:00": true, "2026-03-08 23:59": true, "2026-03-09 00:00": false,
	} {
		if got := rankfile.InWeek(at(start), from, to); got != want {
			t.Errorf("an event at %s in the week: %v, want %v", start, got, want)
		}
	}
	cancelled := at("2026-03-04 18:00")
	cancelled.Cancelled = true
	if rankfile.InWeek(cancelled, from, to) {
		t.Error("a cancelled event is in the week")
	}
}

func TestWhoseCopyAnEventIsIn(t *testing.T) {
	const central, westside, housing = 10, 11, 20
	event := func(host int64, audience rankfile.Audience) *rankfile.Event {
		return &rankfile.Event{BodyID: host, Audience: audience}
	}
	branchOnly := func(b int64) func(int64) bool { return func(id int64) bool { return id == b } }
	inHousing := func(b int64) func(int64) bool { return func(id int64) bool { return id == b || id == housing } }
	for _, c := range []struct {
		name    string
		item    rankfile.WeeklyItem
		branch  int64
		belongs func(int64) bool
		want    bool
	}{
		{"the chapter's, to a Central member", rankfile.WeeklyItem{Event: event(1, rankfile.AudiencePublic)}, central, branchOnly(central), true},
		{"the chapter's, to a member outside every branch", rankfile.WeeklyItem{Event: event(1, rankfile.AudienceMembers)}, 0, branchOnly(0), true},
		{"Central's, to a Central member", rankfile.WeeklyItem{Event: event(central, rankfile.AudiencePublic), BranchID: central}, central, branchOnly(central), true},
		{"Central's, to a Westside member", rankfile.WeeklyItem{Event: event(central, rankfile.AudiencePublic), BranchID: central}, westside, branchOnly(westside), false},
		{"Central's, left out", rankfile.WeeklyItem{Event: event(central, rankfile.AudiencePublic), BranchID: central, Excluded: true}, central, branchOnly(central), false},
		{"Housing's own, to a member of Housing in Westside", rankfile.WeeklyItem{Event: event(housing, rankfile.AudienceBody)}, westside, inHousing(westside), true},
		{"Housing's own, to a member not in it", rankfile.WeeklyItem{Event: event(housing, rankfile.AudienceBody)}, central, branchOnly(central), false},
		{"Central's members' meeting, to a Central member", rankfile.WeeklyItem{Event: event(central, rankfile.AudienceBody), BranchID: central}, central, branchOnly(central), true},
		{"Central's members' meeting, to a Westside member", rankfile.WeeklyItem{Event: event(central, rankfile.AudienceBody), BranchID: central}, westside, branchOnly(westside), false},
	} {
		if got := c.item.Reaches(c.branch, c.belongs); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestABodysBranchIsFoundUpTheTree(t *testing.T) {
	bodies := map[int64]*rankfile.Body{
		1: {ID: 1, Kind: rankfile.KindChapter},
		2: {ID: 2, Kind: rankfile.KindBranch, ParentID: 1},
		3: {ID: 3, Kind: rankfile.KindNeighborhoodGroup, ParentID: 2},
		4: {ID: 4, Kind: rankfile.KindCommittee, ParentID: 1},
		5: {ID: 5, Kind: rankfile.KindWorkingGroup, ParentID: 6}, // a loop the data should not hold
		6: {ID: 6, Kind: rankfile.KindWorkingGroup, ParentID: 5},
	}
	for body, want := range map[int64]int64{1: 0, 2: 2, 3: 2, 4: 0, 5: 0, 99: 0} {
		if got := rankfile.BranchOf(body, bodies); got != want {
			t.Errorf("the branch of body %d: %d, want %d", body, got, want)
		}
	}
}

func TestWhoGetsTheWeeklyEmail(t *testing.T) {
	today := rankfile.MustParseDate("2026-03-20")
	off, on := false, true
	member := func(change func(m *rankfile.Member)) *rankfile.Member {
		m := &rankfile.Member{Email: "mia@example.org", Roster: rankfile.RosterState{ListStanding: rankfile.StandingGood}}
		change(m)
		return m
	}
	for name, c := range map[string]struct {
		m    *rankfile.Member
		want bool
	}{
		"in good standing":        {member(func(*rankfile.Member) {}), true},
		"who said yes":            {member(func(m *rankfile.Member) { m.Preferences.WeeklyEmail = &on }), true},
		"who turned it off":       {member(func(m *rankfile.Member) { m.Preferences.WeeklyEmail = &off }), false},
		"without an address":      {member(func(m *rankfile.Member) { m.Email = "" }), false},
		"whose dues are not paid": {member(func(m *rankfile.Member) { m.Roster.ListStanding = rankfile.StandingMember }), false},
		"lapsed, with a waiver": {member(func(m *rankfile.Member) {
			m.Roster.ListStanding = rankfile.StandingLapsed
			m.Roster.Override = &rankfile.StandingOverride{Standing: rankfile.StandingGood}
		}), true},
	} {
		if got := c.m.GetsWeekly(today); got != c.want {
			t.Errorf("a member %s gets it: %v, want %v", name, got, c.want)
		}
	}
}

func TestAWeeklyEmailIsCheckedBeforeItIsStored(t *testing.T) {
	monday := rankfile.MustParseDate("2026-03-23")
	long := strings.Repeat("x", 201)
	twoLines := "Week of March 23\nBcc: everyone@example.org"
	for name, w := range map[string]*rankfile.WeeklyEmail{
		"for a Tuesday":       {WeekOf: monday.AddDays(1)},
		"with no week":        {},
		"with a long subject": {WeekOf: monday, Subject: long},
		"with a second line":  {WeekOf: monday, Subject: twoLines},
		"with a huge intro":   {WeekOf: monday, Intro: strings.Repeat("x", 20_001)},
	} {
		if err := w.Validate(); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("a weekly email %s: %v, want EINVALID", name, err)
		}
	}
	w := &rankfile.WeeklyEmail{WeekOf: monday, Subject: "  Week of March 23  "}
	if err := w.Validate(); err != nil || w.Subject != "Week of March 23" {
		t.Errorf("a good one: %v, subject %q", err, w.Subject)
	}
	if w.WorthSending(0) || !w.WorthSending(1) {
		t.Error("without an intro, only a copy with events is worth sending")
	}
	w.Intro = "The general meeting is on the 28th."
	if !w.WorthSending(0) {
		t.Error("with an intro, every copy is worth sending")
	}
}
