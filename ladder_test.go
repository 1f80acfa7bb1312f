package rankfile_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rankfile/rankfile"
)

// day returns the date n days after 2026-12-01.
func day(n int) rankfile.Date { return rankfile.Date{Year: 2026, Month: 12, Day: 1}.AddDays(n) }

func TestAMembersStageFollowsHerRecords(t *testing.T) {
	ladder, err := rankfile.ParseLadder(rankfile.DefaultLadder)
	if err != nil {
		t.Fatal(err)
	}
	a := &rankfile.MemberActivity{Dates: map[string][]rankfile.Date{}}
	on := day(0)
	steps := []struct {
		name string
		add  func()
		want string
	}{
		{"a new member", func() {}, ""},
		{"one event 200 days ago: too long ago", func() { a.Dates["events"] = []rankfile.Date{day(-200)} }, ""},
		{"one event 179 days ago: the window's first day", func() { a.Dates["events"] = append(a.Dates["events"], day(-179)) }, "participant"},
		{"three events in 90 days, no one-on-one", func() { a.Dates["events"] = append(a.Dates["events"], day(-89), day(-10), day(0)) }, "participant"},
		{"a one-on-one", func() { a.Dates["one_on_ones"] = []rankfile.Date{day(-30)} }, "active"},
		{"a seat", func() { a.Seats = 1 }, "leader"},
		{"the seat ends", func() { a.Seats = 0 }, "active"},
	}
	for _, s := range steps {
		s.add()
		if got := ladder.StageOf(a, on); got != s.want {
			t.Errorf("%s: stage %q, want %q", s.name, got, s.want)
		}
	}
	if got := ladder.StageOf(a, day(90)); got != "participant" {
		t.Errorf("90 days on, with the events behind her: stage %q, want participant", got)
	}
	if r := ladder.Rank("active"); r != 2 || ladder.Rank("") != 0 || ladder.Rank("nobody") != 0 {
		t.Errorf("ranks: active %d, none %d; want 2 and 0", r, ladder.Rank(""))
	}
}

func TestEventsOfAKindCount(t *testing.T) {
	ladder, err := rankfile.ParseLadder("canvasser: events:canvass >= 2 in 30 days")
	if err != nil {
		t.Fatal(err)
	}
	a := &rankfile.MemberActivity{Dates: map[string][]rankfile.Date{
		"events":         {day(-1), day(-2), day(-3)},
		"events:canvass": {day(-1)},
	}}
	if got := ladder.StageOf(a, day(0)); got != "" {
		t.Errorf("one canvass: stage %q, want none", got)
	}
	a.Dates["events:canvass"] = append(a.Dates["events:canvass"], day(-29))
	if got := ladder.StageOf(a, day(0)); got != "canvasser" {
		t.Errorf("two canvasses: stage %q, want canvasser", got)
	}
}

// TestCoursesAndQualificationsCount reads the course counters and counts
// a member's completions by day and level, and her qualifications valid
// on the day, a renewed course once.
func TestCoursesAndQualificationsCount(t *testing.T) {
	ladder, err := rankfile.ParseLadder("trained: courses >= 1\nadvanced: courses:advanced-2 >= 1 in 365 days\ntrainer: qualified >= 2")
	if err != nil {
		t.Fatal(err)
	}
	if got := ladder.CourseLevels(); !reflect.DeepEqual(got, []string{"advanced-2"}) {
		t.Errorf("levels named: %v, want [advanced-2]", got)
	}
	a := &rankfile.MemberActivity{Dates: map[string][]rankfile.Date{
		"courses": {day(-400), day(5)}, "courses:advanced-2": {day(-400)},
	}, Qualifications: []rankfile.Qualification{
		{CourseID: 1, From: day(-400), Until: day(-35)}, // lapsed
		{CourseID: 1, From: day(-40)},                   // renewed for good
		{CourseID: 2, From: day(-10), Until: day(1)},    // lapses tomorrow
		{CourseID: 3, From: day(5)},                     // not yet
	}}
	for _, c := range []struct {
		on         rankfile.Date
		qualified  int
		stage      string
		courseDays int
	}{
		{day(-401), 0, "", 0},
		{day(-400), 1, "advanced", 1},
		{day(-30), 1, "trained", 1},
		{day(0), 2, "trainer", 1},
		{day(1), 1, "trained", 1},
		{day(5), 2, "trainer", 2},
	} {
		if got := a.Count("qualified", 0, c.on); got != c.qualified {
			t.Errorf("%s: qualified %d, want %d", c.on, got, c.qualified)
		}
		if got := a.Count("courses", 0, c.on); got != c.courseDays {
			t.Errorf("%s: courses %d, want %d", c.on, got, c.courseDays)
		}
		if got := ladder.StageOf(a, c.on); got != c.stage {
			t.Errorf("%s: stage %q, want %q", c.on, got, c.stage)
		}
	}
}

func TestABadLadderIsRefusedSayingWhere(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"", "no stage"},
		{"# only a comment\n", "no stage"},
		{"active events >= 3", "line 1: a stage starts with its key"},
		{"Active: events >= 3", "line 1: a stage starts with its key"},
		{"a: events >= 1\n\nb: parties >= 3", `line 3: "parties" cannot be counted`},
		{"a: events:potluck >= 1", `"events:potluck" cannot be counted`},
		{"a: events > 3", `"events > 3" is not a rule`},
		{"a: events >= 0", "the count must be from 1 to 10000"},
		{"a: events >= 99999999999999999999", "the count must be from 1"},
		{"a: events >= 1 in 0 days", "the days must be from 1 to 3650"},
		{"a: seats >= 1 in 30 days", "take no"},
		{"a: qualified >= 1 in 30 days", "take no"},
		{"a: courses:Advanced >= 1", `"courses:Advanced >= 1" is not a rule`},
		{"a: courses: >= 1", `"courses:" cannot be counted`},
		{"a: events >= 1\na: meetings >= 1", "line 2: the stage a comes twice"},
		{"a: events >= 1 and", "is not a rule"},
		{"a: " + strings.Repeat("events >= 1 and ", 6) + "events >= 1", "at most 6 rules"},
	} {
		_, err := rankfile.ParseLadder(c.text)
		if rankfile.ErrorCode(err) != rankfile.EINVALID || !strings.Contains(rankfile.ErrorMessage(err), c.want) {
			t.Errorf("%q: %v; want it refused saying %q", c.text, err, c.want)
		}
	}
	var many strings.Builder
	for i := range 13 {
		many.WriteString("s" + strings.Repeat("x", i) + ": events >= 1\n")
	}
	if _, err := rankfile.ParseLadder(many.String()); err == nil || !strings.Contains(err.Error(), "at most 12 stages") {
		t.Errorf("13 stages: %v; want them refused", err)
	}
}

func TestALadderWritesAsItReads(t *testing.T) {
	l, err := rankfile.ParseLadder(rankfile.DefaultLadder)
	if err != nil || len(l) != 4 {
		t.Fatalf("the default ladder: %v, %v", l, err)
	}
	again, err := rankfile.ParseLadder(l.String())
	if err != nil || !reflect.DeepEqual(again, l) {
		t.Errorf("written as %q, it reads back as %v, %v", l.String(), again, err)
	}
}

// FuzzParseLadder checks that any text is either refused as invalid or
// read as a ladder that writes out as text reading back the same.
func FuzzParseLadder(f *testing.F) {
	f.Add(rankfile.DefaultLadder)
	f.Add("a: events:canvass >= 2 in 30 days and seats >= 1")
	f.Add("a:events>=1")
	f.Add("a: courses:fundamental >= 2 in 365 days and qualified >= 1")
	f.Fuzz(func(t *testing.T, text string) {
		l, err := rankfile.ParseLadder(text)
		if err != nil {
			if rankfile.ErrorCode(err) != rankfile.EINVALID {
				t.Fatalf("%q: %v is not a clear refusal", text, err)
			}
			return
		}
		again, err := rankfile.ParseLadder(l.String())
		if err != nil || !reflect.DeepEqual(again, l) {
			t.Fatalf("%q reads as %v, writes as %q, which reads as %v, %v", text, l, l.String(), again, err)
		}
	})
}
