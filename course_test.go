package rankfile_test

import (
	"slices"
	"testing"

	"github.com/rankfile/rankfile"
)

func TestPrerequisiteLoopIsFound(t *testing.T) {
	// 2 requires 1, 3 requires 2: making 1 require 3 closes 1 -> 3 -> 2 -> 1.
	requires := map[int64][]int64{2: {1}, 3: {2}}
	if got, want := rankfile.PrerequisiteLoop(1, []int64{3}, requires), []int64{1, 3, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got := rankfile.PrerequisiteLoop(4, []int64{3}, requires); got != nil {
		t.Errorf("no loop: got %v", got)
	}
}

func TestQualificationLapses(t *testing.T) {
	c := &rankfile.Course{ValidityMonths: 24}
	done := rankfile.MustParseDate("2025-01-31")
	q := &rankfile.Completion{Outcome: rankfile.OutcomeComplete, CompletedOn: done, ExpiresOn: c.ExpiryFrom(done)}
	if q.ExpiresOn != rankfile.MustParseDate("2027-01-31") {
		t.Fatalf("expires %v, want 2027-01-31", q.ExpiresOn)
	}
	if !q.ValidOn(rankfile.MustParseDate("2027-01-30")) || q.ValidOn(rankfile.MustParseDate("2027-01-31")) {
		t.Error("a qualification is valid until the day it lapses")
	}
	if got := (&rankfile.Course{}).ExpiryFrom(done); !got.IsZero() {
		t.Errorf("a course without validity: expiry %v, want none", got)
	}
	if got := rankfile.MustParseDate("2025-01-31").AddMonths(1); got != rankfile.MustParseDate("2025-02-28") {
		t.Errorf("January 31 plus a month: got %v", got)
	}
}

func TestMissingPrerequisite(t *testing.T) {
	today := rankfile.MustParseDate("2026-12-01")
	c := &rankfile.Course{Prerequisites: []rankfile.Prerequisite{{CourseID: 1}, {CourseID: 2, WithinMonths: 12}}}
	done := []*rankfile.Completion{{CourseID: 1, Outcome: rankfile.OutcomeComplete, CompletedOn: rankfile.MustParseDate("2020-01-01")},
		{CourseID: 2, Outcome: rankfile.OutcomeComplete, CompletedOn: rankfile.MustParseDate("2025-11-30")}}
	if m := c.MissingPrerequisite(done, today); m == nil || m.CourseID != 2 {
		t.Fatalf("course 2 completed 12 months and a day ago: missing %v, want course 2", m)
	}
	done[1].CompletedOn = rankfile.MustParseDate("2025-12-01")
	if m := c.MissingPrerequisite(done, today); m != nil {
		t.Errorf("all met: missing %v", m)
	}
	done[0].Outcome = rankfile.OutcomePartial
	if m := c.MissingPrerequisite(done, today); m == nil || m.CourseID != 1 {
		t.Errorf("a partial completion does not count: missing %v", m)
	}
}

func TestCourseValidate(t *testing.T) {
	for name, change := range map[string]func(c *rankfile.Course){
		"no title":      func(c *rankfile.Course) { c.Title = " " },
		"no level":      func(c *rankfile.Course) { c.Level = "" },
		"no owner":      func(c *rankfile.Course) { c.BodyIDs = nil },
		"script link":   func(c *rankfile.Course) { c.Materials = []rankfile.CourseMaterial{{Title: "x", URL: "javascript:x"}} },
		"itself":        func(c *rankfile.Course) { c.Prerequisites = []rankfile.Prerequisite{{CourseID: 7}} },
		"twice":         func(c *rankfile.Course) { c.Prerequisites = []rankfile.Prerequisite{{CourseID: 1}, {CourseID: 1}} },
		"validity < 0":  func(c *rankfile.Course) { c.ValidityMonths = -1 },
		"duration > wk": func(c *rankfile.Course) { c.DurationMinutes = 8 * 24 * 60 },
	} {
		c := &rankfile.Course{ID: 7, Title: "Power mapping", Level: "advanced", BodyIDs: []int64{3}}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		change(c)
		if err := c.Validate(); rankfile.ErrorCode(err) != rankfile.EINVALID {
			t.Errorf("%s: got %v, want EINVALID", name, err)
		}
	}
}
