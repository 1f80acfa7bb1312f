package rankfile_test

import (
	"testing"
	"time"

	"github.com/rankfile/rankfile"
)

// TestDatesOutsideTheYearsAreRefused checks the one range of years every
// date and time rankfile takes must fall in: from parsing a national
// list's dates to an election's timeline.
func TestDatesOutsideTheYearsAreRefused(t *testing.T) {
	for _, s := range []string{"0000-01-01", "1/1/0001", "1899-12-31", "3000-01-01"} {
		if _, err := rankfile.ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) took a date outside %d-%d", s, rankfile.FirstYear, rankfile.LastYear)
		}
	}
	year0 := time.Date(0, 1, 1, 10, 0, 0, 0, time.UTC)
	e := &rankfile.Election{Title: "Chair", BodyID: 1, Cutoff: rankfile.MustParseDate("2026-01-01"),
		NominationsOpen: year0, NominationsClose: year0.Add(time.Hour), VotingOpen: year0.Add(2 * time.Hour),
		VotingClose: year0.Add(3 * time.Hour), Contests: []*rankfile.Contest{{Title: "Chair", Seats: 1, Method: rankfile.MethodIRV}}}
	e.Cutoff = rankfile.DateOf(year0)
	if err := e.Validate(time.UTC); rankfile.ErrorCode(err) != rankfile.EINVALID {
		t.Errorf("an election in year 0: %v; want invalid", err)
	}
	p := &rankfile.Position{MemberID: 1, BodyID: 1, StartOn: rankfile.MustParseDate("2026-01-01"), EndOn: rankfile.Date{Year: 20260, Month: 1, Day: 1}}
	if err := p.Validate(); rankfile.ErrorCode(err) != rankfile.EINVALID {
		t.Errorf("a position ending in 20260: %v; want invalid", err)
	}
}
