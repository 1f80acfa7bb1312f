package app

import (
	"testing"

	"github.com/rankfile/rankfile"
)

// TestAQualificationLapsingSoonIsMarked checks the training record's
// warning: a qualification lapsing within LapseNoticeDays is marked, one
// lapsing later or never is not, and one lapsed is neither valid nor
// lapsing.
func TestAQualificationLapsingSoonIsMarked(t *testing.T) {
	today := rankfile.MustParseDate("2026-12-07")
	done := []*rankfile.Completion{
		{CourseID: 1, Outcome: rankfile.OutcomeComplete, ExpiresOn: today.AddDays(10)},
		{CourseID: 2, Outcome: rankfile.OutcomeComplete, ExpiresOn: today.AddDays(rankfile.LapseNoticeDays + 10)},
		{CourseID: 3, Outcome: rankfile.OutcomeComplete},
		{CourseID: 4, Outcome: rankfile.OutcomeComplete, ExpiresOn: today.AddDays(-1)},
	}
	want := map[int64][2]bool{1: {true, true}, 2: {true, false}, 3: {true, false}, 4: {false, false}}
	for _, q := range trainingRecordOf(done, today).Qualifications {
		if got := [2]bool{q.Valid, q.Lapsing}; got != want[q.CourseID] {
			t.Errorf("course %d: valid, lapsing = %v, want %v", q.CourseID, got, want[q.CourseID])
		}
	}
}
